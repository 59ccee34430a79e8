import type { Kysely } from 'kysely';

// Suggestions: the words of drafted messages as each account edited them (a row only for a reason whose template was
// changed; the others use the defaults in src/core/message-template.ts), and suggestions set aside ("not now",
// snoozed promises and matches) with the last day they stay hidden.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('message_templates')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('short', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_templates_pk', ['account_id', 'reason'])
    .execute();

  await db.schema
    .createTable('suggestions_set_aside')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('hidden_through', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestions_set_aside_pk', ['account_id', 'key'])
    .execute();

  // The daily list puts first follow-ups first: found without reading past every overdue keep-in-touch one.
  await db.schema
    .createIndex('people_first_follow_ups')
    .on('people')
    .columns(['account_id', 'follow_up_reason', 'follow_up_due_on', 'id'])
    .execute();
}
