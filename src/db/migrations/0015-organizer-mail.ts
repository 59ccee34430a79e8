import type { Kysely } from 'kysely';

// The organizer's desk, its timed e-mails and the wrap-up after an event (issue 7): unsubscribes from an
// organization's mail (by address), the reminder the day before (when it was sent), and which person of an
// organizer's contacts each attendee became when the event was wrapped up (so that wrapping up twice adds no one).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organization_unsubscribes')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_unsubscribes_pk', ['organization_id', 'email_key'])
    .execute();
  // The secret of each unsubscribe link mailed (SHA-256), and whose address it stops.
  await db.schema
    .createTable('organization_unsubscribe_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('registrations').addColumn('reminded_at', 'text').execute();
  await db.schema.createIndex('hosted_events_starts').on('hosted_events').columns(['starts_at']).execute();

  await db.schema
    .createTable('hosted_event_wrap_ups')
    .addColumn('hosted_event_id', 'text', (c) => c.notNull().references('hosted_events.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // The organizer's own event ("met at"), in their account.
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hosted_event_wrap_ups_pk', ['hosted_event_id', 'account_id'])
    .execute();
  await db.schema
    .createTable('wrap_up_people')
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wrap_up_people_pk', ['registration_id', 'account_id'])
    .execute();
  await db.schema
    .createTable('wrap_up_speakers')
    .addColumn('speaker_id', 'text', (c) => c.notNull().references('speakers.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wrap_up_speakers_pk', ['speaker_id', 'account_id'])
    .execute();
}
