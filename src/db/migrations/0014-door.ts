import type { Kysely } from 'kysely';

// Door check-in (issue 7): links that door staff open without an account, and the actions their phones sent.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One shared link per row, for one event. Only the SHA-256 of its token is kept; a link ends when it is revoked or
  // when the event has been over for DOOR_LINK_HOURS_AFTER_END hours (computed from the event, so moving the event
  // moves the end of its links too).
  await db.schema
    .createTable('door_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('hosted_event_id', 'text', (c) => c.notNull().references('hosted_events.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('door_links_event').on('door_links').columns(['hosted_event_id']).execute();

  // Every action a phone sent, by the id the phone made for it: a replay (the answer lost on bad Wi-Fi) finds its
  // row and gets the same answer, so that nothing is done twice. The primary key makes two concurrent replays one.
  await db.schema
    .createTable('door_actions')
    .addColumn('hosted_event_id', 'text', (c) => c.notNull().references('hosted_events.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('door_link_id', 'text', (c) => c.notNull().references('door_links.id').onDelete('cascade'))
    // check-in | undo | walk-in
    .addColumn('kind', 'text', (c) => c.notNull())
    // The answer given, JSON (DoorActionResult).
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('door_actions_pk', ['hosted_event_id', 'client_id'])
    .execute();
}
