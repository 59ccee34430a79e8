import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// What a person needs so that a vCard goes in and comes back out with nothing lost: the card's UID (unique per
// account: a re-import and CardDAV find the person by it), the property lines Kith does not understand (JSON array,
// written back on export), the birthday, and the photo (bytes in the database, like card_images, so that a backup
// of the database holds everything). Imports keep a row per run and a row per input record: the report.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('person_vcards')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('uid', 'text')
    .addColumn('birthday', 'text')
    .addColumn('extra', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_vcards_uid').on('person_vcards').columns(['account_id', 'uid']).unique().execute();

  await db.schema
    .createTable('person_photos')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', bytes, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_photos_account').on('person_photos').columns(['account_id']).execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('merged', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('imports_account').on('imports').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('import_records')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('matched_by', 'text')
    .addColumn('name', 'text')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('import_records_pk', ['import_id', 'position'])
    .execute();
}
