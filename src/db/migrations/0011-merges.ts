import type { Kysely } from 'kysely';

// Duplicates: pairs a person said are not the same person (never shown again), and merges with the snapshot that
// undoes them. The snapshot (JSON) holds both people's rows and the ids of every row the merge moved or made.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('duplicate_dismissals')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // The two person ids, person_a < person_b, so that a pair has one row whatever the order it was sent in.
    .addColumn('person_a', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('person_b', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicate_dismissals_pk', ['account_id', 'person_a', 'person_b'])
    .execute();

  await db.schema
    .createTable('merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kept_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('merged_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .execute();
  await db.schema.createIndex('merges_account_created').on('merges').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('merges_account_kept').on('merges').columns(['account_id', 'kept_id']).execute();
  await db.schema.createIndex('merges_account_merged').on('merges').columns(['account_id', 'merged_id']).execute();
  // Blocking on e-mail domains: the duplicate finder groups work e-mails by what follows the '@'.
  await db.schema.createIndex('person_contacts_kind_person').on('person_contacts').columns(['account_id', 'kind', 'person_id']).execute();
}
