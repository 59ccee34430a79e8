import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// CardDAV: app passwords (Basic auth for address-book clients; only a SHA-256 hash is stored), and per account the
// state of its address book: a sync token that only grows, and per person the card clients know (its resource name,
// UID and ETag) with the token of its last change. A deleted person keeps its row as a tombstone, so that
// sync-collection can report the deletion to a client however old its token is: tokens never expire.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('app_passwords')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull().unique())
    .addColumn('password_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('app_passwords_account').on('app_passwords').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('carddav_books')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('sync_token', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('carddav_changes')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('href_name', 'text', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('seen_updated_at', 'text', (c) => c.notNull())
    .addColumn('sync_token', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('carddav_changes_pk', ['account_id', 'person_id'])
    .execute();
  await db.schema.createIndex('carddav_changes_href').on('carddav_changes').columns(['account_id', 'href_name']).unique().execute();
  await db.schema.createIndex('carddav_changes_uid').on('carddav_changes').columns(['account_id', 'uid']).execute();
  await db.schema.createIndex('carddav_changes_token').on('carddav_changes').columns(['account_id', 'sync_token']).execute();
}
