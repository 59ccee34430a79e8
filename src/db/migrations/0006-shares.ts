import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
import { termsOf } from '../../core/topic-match.js';

// Things to share, who they were sent to (or dismissed for), and the matching terms of every commonality, so that
// matching a thing against 100k people is one indexed query rather than a scan of every commonality.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shares_account').on('shares').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('share_deliveries')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('share_deliveries_pk', ['share_id', 'person_id'])
    .execute();
  await db.schema.createIndex('share_deliveries_account').on('share_deliveries').columns(['account_id', 'share_id']).execute();

  await db.schema
    .createTable('commonality_terms')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('commonality_id', 'text', (c) => c.notNull().references('commonalities.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('term_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('commonality_terms_pk', ['commonality_id', 'term'])
    .execute();
  // (account_id, term) finds the candidates; the other columns make the index cover the query, so that matching reads
  // nothing else: the commonality's kind and term count are all the scoring needs besides which terms it holds.
  await db.schema
    .createIndex('commonality_terms_term')
    .on('commonality_terms')
    .columns(['account_id', 'term', 'commonality_id', 'person_id', 'kind', 'term_count'])
    .execute();
  // Matching leaves out deleted people: they are few, and this small index lists them without reading the live ones.
  await db.schema.createIndex('people_deleted').on('people').columns(['account_id', 'id']).where(sql.ref('deleted_at'), 'is not', null).execute();

  await fillCommonalityTerms(db as Kysely<CommonalityTables>);
}

interface CommonalityTables {
  commonalities: { id: string; account_id: string; person_id: string; kind: string; text: string };
  commonality_terms: { account_id: string; term: string; person_id: string; commonality_id: string; kind: string; term_count: number };
}

const PAGE = 2000;
const ROWS_PER_INSERT = 500;

/**
 * Computes the terms of every existing commonality (in JS: the stemmer and the close-form table live in core) and
 * stores them. A later migration that changes the matching rules empties commonality_terms and calls this again.
 */
export async function fillCommonalityTerms(db: Kysely<CommonalityTables>): Promise<void> {
  let after = '';
  for (;;) {
    const page = await db.selectFrom('commonalities').select(['id', 'account_id', 'person_id', 'kind', 'text']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    if (page.length === 0) return;
    const rows = page.flatMap((c) => {
      const terms = termsOf(c.text);
      return terms.map((term) => ({ account_id: c.account_id, term, person_id: c.person_id, commonality_id: c.id, kind: c.kind, term_count: terms.length }));
    });
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await db.insertInto('commonality_terms').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
    }
    after = page.at(-1)!.id;
  }
}
