// People with their e-mails, phones, links, commonalities and stage history. Every query is scoped to its account.
import { insertRows, type Executor } from './executor.js';
import type { CommonalityRecord, FollowUpRecord, PersonRecord, PersonSummary, StageHistoryRecord } from '../../core/records.js';
import type { CommonalityKind, LabelledValue, PersonSource, Stage } from '../../core/types.js';
import type { FollowUpReason } from '../../core/follow-up-schedule.js';
import type { PersonRow } from '../schema.js';

export type ContactKind = 'email' | 'phone' | 'link' | 'address';

/** The fields of a person that are written as given (the rest is derived: see PersonDerived). */
export type PersonFields = Pick<
  PersonRecord,
  'fullName' | 'company' | 'title' | 'notes' | 'stage' | 'cadenceDays' | 'source' | 'metEventId' | 'metOn' | 'introducedBy'
>;

/** A person about to be inserted, with everything that comes with them. */
export interface NewPerson {
  id: string;
  fields: PersonFields;
  derived: PersonDerived;
  at: string;
  contacts: { id: string; kind: ContactKind; value: string; label: string | null; position: number }[];
  commonalities: { id: string; kind: CommonalityKind; text: string; topic: string }[];
  stageEntryId: string;
}

/** What is computed from a person and stored for search and for the follow-up list. */
export interface PersonDerived {
  searchName: string;
  searchRest: string;
  /** The company as compared for duplicates ("Acme Corp." and "ACME" alike). */
  companyKey: string;
  lastTouchOn: string | null;
  lastFollowUpOn: string | null;
  lastMetOn: string | null;
  followUp: FollowUpRecord | null;
}

export interface PersonListFilter {
  stage?: Stage | undefined;
  eventId?: string | undefined;
  topic?: string | undefined;
  /** Only people whose follow-up is due on or before this day. */
  dueBy?: string | undefined;
  limit: number;
  offset: number;
}

export interface DuplicateQuery {
  emails: string[];
  phones: string[];
  /** companyKey() of the company: people of the same company are candidates. */
  companyKey: string | null;
}

export function toFollowUp(row: Pick<PersonRow, 'follow_up_reason' | 'follow_up_since' | 'follow_up_due_on' | 'follow_up_soon_from'>): FollowUpRecord | null {
  if (!row.follow_up_reason || !row.follow_up_due_on || !row.follow_up_soon_from || !row.follow_up_since) return null;
  return {
    reason: row.follow_up_reason as FollowUpReason,
    since: row.follow_up_since,
    dueOn: row.follow_up_due_on,
    soonFrom: row.follow_up_soon_from,
  };
}

export const SUMMARY_COLUMNS = [
  'id',
  'full_name',
  'company',
  'title',
  'stage',
  'last_touch_on',
  'created_at',
  'follow_up_reason',
  'follow_up_since',
  'follow_up_due_on',
  'follow_up_soon_from',
] as const;

export function toSummary(row: Pick<PersonRow, (typeof SUMMARY_COLUMNS)[number]>): PersonSummary {
  return {
    id: row.id,
    fullName: row.full_name,
    company: row.company,
    title: row.title,
    stage: row.stage as Stage,
    followUp: toFollowUp(row),
    lastTouchOn: row.last_touch_on,
    createdAt: row.created_at,
  };
}

/** The columns of what is computed from a person, as written at insert and after every change. */
function derivedColumns(derived: PersonDerived) {
  return {
    search_name: derived.searchName,
    search_rest: derived.searchRest,
    company_key: derived.companyKey,
    last_touch_on: derived.lastTouchOn,
    last_follow_up_on: derived.lastFollowUpOn,
    last_met_on: derived.lastMetOn,
    follow_up_reason: derived.followUp?.reason ?? null,
    follow_up_since: derived.followUp?.since ?? null,
    follow_up_due_on: derived.followUp?.dueOn ?? null,
    follow_up_soon_from: derived.followUp?.soonFrom ?? null,
  };
}

export class PersonRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Inserts new people with their contacts, commonalities and first stage, in as few statements as the parameter
   * limits allow (one person from the web app, or a batch of an import). Their derived columns are written with
   * them, so the search index is filled by the insert itself.
   */
  async insertMany(accountId: string, people: NewPerson[]): Promise<void> {
    await insertRows(
      this.db,
      'people',
      people.map(({ id, fields, derived, at }) => ({
        id,
        account_id: accountId,
        full_name: fields.fullName,
        company: fields.company,
        title: fields.title,
        notes: fields.notes,
        stage: fields.stage,
        cadence_days: fields.cadenceDays,
        source: fields.source,
        met_event_id: fields.metEventId,
        met_on: fields.metOn,
        introduced_by: fields.introducedBy,
        snoozed_until: null,
        ...derivedColumns(derived),
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })),
    );
    await insertRows(
      this.db,
      'person_contacts',
      people.flatMap((p) =>
        p.contacts.map((c) => ({ id: c.id, account_id: accountId, person_id: p.id, kind: c.kind, value: c.value, label: c.label, position: c.position })),
      ),
    );
    await insertRows(
      this.db,
      'commonalities',
      people.flatMap((p) => p.commonalities.map((c) => ({ id: c.id, account_id: accountId, person_id: p.id, kind: c.kind, text: c.text, topic: c.topic, created_at: p.at }))),
    );
    await insertRows(
      this.db,
      'stage_history',
      people.map((p) => ({ id: p.stageEntryId, account_id: accountId, person_id: p.id, from_stage: null, to_stage: p.fields.stage, changed_at: p.at })),
    );
  }

  async update(accountId: string, id: string, fields: Partial<PersonFields> & { snoozedUntil?: string | null }, at: string): Promise<void> {
    const set: Record<string, unknown> = { updated_at: at };
    const columns: Record<string, string> = {
      fullName: 'full_name',
      company: 'company',
      title: 'title',
      notes: 'notes',
      stage: 'stage',
      cadenceDays: 'cadence_days',
      source: 'source',
      metEventId: 'met_event_id',
      metOn: 'met_on',
      introducedBy: 'introduced_by',
      snoozedUntil: 'snoozed_until',
    };
    for (const [key, column] of Object.entries(columns)) {
      if (key in fields) set[column] = (fields as Record<string, unknown>)[key];
    }
    await this.db.updateTable('people').set(set).where('account_id', '=', accountId).where('id', '=', id).execute();
  }

  async saveDerived(accountId: string, id: string, derived: PersonDerived): Promise<void> {
    await this.db
      .updateTable('people')
      .set(derivedColumns(derived))
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
  }

  async saveFollowUp(accountId: string, id: string, followUp: FollowUpRecord | null): Promise<void> {
    await this.db
      .updateTable('people')
      .set({
        follow_up_reason: followUp?.reason ?? null,
        follow_up_since: followUp?.since ?? null,
        follow_up_due_on: followUp?.dueOn ?? null,
        follow_up_soon_from: followUp?.soonFrom ?? null,
      })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
  }

  /** Marks a person deleted (kept for undo); returns false when there is no such live person. */
  async softDelete(accountId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('people')
      .set({ deleted_at: at, updated_at: at })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async restore(accountId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('people')
      .set({ deleted_at: null, updated_at: at })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('deleted_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async exists(accountId: string, id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('people')
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return !!row;
  }

  async get(accountId: string, id: string): Promise<PersonRecord | null> {
    const row = await this.db
      .selectFrom('people')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    const [contacts, commonalities] = await Promise.all([this.contactsOf(accountId, [id]), this.commonalitiesOf(accountId, [id])]);
    return this.toRecord(row, contacts.get(id) ?? [], commonalities.get(id) ?? []);
  }

  /** Full records of many people in three queries. */
  async getMany(accountId: string, ids: string[]): Promise<PersonRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('people')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
    const [contacts, commonalities] = await Promise.all([this.contactsOf(accountId, ids), this.commonalitiesOf(accountId, ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [this.toRecord(row, contacts.get(id) ?? [], commonalities.get(id) ?? [])] : [];
    });
  }

  private toRecord(row: PersonRow, contacts: { kind: ContactKind; value: string; label: string | null }[], commonalities: CommonalityRecord[]): PersonRecord {
    const pick = (kind: ContactKind): LabelledValue[] => contacts.filter((c) => c.kind === kind).map((c) => ({ value: c.value, label: c.label }));
    return {
      id: row.id,
      fullName: row.full_name,
      company: row.company,
      title: row.title,
      notes: row.notes,
      stage: row.stage as Stage,
      cadenceDays: row.cadence_days,
      source: row.source as PersonSource,
      metEventId: row.met_event_id,
      metOn: row.met_on,
      introducedBy: row.introduced_by,
      snoozedUntil: row.snoozed_until,
      lastTouchOn: row.last_touch_on,
      lastFollowUpOn: row.last_follow_up_on,
      lastMetOn: row.last_met_on,
      followUp: toFollowUp(row),
      emails: pick('email'),
      phones: pick('phone'),
      links: pick('link'),
      addresses: pick('address'),
      commonalities,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private async contactsOf(accountId: string, ids: string[]) {
    const rows = await this.db
      .selectFrom('person_contacts')
      .select(['person_id', 'kind', 'value', 'label'])
      .where('account_id', '=', accountId)
      .where('person_id', 'in', ids)
      .orderBy('person_id')
      .orderBy('position')
      .execute();
    const map = new Map<string, { kind: ContactKind; value: string; label: string | null }[]>();
    for (const r of rows) {
      const list = map.get(r.person_id) ?? [];
      list.push({ kind: r.kind, value: r.value, label: r.label });
      map.set(r.person_id, list);
    }
    return map;
  }

  private async commonalitiesOf(accountId: string, ids: string[]) {
    const rows = await this.db
      .selectFrom('commonalities')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('person_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const map = new Map<string, CommonalityRecord[]>();
    for (const r of rows) {
      const list = map.get(r.person_id) ?? [];
      list.push({ id: r.id, kind: r.kind as CommonalityKind, text: r.text, topic: r.topic, createdAt: r.created_at });
      map.set(r.person_id, list);
    }
    return map;
  }

  async replaceContacts(accountId: string, personId: string, kind: ContactKind, values: LabelledValue[], newId: () => string): Promise<void> {
    await this.db
      .deleteFrom('person_contacts')
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .where('kind', '=', kind)
      .execute();
    if (values.length === 0) return;
    await this.db
      .insertInto('person_contacts')
      .values(values.map((v, position) => ({ id: newId(), account_id: accountId, person_id: personId, kind, value: v.value, label: v.label, position })))
      .execute();
  }

  async addCommonality(accountId: string, personId: string, c: { id: string; kind: CommonalityKind; text: string; topic: string }, at: string): Promise<void> {
    await this.db
      .insertInto('commonalities')
      .values({ id: c.id, account_id: accountId, person_id: personId, kind: c.kind, text: c.text, topic: c.topic, created_at: at })
      .execute();
  }

  async removeCommonality(accountId: string, personId: string, commonalityId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('commonalities')
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .where('id', '=', commonalityId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }




  // Stage history

  async appendStage(accountId: string, entry: { id: string; personId: string; fromStage: Stage | null; toStage: Stage; changedAt: string }): Promise<void> {
    await this.db
      .insertInto('stage_history')
      .values({
        id: entry.id,
        account_id: accountId,
        person_id: entry.personId,
        from_stage: entry.fromStage,
        to_stage: entry.toStage,
        changed_at: entry.changedAt,
      })
      .execute();
  }

  async stageHistory(accountId: string, personId: string): Promise<StageHistoryRecord[]> {
    const rows = await this.db
      .selectFrom('stage_history')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .orderBy('changed_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, fromStage: r.from_stage as Stage | null, toStage: r.to_stage as Stage, changedAt: r.changed_at }));
  }

}
