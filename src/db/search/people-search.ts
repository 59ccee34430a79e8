// Prefix search over people, the one part of querying that differs by database: FTS5 on SQLite, a weighted
// tsvector on PostgreSQL. Both index the same folded words (see search-text in app/), so they find the same
// people in the same order: every word of the query must start a word of the person; people whose *name*
// matches every word come first, then the others; within each group the most recently added come first.
import { sql } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { Executor } from '../repositories/executor.js';

export interface SearchPage {
  ids: string[];
  hasMore: boolean;
}

export interface PeopleSearch {
  /** `words` are folded words (letters and digits only). */
  search(db: Executor, accountId: string, words: string[], limit: number, offset: number): Promise<SearchPage>;
}

function accountToken(accountId: string): string {
  return `a${accountId.replace(/-/g, '')}`;
}

class SqlitePeopleSearch implements PeopleSearch {
  async search(db: Executor, accountId: string, words: string[], limit: number, offset: number): Promise<SearchPage> {
    const want = offset + limit + 1;
    const terms = words.map((w) => `"${w}"*`).join(' AND ');
    const account = `account : ${accountToken(accountId)}`;
    const nameMatch = `${account} AND name : (${terms})`;
    const first = await this.rowids(db, nameMatch, want);
    let ids = first;
    if (first.length < want) {
      const restMatch = `${account} AND {name rest} : (${terms}) NOT name : (${terms})`;
      ids = first.concat(await this.rowids(db, restMatch, want - first.length));
    }
    return { ids: ids.slice(offset, offset + limit), hasMore: ids.length > offset + limit };
  }

  private async rowids(db: Executor, match: string, limit: number): Promise<string[]> {
    const result = await sql<{ id: string }>`
      SELECT p.id FROM (SELECT rowid FROM people_fts WHERE people_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${limit}) AS f
      JOIN people p ON p.rowid = f.rowid ORDER BY f.rowid DESC`.execute(db);
    return result.rows.map((r) => r.id);
  }
}

class PostgresPeopleSearch implements PeopleSearch {
  async search(db: Executor, accountId: string, words: string[], limit: number, offset: number): Promise<SearchPage> {
    const anywhere = words.map((w) => `${w}:*`).join(' & ');
    const inName = words.map((w) => `${w}:*A`).join(' & ');
    const result = await sql<{ id: string }>`
      SELECT id FROM people
      WHERE account_id = ${accountId} AND deleted_at IS NULL AND search_vector @@ to_tsquery('simple', ${anywhere})
      ORDER BY (search_vector @@ to_tsquery('simple', ${inName})) DESC, id DESC
      LIMIT ${limit + 1} OFFSET ${offset}`.execute(db);
    const ids = result.rows.map((r) => r.id);
    return { ids: ids.slice(0, limit), hasMore: ids.length > limit };
  }
}

export function peopleSearchFor(dialect: DialectName): PeopleSearch {
  return dialect === 'sqlite' ? new SqlitePeopleSearch() : new PostgresPeopleSearch();
}
