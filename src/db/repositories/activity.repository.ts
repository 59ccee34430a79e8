// Promises and interactions (touches) of people. Every query is scoped to its account.
import type { Executor } from './executor.js';
import type { InteractionRecord, PromiseRecord, TouchDays } from '../../core/records.js';
import type { InteractionKind, PromiseDirection } from '../../core/types.js';
import type { InteractionRow, PromiseRow } from '../schema.js';

function toPromise(r: PromiseRow): PromiseRecord {
  return {
    id: r.id,
    personId: r.person_id,
    direction: r.direction as PromiseDirection,
    text: r.text,
    madeOn: r.made_on,
    dueOn: r.due_on,
    effectiveDueOn: r.effective_due_on,
    soonFrom: r.soon_from,
    eventId: r.event_id,
    doneAt: r.done_at,
    createdAt: r.created_at,
  };
}

function toInteraction(r: InteractionRow): InteractionRecord {
  return {
    id: r.id,
    personId: r.person_id,
    kind: r.kind as InteractionKind,
    occurredOn: r.occurred_on,
    summary: r.summary,
    eventId: r.event_id,
    createdAt: r.created_at,
  };
}

export type TouchDates = TouchDays;

export class ActivityRepository {
  constructor(private readonly db: Executor) {}

  async addPromise(accountId: string, p: Omit<PromiseRecord, 'doneAt'>): Promise<void> {
    await this.db
      .insertInto('promises')
      .values({
        id: p.id,
        account_id: accountId,
        person_id: p.personId,
        direction: p.direction,
        text: p.text,
        made_on: p.madeOn,
        due_on: p.dueOn,
        effective_due_on: p.effectiveDueOn,
        soon_from: p.soonFrom,
        event_id: p.eventId,
        done_at: null,
        created_at: p.createdAt,
      })
      .execute();
  }

  async getPromise(accountId: string, id: string): Promise<PromiseRecord | null> {
    const row = await this.db
      .selectFrom('promises')
      .innerJoin('people', 'people.id', 'promises.person_id')
      .selectAll('promises')
      .where('promises.account_id', '=', accountId)
      .where('promises.id', '=', id)
      .where('people.deleted_at', 'is', null)
      .executeTakeFirst();
    return row ? toPromise(row) : null;
  }

  /** Promises by id, in the order of `ids`; those not found (or of another account) are left out. */
  async promisesByIds(accountId: string, ids: string[]): Promise<PromiseRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('promises').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, toPromise(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async setPromiseDone(accountId: string, id: string, doneAt: string | null): Promise<void> {
    await this.db.updateTable('promises').set({ done_at: doneAt }).where('account_id', '=', accountId).where('id', '=', id).execute();
  }

  async reschedulePromise(accountId: string, id: string, effectiveDueOn: string, soonFrom: string): Promise<void> {
    await this.db
      .updateTable('promises')
      .set({ effective_due_on: effectiveDueOn, soon_from: soonFrom })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
  }

  async promisesOf(accountId: string, personId: string): Promise<PromiseRecord[]> {
    const rows = await this.db
      .selectFrom('promises')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .orderBy('done_at', 'desc')
      .orderBy('effective_due_on')
      .orderBy('id')
      .execute();
    return rows.map(toPromise);
  }

  async promisesOfEvent(accountId: string, eventId: string): Promise<PromiseRecord[]> {
    const rows = await this.db
      .selectFrom('promises')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('event_id', '=', eventId)
      .orderBy('effective_due_on')
      .orderBy('id')
      .execute();
    return rows.map(toPromise);
  }

  async openPromises(accountId: string): Promise<PromiseRecord[]> {
    const rows = await this.db
      .selectFrom('promises')
      .innerJoin('people', 'people.id', 'promises.person_id')
      .selectAll('promises')
      .where('promises.account_id', '=', accountId)
      .where('promises.done_at', 'is', null)
      .where('people.deleted_at', 'is', null)
      .execute();
    return rows.map(toPromise);
  }

  /** Open promises I owe that are at least "soon" on `today`, most urgent first, with the person's name. */
  async promisesDueFrom(accountId: string, today: string, limit: number): Promise<{ items: (PromiseRecord & { fullName: string })[]; total: number }> {
    const base = this.db
      .selectFrom('promises')
      .innerJoin('people', 'people.id', 'promises.person_id')
      .where('promises.account_id', '=', accountId)
      .where('promises.direction', '=', 'i_owe')
      .where('promises.done_at', 'is', null)
      .where('promises.soon_from', '<=', today)
      .where('people.deleted_at', 'is', null);
    const [rows, count] = await Promise.all([
      base
        .selectAll('promises')
        .select('people.full_name')
        .orderBy('promises.effective_due_on')
        .orderBy('promises.id')
        .limit(limit)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => ({ ...toPromise(r), fullName: r.full_name })), total: Number(count.n) };
  }

  async addInteraction(accountId: string, i: InteractionRecord): Promise<void> {
    await this.db
      .insertInto('interactions')
      .values({
        id: i.id,
        account_id: accountId,
        person_id: i.personId,
        kind: i.kind,
        occurred_on: i.occurredOn,
        summary: i.summary,
        event_id: i.eventId,
        created_at: i.createdAt,
      })
      .execute();
  }

  async interactionsOf(accountId: string, personId: string, limit: number): Promise<InteractionRecord[]> {
    const rows = await this.db
      .selectFrom('interactions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .orderBy('occurred_on', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toInteraction);
  }

  async touchDates(accountId: string, personId: string): Promise<TouchDates> {
    const touches = await this.db
      .selectFrom('interactions')
      .select((eb) => [
        eb.fn.max('occurred_on').as('last_touch'),
        eb.fn.max(eb.case().when('kind', '<>', 'met').then(eb.ref('occurred_on')).end()).as('last_follow_up'),
      ])
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    const met = await this.db
      .selectFrom('event_people')
      .select((eb) => eb.fn.max('met_on').as('last_met'))
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return {
      lastTouchOn: (touches?.last_touch as string | null) ?? null,
      lastFollowUpOn: (touches?.last_follow_up as string | null) ?? null,
      lastMetOn: (met?.last_met as string | null) ?? null,
    };
  }
}
