import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// The calendar feed: one secret URL per account (its token stored only as a SHA-256 hash), and per item of the feed
// the digest of what a calendar last saw and its SEQUENCE, so that a changed item is bumped and an unchanged one not.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_fetched_at', 'text')
    .execute();

  await db.schema
    .createTable('calendar_feed_items')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_feed_items_pk', ['account_id', 'uid'])
    .execute();

  // The feed reads open promises with a due day, nearest first, in both directions.
  await db.schema
    .createIndex('promises_feed')
    .on('promises')
    .columns(['account_id', 'due_on', 'id'])
    .where(sql.ref('done_at'), 'is', null)
    .execute();
}
