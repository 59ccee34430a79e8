import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// Columns named *_at hold ISO-8601 UTC instants, *_on hold 'YYYY-MM-DD' days, both as text on both databases.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_account').on('api_tokens').column('account_id').execute();

  await db.schema
    .createTable('account_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('follow_up_window_days', 'integer', (c) => c.notNull())
    .addColumn('promise_default_days', 'integer', (c) => c.notNull())
    .addColumn('cadence_met', 'integer')
    .addColumn('cadence_talking', 'integer')
    .addColumn('cadence_relationship', 'integer')
    .addColumn('cadence_client', 'integer')
    .addColumn('cadence_dormant', 'integer')
    .addColumn('default_goal', 'integer', (c) => c.notNull())
    .addColumn('daily_suggestions', 'integer', (c) => c.notNull())
    .addColumn('default_region', 'text', (c) => c.notNull())
    .addColumn('current_event_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('link', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('goal', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_account_start').on('events').columns(['account_id', 'starts_at']).execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('title', 'text')
    .addColumn('notes', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('cadence_days', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('met_event_id', 'text', (c) => c.references('events.id').onDelete('set null'))
    .addColumn('met_on', 'text')
    .addColumn('introduced_by', 'text')
    .addColumn('snoozed_until', 'text')
    .addColumn('last_touch_on', 'text')
    .addColumn('last_follow_up_on', 'text')
    .addColumn('last_met_on', 'text')
    .addColumn('follow_up_reason', 'text')
    .addColumn('follow_up_since', 'text')
    .addColumn('follow_up_due_on', 'text')
    .addColumn('follow_up_soon_from', 'text')
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('search_rest', 'text', (c) => c.notNull())
    .addColumn('company_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  // Every index leads with the account: each query filters on it, and the planner (without statistics) then picks
  // the index that also fits the rest of the query.
  await db.schema.createIndex('people_account_id').on('people').columns(['account_id', 'id']).execute();
  await db.schema.createIndex('people_account_name').on('people').columns(['account_id', 'full_name']).execute();
  await db.schema.createIndex('people_account_company').on('people').columns(['account_id', 'company_key']).execute();
  // The follow-up list walks live people by due day and stops after a page; its counts read only this index.
  await db.schema
    .createIndex('people_follow_up_due')
    .on('people')
    .columns(['account_id', 'follow_up_due_on', 'id', 'follow_up_soon_from'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('people_follow_up_soon')
    .on('people')
    .columns(['account_id', 'follow_up_soon_from', 'follow_up_due_on'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('person_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_contacts_person').on('person_contacts').columns(['account_id', 'person_id', 'position']).execute();
  await db.schema.createIndex('person_contacts_value').on('person_contacts').columns(['account_id', 'kind', 'value']).execute();

  await db.schema
    .createTable('commonalities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commonalities_person').on('commonalities').columns(['account_id', 'person_id']).execute();
  await db.schema.createIndex('commonalities_topic').on('commonalities').columns(['account_id', 'topic']).execute();

  await db.schema
    .createTable('promises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('made_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('effective_due_on', 'text', (c) => c.notNull())
    .addColumn('soon_from', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.references('events.id').onDelete('set null'))
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('promises_person').on('promises').columns(['account_id', 'person_id']).execute();
  await db.schema.createIndex('promises_event').on('promises').columns(['account_id', 'event_id']).execute();
  await db.schema
    .createIndex('promises_open')
    .on('promises')
    .columns(['account_id', 'direction', 'effective_due_on', 'id', 'soon_from'])
    .where(sql.ref('done_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('interactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('event_id', 'text', (c) => c.references('events.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interactions_person').on('interactions').columns(['account_id', 'person_id', 'occurred_on']).execute();

  await db.schema
    .createTable('event_people')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('is_new', 'integer', (c) => c.notNull())
    .addColumn('met_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_people_pk', ['event_id', 'person_id'])
    .execute();
  await db.schema.createIndex('event_people_person').on('event_people').columns(['account_id', 'person_id']).execute();

  await db.schema
    .createTable('stage_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stage_history_person').on('stage_history').columns(['account_id', 'person_id', 'changed_at']).execute();

  await createSearch(db, dialect);
}

// Search is the one dialect-specific part of the schema: FTS5 on SQLite, a weighted tsvector on PostgreSQL.
// Both index the same folded words (search_name, search_rest), made in app code, so both find the same people.
async function createSearch(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    // Contentless: the words live in `people`; an index only answers "which rowids" (the query joins people for
    // the account). prefix='2 3 4' makes the 2- to 4-letter prefixes people type fast. Names have an index of
    // their own, so the first tier of a search (names) reads short lists instead of every word of every person.
    const fts = "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'";
    await sql.raw(`CREATE VIRTUAL TABLE people_fts USING fts5(name, rest, ${fts})`).execute(db);
    await sql.raw(`CREATE VIRTUAL TABLE people_names_fts USING fts5(name, ${fts})`).execute(db);
    await sql`CREATE TRIGGER people_fts_insert AFTER INSERT ON people WHEN new.deleted_at IS NULL BEGIN
      INSERT INTO people_fts(rowid, name, rest) VALUES (new.rowid, new.search_name, new.search_rest);
      INSERT INTO people_names_fts(rowid, name) VALUES (new.rowid, new.search_name);
    END`.execute(db);
    await sql`CREATE TRIGGER people_fts_update AFTER UPDATE OF search_name, search_rest, deleted_at ON people BEGIN
      DELETE FROM people_fts WHERE rowid = old.rowid;
      DELETE FROM people_names_fts WHERE rowid = old.rowid;
      INSERT INTO people_fts(rowid, name, rest) SELECT new.rowid, new.search_name, new.search_rest WHERE new.deleted_at IS NULL;
      INSERT INTO people_names_fts(rowid, name) SELECT new.rowid, new.search_name WHERE new.deleted_at IS NULL;
    END`.execute(db);
    await sql`CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
      DELETE FROM people_fts WHERE rowid = old.rowid;
      DELETE FROM people_names_fts WHERE rowid = old.rowid;
    END`.execute(db);
  } else {
    await sql`ALTER TABLE people ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple', search_name), 'A') || setweight(to_tsvector('simple', search_rest), 'B')
    ) STORED`.execute(db);
    await sql`CREATE INDEX people_search ON people USING gin (search_vector)`.execute(db);
  }
}
