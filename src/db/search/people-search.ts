// Prefix search over people, the one part of querying that differs by database: FTS5 on SQLite, a weighted
// tsvector on PostgreSQL. Both index the same folded words (see search-text in app/), so they find the same
// people in the same order: every word of the query must start a word of the person; people whose *name*
// matches every word come first, then the others; within each group the most recently added come first.
import { sql } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { Executor } from '../repositories/executor.js';
import type { PersonSummary } from '../../core/records.js';
import { SUMMARY_COLUMNS, toSummary } from '../repositories/person.repository.js';

export interface SearchPage {
  items: PersonSummary[];
  hasMore: boolean;
}

type SummaryRow = Parameters<typeof toSummary>[0];
/** The summary columns, read in the search query itself: no second query to fetch the people found. */
const columns = (alias: string) => sql.join(SUMMARY_COLUMNS.map((c) => sql.ref(`${alias}.${c}`)));

export interface PeopleSearch {
  /** `words` are folded words (letters and digits only). */
  search(db: Executor, accountId: string, words: string[], limit: number, offset: number): Promise<SearchPage>;
}

/** Walks the matches from the newest down and stops after `limit`: names first, then everything else. */
async function twoTiers(want: number, tier: (nameOnly: boolean, limit: number) => Promise<SummaryRow[]>): Promise<PersonSummary[]> {
  const names = await tier(true, want);
  if (names.length >= want) return names.map(toSummary);
  // Fewer names than wanted means every name match is in hand: the first `want` matches anywhere hold at most that
  // many of them, so dropping those leaves the rest in order (cheaper than asking the index for "anywhere but names").
  const seen = new Set(names.map((r) => r.id));
  const others = (await tier(false, want)).filter((r) => !seen.has(r.id));
  return names.concat(others).slice(0, want).map(toSummary);
}

function page(found: PersonSummary[], limit: number, offset: number): SearchPage {
  return { items: found.slice(offset, offset + limit), hasMore: found.length > offset + limit };
}

class SqlitePeopleSearch implements PeopleSearch {
  async search(db: Executor, accountId: string, words: string[], limit: number, offset: number): Promise<SearchPage> {
    const terms = words.map((w) => `"${w}"*`).join(' AND ');
    const found = await twoTiers(offset + limit + 1, (nameOnly, n) =>
      this.matches(db, nameOnly ? 'people_names_fts' : 'people_fts', accountId, terms, n),
    );
    return page(found, limit, offset);
  }

  // FTS5 yields matches in descending rowid order (newest first) and the join keeps the account's own; the
  // walk stops at the limit, so a short prefix with thousands of matches costs no more than a page.
  private async matches(db: Executor, table: 'people_fts' | 'people_names_fts', accountId: string, match: string, limit: number): Promise<SummaryRow[]> {
    const result = await sql<SummaryRow>`
      SELECT ${columns('p')} FROM ${sql.table(table)} f JOIN people p ON p.rowid = f.rowid
      WHERE f.${sql.ref(table)} MATCH ${match} AND p.account_id = ${accountId}
      ORDER BY f.rowid DESC LIMIT ${limit}`.execute(db);
    return result.rows;
  }
}

class PostgresPeopleSearch implements PeopleSearch {
  async search(db: Executor, accountId: string, words: string[], limit: number, offset: number): Promise<SearchPage> {
    const anywhere = words.map((w) => `${w}:*`).join(' & ');
    const inName = words.map((w) => `${w}:*A`).join(' & ');
    const found = await twoTiers(offset + limit + 1, async (nameOnly, n) => {
      const result = await sql<SummaryRow>`
        SELECT ${columns('people')} FROM people
        WHERE account_id = ${accountId} AND deleted_at IS NULL
          AND search_vector @@ to_tsquery('simple', ${nameOnly ? inName : anywhere})
        ORDER BY id DESC LIMIT ${n}`.execute(db);
      return result.rows;
    });
    return page(found, limit, offset);
  }
}

export function peopleSearchFor(dialect: DialectName): PeopleSearch {
  return dialect === 'sqlite' ? new SqlitePeopleSearch() : new PostgresPeopleSearch();
}
