// Duplicates: the blocking queries (people who share an e-mail, a phone, a company key or a work e-mail domain),
// dismissed pairs, merges, and the row-level moves and restores a merge and its undo need. Scoped to the account.
import { sql } from 'kysely';
import type { Executor } from './executor.js';
import type { PeopleTable } from '../schema.js';

/** Tables whose rows of both people are copied whole into a merge's snapshot and put back whole by its undo. */
export type SnapshotTable = 'person_contacts' | 'commonalities' | 'commonality_terms' | 'event_people' | 'share_deliveries';
/** Tables whose rows (by id) move from the merged person to the kept one, and back on undo. */
export type MovedTable = 'promises' | 'interactions' | 'stage_history' | 'card_images';

export type Row = Record<string, unknown>;

/** Every stored column of a person (PostgreSQL's generated search_vector is left out: it follows the others). */
const PEOPLE_COLUMNS = [
  'id', 'account_id', 'full_name', 'company', 'title', 'notes', 'stage', 'cadence_days', 'source', 'met_event_id', 'met_on',
  'introduced_by', 'snoozed_until', 'last_touch_on', 'last_follow_up_on', 'last_met_on', 'follow_up_reason', 'follow_up_since',
  'follow_up_due_on', 'follow_up_soon_from', 'search_name', 'search_rest', 'company_key', 'created_at', 'updated_at', 'deleted_at',
] as const satisfies readonly (keyof PeopleTable)[];

export interface MergeRow {
  id: string;
  keptId: string;
  mergedId: string;
  snapshot: string;
  createdAt: string;
  undoneAt: string | null;
}

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export class DuplicatesRepository {
  constructor(private readonly db: Executor) {}

  // Blocking

  /** (value, person) for every e-mail or phone that more than one live person of the account has. */
  async sharedContacts(accountId: string, kind: 'email' | 'phone'): Promise<{ value: string; personId: string; fullName: string; company: string | null }[]> {
    const shared = this.db
      .selectFrom('person_contacts')
      .select('value')
      .where('account_id', '=', accountId)
      .where('kind', '=', kind)
      .groupBy('value')
      .having(sql<number>`count(distinct person_id)`, '>', 1);
    const rows = await this.db
      .selectFrom('person_contacts as c')
      .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'c.person_id').onRef('p.account_id', '=', 'c.account_id'))
      .select(['c.value', 'c.person_id', 'p.full_name', 'p.company'])
      .where('c.account_id', '=', accountId)
      .where('c.kind', '=', kind)
      .where('c.value', 'in', shared)
      .where('p.deleted_at', 'is', null)
      .execute();
    return rows.map((r) => ({ value: r.value, personId: r.person_id, fullName: r.full_name, company: r.company }));
  }

  /** Live people whose company key some other live person shares: the company blocks. */
  async companyBlockMembers(accountId: string): Promise<{ id: string; fullName: string; company: string | null; companyKey: string }[]> {
    const shared = this.db
      .selectFrom('people')
      .select('company_key')
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .where('company_key', '<>', '')
      .groupBy('company_key')
      .having(sql<number>`count(*)`, '>', 1);
    const rows = await this.db
      .selectFrom('people')
      .select(['id', 'full_name', 'company', 'company_key'])
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .where('company_key', 'in', shared)
      .execute();
    return rows.map((r) => ({ id: r.id, fullName: r.full_name, company: r.company, companyKey: r.company_key }));
  }

  /** Every e-mail of every live person with the name: the service groups them by work domain. */
  async emailsWithNames(accountId: string): Promise<{ personId: string; fullName: string; company: string | null; email: string }[]> {
    const rows = await this.db
      .selectFrom('person_contacts as c')
      .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'c.person_id').onRef('p.account_id', '=', 'c.account_id'))
      .select(['c.person_id', 'p.full_name', 'p.company', 'c.value'])
      .where('c.account_id', '=', accountId)
      .where('c.kind', '=', 'email')
      .where('p.deleted_at', 'is', null)
      .execute();
    return rows.map((r) => ({ personId: r.person_id, fullName: r.full_name, company: r.company, email: r.value }));
  }

  // Dismissals

  /**
   * Changes whenever anything duplicates are found from changes: a person added, edited (updated_at), deleted or
   * restored, or any e-mail or phone written (contacts are replaced with new, time-ordered ids). Two small scans.
   */
  async changeStamp(accountId: string): Promise<string> {
    const people = await this.db
      .selectFrom('people')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('u'), eb.fn.max('deleted_at').as('d'), eb.fn.count<number>('deleted_at').as('dn')])
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    const contacts = await this.db
      .selectFrom('person_contacts')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('m')])
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    return [people.n, people.u, people.d, people.dn, contacts.n, contacts.m].join('|');
  }

  async dismissedPairs(accountId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('duplicate_dismissals').select(['person_a', 'person_b']).where('account_id', '=', accountId).execute();
    return new Set(rows.map((r) => `${r.person_a} ${r.person_b}`));
  }

  async dismiss(accountId: string, a: string, b: string, at: string): Promise<void> {
    await this.db
      .insertInto('duplicate_dismissals')
      .values({ account_id: accountId, person_a: a, person_b: b, created_at: at })
      .onConflict((oc) => oc.columns(['account_id', 'person_a', 'person_b']).doNothing())
      .execute();
  }

  // Merges

  async insertMerge(accountId: string, merge: { id: string; keptId: string; mergedId: string; snapshot: string; createdAt: string }): Promise<void> {
    await this.db
      .insertInto('merges')
      .values({ id: merge.id, account_id: accountId, kept_id: merge.keptId, merged_id: merge.mergedId, snapshot: merge.snapshot, created_at: merge.createdAt, undone_at: null })
      .execute();
  }

  async getMerge(accountId: string, id: string): Promise<MergeRow | null> {
    const row = await this.db.selectFrom('merges').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, keptId: row.kept_id, mergedId: row.merged_id, snapshot: row.snapshot, createdAt: row.created_at, undoneAt: row.undone_at } : null;
  }

  async recentMerges(accountId: string, limit: number, offset: number): Promise<(Omit<MergeRow, 'snapshot'> & { keptName: string; mergedName: string })[]> {
    const rows = await this.db
      .selectFrom('merges as m')
      .innerJoin('people as k', 'k.id', 'm.kept_id')
      .innerJoin('people as g', 'g.id', 'm.merged_id')
      .select(['m.id', 'm.kept_id', 'm.merged_id', 'm.created_at', 'm.undone_at', 'k.full_name as kept_name', 'g.full_name as merged_name'])
      .where('m.account_id', '=', accountId)
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => ({ id: r.id, keptId: r.kept_id, mergedId: r.merged_id, createdAt: r.created_at, undoneAt: r.undone_at, keptName: r.kept_name, mergedName: r.merged_name }));
  }

  /** A merge not undone, made after merge `exceptId` (made at `after`; ids order merges made in one instant), that involves one of `personIds`. */
  async laterMerge(accountId: string, personIds: string[], after: string, exceptId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('merges')
      .select('id')
      .where('account_id', '=', accountId)
      .where('undone_at', 'is', null)
      .where((eb) => eb.or([eb('created_at', '>', after), eb.and([eb('created_at', '=', after), eb('id', '>', exceptId)])]))
      .where((eb) => eb.or([eb('kept_id', 'in', personIds), eb('merged_id', 'in', personIds)]))
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  async markUndone(accountId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('merges').set({ undone_at: at }).where('account_id', '=', accountId).where('id', '=', id).where('undone_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // Snapshots and moves

  async peopleRows(accountId: string, ids: string[]): Promise<Row[]> {
    return this.db.selectFrom('people').select(PEOPLE_COLUMNS).where('account_id', '=', accountId).where('id', 'in', ids).orderBy('id').execute();
  }

  /** Puts a person's row back exactly as the snapshot has it. */
  async restorePersonRow(accountId: string, row: Row): Promise<void> {
    const set: Row = {};
    for (const column of PEOPLE_COLUMNS) if (column !== 'id' && column !== 'account_id') set[column] = row[column];
    await this.db.updateTable('people').set(set).where('account_id', '=', accountId).where('id', '=', String(row.id)).execute();
  }

  async rowsOf(table: SnapshotTable, accountId: string, personIds: string[]): Promise<Row[]> {
    return this.db.selectFrom(table).selectAll().where('account_id', '=', accountId).where('person_id', 'in', personIds).execute();
  }

  async deleteRowsOf(table: SnapshotTable, accountId: string, personId: string, only?: { column: 'event_id' | 'share_id'; values: string[] }): Promise<void> {
    if (only && only.values.length === 0) return;
    let query = this.db.deleteFrom(table).where('account_id', '=', accountId).where('person_id', '=', personId);
    if (only) query = query.where(sql.ref(only.column), 'in', only.values);
    await query.execute();
  }

  async insertRows(table: SnapshotTable, rows: Row[]): Promise<void> {
    for (const part of chunks(rows)) if (part.length > 0) await this.db.insertInto(table).values(part as never).execute();
  }

  async idsOf(table: MovedTable, accountId: string, personId: string): Promise<string[]> {
    const rows = await this.db.selectFrom(table).select('id').where('account_id', '=', accountId).where('person_id', '=', personId).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  async moveRows(table: MovedTable, accountId: string, ids: string[], toPersonId: string): Promise<void> {
    for (const part of chunks(ids)) {
      await this.db.updateTable(table).set({ person_id: toPersonId }).where('account_id', '=', accountId).where('id', 'in', part).execute();
    }
  }

  async captureRequestIds(accountId: string, personId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('capture_requests').select('request_id').where('account_id', '=', accountId).where('person_id', '=', personId).execute();
    return rows.map((r) => r.request_id);
  }

  async moveCaptureRequests(accountId: string, requestIds: string[], toPersonId: string): Promise<void> {
    for (const part of chunks(requestIds)) {
      await this.db.updateTable('capture_requests').set({ person_id: toPersonId }).where('account_id', '=', accountId).where('request_id', 'in', part).execute();
    }
  }

  async deleteStageEntries(accountId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.deleteFrom('stage_history').where('account_id', '=', accountId).where('id', 'in', ids).execute();
  }
}
