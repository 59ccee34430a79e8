import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// Business cards: a scan is a draft waiting for the person's review (with the card's images), kept a day; once saved,
// its images belong to the person it made. Images live in the database (downscaled JPEGs of about 100 KB), so that
// several servers on one PostgreSQL share them and a backup of the database holds everything.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('card_scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('event_id', 'text')
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('card_scans_account').on('card_scans').columns(['account_id', 'expires_at']).execute();

  await db.schema
    .createTable('card_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('scan_id', 'text', (c) => c.references('card_scans.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('card_images_scan').on('card_images').columns(['account_id', 'scan_id']).execute();
  await db.schema.createIndex('card_images_person').on('card_images').columns(['account_id', 'person_id']).execute();
}
