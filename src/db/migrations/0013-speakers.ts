import type { Kysely } from 'kysely';

// The organizer's desk, speakers (issue 7): an organization's speakers (optionally for one of its events), the dated
// steps of each one's pipeline, their invitations with the secret link's hash, and the organization's nudge setting.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('speakers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('hosted_event_id', 'text', (c) => c.references('hosted_events.id').onDelete('set null'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    // A prospect may have none yet; an invitation needs one.
    .addColumn('email', 'text')
    .addColumn('company', 'text')
    .addColumn('title', 'text')
    .addColumn('topic', 'text')
    .addColumn('notes', 'text')
    // prospect | invited | accepted | declined | confirmed | spoke (core/speaker-pipeline.ts)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('speakers_organization').on('speakers').columns(['organization_id', 'hosted_event_id']).execute();

  // Every step with its date: the history of the pipeline (a re-invitation is a step of its own).
  await db.schema
    .createTable('speaker_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('speaker_id', 'text', (c) => c.notNull().references('speakers.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // An answer the organizer recorded for the speaker (a yes given by phone).
    .addColumn('on_behalf', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    // Who moved it; null: the speaker, through their invitation's page.
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('speaker_steps_speaker').on('speaker_steps').columns(['speaker_id', 'at']).execute();

  // An invitation e-mail and its link (/s/<token>): only the token's SHA-256 is kept. Single-use (answered_at), and
  // revoked when a newer invitation replaces it or the organizer withdraws it.
  await db.schema
    .createTable('speaker_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('speaker_id', 'text', (c) => c.notNull().references('speakers.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // The organizer's own words in the e-mail, shown on the page too.
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // When the one reminder is due (null: the organization turned nudges off), and when it was written.
    .addColumn('nudge_at', 'text')
    .addColumn('nudged_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('answered_at', 'text')
    // accepted | declined
    .addColumn('answer', 'text')
    .addColumn('on_behalf', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('speaker_invitations_speaker').on('speaker_invitations').columns(['speaker_id', 'created_at']).execute();
  await db.schema.createIndex('speaker_invitations_nudge').on('speaker_invitations').columns(['nudge_at']).execute();

  // Per organization: days until the nudge (null: none). No row: the default (core/speaker-pipeline.ts).
  await db.schema
    .createTable('speaker_settings')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('nudge_after_days', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
