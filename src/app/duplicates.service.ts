// Duplicates: candidate pairs (blocked in SQL, scored in core), "not the same person", merges field by field with a
// snapshot, and their undo. One transaction per merge and per undo. Nothing merges without an explicit call, and
// merge-certain only merges pairs that share an identical e-mail or phone.
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { Row, SnapshotTable, MovedTable } from '../db/repositories/duplicates.repository.js';
import { refreshPerson } from './person-derived.js';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import { comparePairs, pairsWithinBlock, scorePairs, workDomainOf, type DuplicatePair, type PairPerson } from '../core/duplicate-pairs.js';
import { termsOf } from '../core/topic-match.js';
import { companyKey } from '../core/duplicate-check.js';
import type { LabelledValue } from '../core/types.js';
import type { PersonRecord } from '../core/records.js';

export type ScalarChoice = 'keep' | 'merge';
export type NotesChoice = 'keep' | 'merge' | 'both';
export type ListChoice = 'keep' | 'merge' | 'both';

/** Which side each field comes from. Scalars default to the kept person's value, or the merged one's when the kept has none; notes and lists default to both. */
export interface MergeFields {
  fullName?: ScalarChoice | undefined;
  company?: ScalarChoice | undefined;
  title?: ScalarChoice | undefined;
  stage?: ScalarChoice | undefined;
  cadenceDays?: ScalarChoice | undefined;
  introducedBy?: ScalarChoice | undefined;
  /** Where and when we met (met event and day). */
  metAt?: ScalarChoice | undefined;
  notes?: NotesChoice | undefined;
  emails?: ListChoice | undefined;
  phones?: ListChoice | undefined;
  links?: ListChoice | undefined;
  addresses?: ListChoice | undefined;
  commonalities?: ListChoice | undefined;
}

export const SCALAR_FIELDS = ['fullName', 'company', 'title', 'stage', 'cadenceDays', 'introducedBy', 'metAt'] as const;
export const LIST_FIELDS = ['emails', 'phones', 'links', 'addresses', 'commonalities'] as const;

export interface PairSide {
  id: string;
  fullName: string;
  company: string | null;
  title: string | null;
  emails: string[];
  phones: string[];
  createdAt: string;
}

export interface PairView {
  a: PairSide;
  b: PairSide;
  confidence: number;
  certain: boolean;
  evidence: string[];
}

export interface MergeSummary {
  id: string;
  keptId: string;
  mergedId: string;
  keptName: string;
  mergedName: string;
  createdAt: string;
  undoneAt: string | null;
}

const SNAPSHOT_TABLES: SnapshotTable[] = ['person_contacts', 'commonalities', 'commonality_terms', 'event_people', 'share_deliveries'];
const MOVED_TABLES: MovedTable[] = ['promises', 'interactions', 'stage_history', 'card_images'];

/** What a merge stored to be undone: both people's rows, the rows of the tables it rewrote, and what it moved or made. */
interface Snapshot {
  version: 1;
  people: Row[];
  rows: Record<SnapshotTable, Row[]>;
  moved: Record<MovedTable, string[]>;
  captureRequests: string[];
  /** Events and shares of the merged person that the kept person did not have: given to the kept person. */
  addedEventIds: string[];
  addedShareIds: string[];
  /** Stage history entries the merge itself wrote (a stage taken from the merged person). */
  createdStageIds: string[];
}

function emptyRecord<K extends string, V>(keys: readonly K[], make: () => V): Record<K, V> {
  return Object.fromEntries(keys.map((k) => [k, make()])) as Record<K, V>;
}

function unionValues(first: LabelledValue[], second: LabelledValue[], fold: (v: string) => string): LabelledValue[] {
  const seen = new Set<string>();
  const out: LabelledValue[] = [];
  for (const v of [...first, ...second]) {
    const key = fold(v.value);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

function side(p: PairPerson & { title?: string | null; createdAt?: string }): PairSide {
  return { id: p.id, fullName: p.fullName, company: p.company, title: p.title ?? null, emails: p.emails, phones: p.phones, createdAt: p.createdAt ?? '' };
}

/** How many accounts' pairs a server keeps (least recently asked first out). */
const KEPT_ACCOUNTS = 20;
/**
 * And for at most a minute: two edits of a name in the same millisecond leave the stamp's latest updated_at as it
 * was (contacts are covered exactly, so pairs from a shared e-mail or phone, the only ones ever merged without a
 * review, are always current).
 */
const KEPT_MS = 60_000;

export class DuplicatesService {
  /**
   * Each account's scored pairs, kept while nothing they are found from has changed (checked on every call with
   * two small scans, repos.duplicates.changeStamp): finding them reads and scores every person, seconds on a large account, and the review screen
   * asks for a page at a time.
   */
  private readonly kept = new Map<string, { stamp: string; at: number; pairs: DuplicatePair[] }>();

  constructor(private readonly ctx: AppContext) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  /** Every candidate pair of the account, best first, without dismissed pairs. */
  async findPairs(accountId: string): Promise<DuplicatePair[]> {
    const repos = this.ctx.store.repos;
    const stamp = await repos.duplicates.changeStamp(accountId);
    const now = Date.now();
    let kept = this.kept.get(accountId);
    if (kept?.stamp !== stamp || now - kept.at > KEPT_MS) {
      kept = { stamp, at: now, pairs: await this.scoreAllPairs(accountId) };
      this.kept.delete(accountId);
      if (this.kept.size >= KEPT_ACCOUNTS) this.kept.delete(this.kept.keys().next().value as string);
    } else this.kept.delete(accountId);
    this.kept.set(accountId, kept);
    const dismissed = await repos.duplicates.dismissedPairs(accountId);
    return kept.pairs.filter((p) => !dismissed.has(`${p.a} ${p.b}`));
  }

  /**
   * Every candidate pair of the account, scored and best first. Four blocking queries bring all that scoring needs
   * (names, companies, every e-mail, the shared phones): no query per person or per pair.
   */
  private async scoreAllPairs(accountId: string): Promise<DuplicatePair[]> {
    const repos = this.ctx.store.repos;
    const people = new Map<string, PairPerson>();
    const personOf = (id: string, fullName: string, company: string | null): PairPerson => {
      let p = people.get(id);
      if (!p) {
        p = { id, fullName, company, emails: [], phones: [] };
        people.set(id, p);
      }
      return p;
    };
    const candidates = new Map<string, [string, string]>();
    const add = (x: string, y: string) => {
      if (x === y) return;
      const [a, b] = x < y ? [x, y] : [y, x];
      candidates.set(`${a} ${b}`, [a, b]);
    };
    const allPairsOf = (groups: Iterable<string[]>) => {
      for (const ids of groups) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) add(ids[i] ?? '', ids[j] ?? '');
    };

    // Every e-mail of every live person: for the work-domain blocks, and the e-mails scoring compares.
    const domainMembers = new Map<string, Map<string, string>>();
    for (const e of await repos.duplicates.emailsWithNames(accountId)) {
      personOf(e.personId, e.fullName, e.company).emails.push(e.email);
      const domain = workDomainOf(e.email);
      if (domain === null) continue;
      const members = domainMembers.get(domain) ?? new Map<string, string>();
      members.set(e.personId, e.fullName);
      domainMembers.set(domain, members);
    }
    // Certain: people who share an e-mail or a phone.
    for (const kind of ['email', 'phone'] as const) {
      const groups = new Map<string, string[]>();
      for (const row of await repos.duplicates.sharedContacts(accountId, kind)) {
        const person = personOf(row.personId, row.fullName, row.company);
        if (kind === 'phone' && !person.phones.includes(row.value)) person.phones.push(row.value);
        const key = kind === 'email' ? row.value.toLowerCase() : row.value;
        const list = groups.get(key) ?? [];
        if (!list.includes(row.personId)) list.push(row.personId);
        groups.set(key, list);
      }
      allPairsOf(groups.values());
    }
    // Likely: close names within a company block or a work e-mail domain block, sub-blocked by name keys.
    const blocks = new Map<string, { id: string; fullName: string }[]>();
    for (const m of await repos.duplicates.companyBlockMembers(accountId)) {
      personOf(m.id, m.fullName, m.company);
      const list = blocks.get(m.companyKey);
      if (list) list.push(m);
      else blocks.set(m.companyKey, [m]);
    }
    for (const members of blocks.values()) for (const [a, b] of pairsWithinBlock(members)) add(a, b);
    for (const members of domainMembers.values()) {
      if (members.size < 2) continue;
      // A domain whose people all have one company adds no pair the company block has not made already.
      const companies = new Set([...members.keys()].map((id) => companyKey(people.get(id)?.company ?? '')));
      if (companies.size === 1 && !companies.has('')) continue;
      for (const [a, b] of pairsWithinBlock([...members].map(([id, fullName]) => ({ id, fullName })))) add(a, b);
    }

    const toScore: [PairPerson, PairPerson][] = [];
    for (const [a, b] of candidates.values()) {
      const x = people.get(a);
      const y = people.get(b);
      if (x && y) toScore.push([x, y]);
    }
    return scorePairs(toScore).sort(comparePairs);
  }

  async list(accountId: string, limit: number, offset: number): Promise<{ items: PairView[]; total: number }> {
    const pairs = await this.findPairs(accountId);
    const page = pairs.slice(offset, offset + limit);
    const ids = [...new Set(page.flatMap((p) => [p.a, p.b]))];
    const records = new Map((await this.ctx.store.repos.people.getMany(accountId, ids)).map((p) => [p.id, p]));
    const view = (id: string): PairSide => {
      const p = records.get(id);
      if (!p) return side({ id, fullName: '', company: null, emails: [], phones: [] });
      return side({ id, fullName: p.fullName, company: p.company, title: p.title, emails: p.emails.map((e) => e.value), phones: p.phones.map((e) => e.value), createdAt: p.createdAt });
    };
    return { items: page.map((p) => ({ a: view(p.a), b: view(p.b), confidence: p.confidence, certain: p.certain, evidence: p.evidence })), total: pairs.length };
  }

  /** "Not the same person": the pair is never shown again. */
  async dismiss(accountId: string, first: string, second: string): Promise<void> {
    if (first === second) throw new ValidationError([{ path: 'b', message: 'a person cannot be a duplicate of themselves' }], 'KITH_MERGE_SAME_PERSON');
    await this.ctx.store.transaction(async (repos) => {
      for (const id of [first, second]) await this.requireLive(repos, accountId, id);
      const [a, b] = first < second ? [first, second] : [second, first];
      await repos.duplicates.dismiss(accountId, a, b, this.now());
    });
  }

  private async requireLive(repos: Repositories, accountId: string, personId: string): Promise<PersonRecord> {
    const person = await repos.people.get(accountId, personId);
    if (!person) throw new NotFoundError('KITH_PERSON_NOT_FOUND', `no person with id ${personId}`, { personId });
    return person;
  }

  /** Merges `mergeId` into `keepId`, field by field; the merged person is deleted (recoverable through undo). */
  async merge(accountId: string, keepId: string, mergeId: string, fields: MergeFields = {}): Promise<{ merge: MergeSummary; person: PersonRecord }> {
    if (keepId === mergeId) throw new ValidationError([{ path: 'merge', message: 'a person cannot be merged into themselves' }], 'KITH_MERGE_SAME_PERSON');
    return this.ctx.store.transaction((repos) => this.mergeIn(repos, accountId, keepId, mergeId, fields));
  }

  private async mergeIn(repos: Repositories, accountId: string, keepId: string, mergeId: string, fields: MergeFields): Promise<{ merge: MergeSummary; person: PersonRecord }> {
    const kept = await this.requireLive(repos, accountId, keepId);
    const merged = await this.requireLive(repos, accountId, mergeId);
    const at = this.now();
    const both = [keepId, mergeId];

    const snapshot: Snapshot = {
      version: 1,
      people: await repos.duplicates.peopleRows(accountId, both),
      rows: emptyRecord(SNAPSHOT_TABLES, () => [] as Row[]),
      moved: emptyRecord(MOVED_TABLES, () => [] as string[]),
      captureRequests: await repos.duplicates.captureRequestIds(accountId, mergeId),
      addedEventIds: [],
      addedShareIds: [],
      createdStageIds: [],
    };
    for (const table of SNAPSHOT_TABLES) snapshot.rows[table] = await repos.duplicates.rowsOf(table, accountId, both);
    for (const table of MOVED_TABLES) snapshot.moved[table] = await repos.duplicates.idsOf(table, accountId, mergeId);

    // Scalar fields.
    const pick = <T>(choice: ScalarChoice | undefined, keep: T, other: T): T => (choice === 'merge' ? other : choice === 'keep' ? keep : (keep ?? other));
    const notes = (() => {
      const choice = fields.notes ?? 'both';
      if (choice === 'keep') return kept.notes;
      if (choice === 'merge') return merged.notes;
      return [kept.notes, merged.notes].filter((n): n is string => !!n && n.trim() !== '').filter((n, i, all) => all.indexOf(n) === i).join('\n\n') || null;
    })();
    const stage = fields.stage === 'merge' ? merged.stage : kept.stage;
    const takeMet = fields.metAt === 'merge' || (fields.metAt === undefined && kept.metEventId === null && kept.metOn === null);
    await repos.people.update(
      accountId,
      keepId,
      {
        fullName: fields.fullName === 'merge' ? merged.fullName : kept.fullName,
        company: pick(fields.company, kept.company, merged.company),
        title: pick(fields.title, kept.title, merged.title),
        notes,
        stage,
        cadenceDays: pick(fields.cadenceDays, kept.cadenceDays, merged.cadenceDays),
        introducedBy: pick(fields.introducedBy, kept.introducedBy, merged.introducedBy),
        metEventId: takeMet ? merged.metEventId : kept.metEventId,
        metOn: takeMet ? merged.metOn : kept.metOn,
      },
      at,
    );
    if (stage !== kept.stage) {
      const id = this.ctx.newId();
      await repos.people.appendStage(accountId, { id, personId: keepId, fromStage: kept.stage, toStage: stage, changedAt: at });
      snapshot.createdStageIds.push(id);
    }

    // Lists: unioned without duplicates unless told otherwise.
    const lists: { field: 'emails' | 'phones' | 'links' | 'addresses'; kind: 'email' | 'phone' | 'link' | 'address'; fold: (v: string) => string }[] = [
      { field: 'emails', kind: 'email', fold: (v) => v.trim().toLowerCase() },
      { field: 'phones', kind: 'phone', fold: (v) => v.trim() },
      { field: 'links', kind: 'link', fold: (v) => v.trim().replace(/\/+$/, '').toLowerCase() },
      { field: 'addresses', kind: 'address', fold: (v) => v.trim().toLowerCase() },
    ];
    for (const { field, kind, fold } of lists) {
      const choice = fields[field] ?? 'both';
      if (choice === 'keep') continue;
      const values = choice === 'merge' ? merged[field] : unionValues(kept[field], merged[field], fold);
      await repos.people.replaceContacts(accountId, keepId, kind, values, this.ctx.newId);
    }
    const commonalities = fields.commonalities ?? 'both';
    if (commonalities === 'merge') for (const c of kept.commonalities) await repos.people.removeCommonality(accountId, keepId, c.id);
    if (commonalities !== 'keep') {
      const have = new Set(commonalities === 'merge' ? [] : kept.commonalities.map((c) => `${c.kind} ${c.topic}`));
      for (const c of merged.commonalities) {
        if (have.has(`${c.kind} ${c.topic}`)) continue;
        have.add(`${c.kind} ${c.topic}`);
        const id = this.ctx.newId();
        await repos.people.addCommonality(accountId, keepId, { id, kind: c.kind, text: c.text, topic: c.topic }, at);
        await repos.shares.addTerms(accountId, { personId: keepId, commonalityId: id, kind: c.kind, terms: termsOf(c.text) });
      }
    }

    // Both histories stay, on the kept person.
    for (const table of MOVED_TABLES) await repos.duplicates.moveRows(table, accountId, snapshot.moved[table], keepId);
    await repos.duplicates.moveCaptureRequests(accountId, snapshot.captureRequests, keepId);
    const keptEvents = new Set(snapshot.rows.event_people.filter((r) => r.person_id === keepId).map((r) => String(r.event_id)));
    const mergedEvents = snapshot.rows.event_people.filter((r) => r.person_id === mergeId);
    const newEvents = mergedEvents.filter((r) => !keptEvents.has(String(r.event_id)));
    snapshot.addedEventIds = newEvents.map((r) => String(r.event_id));
    await repos.duplicates.deleteRowsOf('event_people', accountId, mergeId);
    await repos.duplicates.insertRows('event_people', newEvents.map((r) => ({ ...r, person_id: keepId })));
    const keptShares = new Set(snapshot.rows.share_deliveries.filter((r) => r.person_id === keepId).map((r) => String(r.share_id)));
    const newShares = snapshot.rows.share_deliveries.filter((r) => r.person_id === mergeId && !keptShares.has(String(r.share_id)));
    snapshot.addedShareIds = newShares.map((r) => String(r.share_id));
    await repos.duplicates.deleteRowsOf('share_deliveries', accountId, mergeId);
    await repos.duplicates.insertRows('share_deliveries', newShares.map((r) => ({ ...r, person_id: keepId })));

    // Guarded: a concurrent merge or delete of the same person leaves nothing of this one (on PostgreSQL the row lock
    // makes this update wait, then find the person gone).
    if (!(await repos.people.softDelete(accountId, mergeId, at))) {
      throw new NotFoundError('KITH_PERSON_NOT_FOUND', `no person with id ${mergeId}`, { personId: mergeId });
    }
    const settings = await repos.accounts.getSettings(accountId);
    const person = (await refreshPerson(repos, accountId, keepId, settings))!;
    const id = this.ctx.newId();
    await repos.duplicates.insertMerge(accountId, { id, keptId: keepId, mergedId: mergeId, snapshot: JSON.stringify(snapshot), createdAt: at });
    return { merge: { id, keptId: keepId, mergedId: mergeId, keptName: kept.fullName, mergedName: merged.fullName, createdAt: at, undoneAt: null }, person };
  }

  /** Puts both people back exactly as they were before the merge, with everything that pointed at each. */
  async undo(accountId: string, mergeId: string): Promise<MergeSummary> {
    return this.ctx.store.transaction(async (repos) => {
      const merge = await repos.duplicates.getMerge(accountId, mergeId);
      if (!merge) throw new NotFoundError('KITH_MERGE_NOT_FOUND', `no merge with id ${mergeId}`, { mergeId });
      if (merge.undoneAt !== null) throw new ConflictError('KITH_MERGE_ALREADY_UNDONE', `merge ${mergeId} was already undone at ${merge.undoneAt}`, { mergeId });
      const later = await repos.duplicates.laterMerge(accountId, [merge.keptId, merge.mergedId], merge.createdAt, merge.id);
      if (later !== null) {
        throw new ConflictError('KITH_MERGE_UNDO_BLOCKED', `a later merge (${later}) involves one of these people: undo it first`, { mergeId, laterMergeId: later });
      }
      const snapshot = JSON.parse(merge.snapshot) as Snapshot;
      const { keptId, mergedId } = merge;
      const at = this.now();
      for (const row of snapshot.people) await repos.duplicates.restorePersonRow(accountId, row);
      // The kept person's contacts and commonalities (and their terms, by cascade) go back to the snapshot's.
      for (const table of ['person_contacts', 'commonalities'] as const) {
        await repos.duplicates.deleteRowsOf(table, accountId, keptId);
        await repos.duplicates.insertRows(table, snapshot.rows[table].filter((r) => r.person_id === keptId));
      }
      await repos.duplicates.deleteRowsOf('commonality_terms', accountId, keptId);
      await repos.duplicates.insertRows('commonality_terms', snapshot.rows.commonality_terms.filter((r) => r.person_id === keptId));
      for (const table of MOVED_TABLES) await repos.duplicates.moveRows(table, accountId, snapshot.moved[table], mergedId);
      await repos.duplicates.moveCaptureRequests(accountId, snapshot.captureRequests, mergedId);
      await repos.duplicates.deleteStageEntries(accountId, snapshot.createdStageIds);
      await repos.duplicates.deleteRowsOf('event_people', accountId, keptId, { column: 'event_id', values: snapshot.addedEventIds });
      await repos.duplicates.deleteRowsOf('event_people', accountId, mergedId);
      await repos.duplicates.insertRows('event_people', snapshot.rows.event_people.filter((r) => r.person_id === mergedId));
      await repos.duplicates.deleteRowsOf('share_deliveries', accountId, keptId, { column: 'share_id', values: snapshot.addedShareIds });
      await repos.duplicates.deleteRowsOf('share_deliveries', accountId, mergedId);
      await repos.duplicates.insertRows('share_deliveries', snapshot.rows.share_deliveries.filter((r) => r.person_id === mergedId));
      await repos.duplicates.markUndone(accountId, merge.id, at);
      // Recomputed from what is there now: the same as the snapshot's unless the kept person changed since the merge.
      const settings = await repos.accounts.getSettings(accountId);
      for (const id of [keptId, mergedId]) await refreshPerson(repos, accountId, id, settings);
      const names = new Map(snapshot.people.map((r) => [String(r.id), String(r.full_name)]));
      return { id: merge.id, keptId, mergedId, keptName: names.get(keptId) ?? '', mergedName: names.get(mergedId) ?? '', createdAt: merge.createdAt, undoneAt: at };
    });
  }

  listMerges(accountId: string, limit: number, offset: number): Promise<MergeSummary[]> {
    return this.ctx.store.repos.duplicates.recentMerges(accountId, limit, offset);
  }

  /**
   * Merges every pair that shares an identical e-mail or phone, and nothing else: each person into the oldest of
   * their group, one transaction (and one undoable merge) per person merged.
   */
  async mergeCertain(accountId: string): Promise<{ merges: (MergeSummary & { evidence: string[] })[] }> {
    const pairs = (await this.findPairs(accountId)).filter((p) => p.certain);
    const parent = new Map<string, string>();
    const root = (id: string): string => {
      let r = id;
      while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) ?? r;
      return r;
    };
    const evidence = new Map<string, string[]>();
    for (const p of pairs) {
      const [ra, rb] = [root(p.a), root(p.b)];
      if (ra !== rb) parent.set(rb, ra);
      evidence.set(p.a, [...(evidence.get(p.a) ?? []), ...p.evidence]);
      evidence.set(p.b, [...(evidence.get(p.b) ?? []), ...p.evidence]);
    }
    const groups = new Map<string, string[]>();
    for (const id of evidence.keys()) groups.set(root(id), [...(groups.get(root(id)) ?? []), id]);
    const done: (MergeSummary & { evidence: string[] })[] = [];
    for (const members of groups.values()) {
      const people = await this.ctx.store.repos.people.getMany(accountId, members);
      people.sort((x, y) => (x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : x.id < y.id ? -1 : 1));
      const [keep, ...rest] = people;
      if (!keep) continue;
      for (const other of rest) {
        const { merge } = await this.ctx.store.transaction((repos) => this.mergeIn(repos, accountId, keep.id, other.id, {}));
        done.push({ ...merge, evidence: [...new Set(evidence.get(other.id) ?? [])] });
      }
    }
    return { merges: done };
  }
}
