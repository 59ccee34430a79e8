import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// Two additions for the web app: captures that a client may resend (an offline queue) are made once per request id,
// and an account remembers when its first run was completed.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // The primary key is what makes a capture happen once: of two requests with the same id, even at the same moment,
  // only one can insert its row, and the other's transaction (with its person) is rolled back.
  // person_id has no foreign key on purpose: a person deleted for good must not take the receipt with them, or a
  // late resend of their capture would make them again.
  await db.schema
    .createTable('capture_requests')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('promise_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('capture_requests_pk', ['account_id', 'request_id'])
    .execute();

  // Null for every account that exists already: they see the first run once, as a new account does.
  await db.schema.alterTable('account_settings').addColumn('onboarded_at', 'text').execute();
}
