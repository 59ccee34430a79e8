// Events I attend, host or speak at, and the people I met there. Every query is scoped to its account.
import type { Executor } from './executor.js';
import type { EventPersonRecord, EventRecord } from '../../core/records.js';
import type { EventRole } from '../../core/types.js';
import type { EventRow } from '../schema.js';

export type EventFields = Omit<EventRecord, 'id' | 'createdAt' | 'updatedAt'>;

function toEvent(r: EventRow): EventRecord {
  return {
    id: r.id,
    name: r.name,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    timeZone: r.time_zone,
    place: r.place,
    link: r.link,
    role: r.role as EventRole,
    goal: r.goal,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function columnsOf(e: EventFields) {
  return { name: e.name, starts_at: e.startsAt, ends_at: e.endsAt, time_zone: e.timeZone, place: e.place, link: e.link, role: e.role, goal: e.goal };
}

export class EventRepository {
  constructor(private readonly db: Executor) {}

  async insert(accountId: string, id: string, e: EventFields, at: string): Promise<void> {
    await this.db
      .insertInto('events')
      .values({
        id,
        account_id: accountId,
        ...columnsOf(e),
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  async update(accountId: string, id: string, e: EventFields, at: string): Promise<void> {
    await this.db
      .updateTable('events')
      .set({ ...columnsOf(e), updated_at: at })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
  }

  async get(accountId: string, id: string): Promise<EventRecord | null> {
    const row = await this.db.selectFrom('events').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row ? toEvent(row) : null;
  }

  async getMany(accountId: string, ids: string[]): Promise<EventRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('events').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
    return rows.map(toEvent);
  }

  async list(accountId: string, limit: number, offset: number): Promise<{ items: EventRecord[]; total: number }> {
    const base = this.db.selectFrom('events').where('account_id', '=', accountId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toEvent), total: Number(count.n) };
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('events').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Records that I met a person at an event; false when they were already recorded there. */
  async addPersonMet(accountId: string, eventId: string, personId: string, isNew: boolean, metOn: string, at: string): Promise<boolean> {
    const existing = await this.db
      .selectFrom('event_people')
      .select('person_id')
      .where('account_id', '=', accountId)
      .where('event_id', '=', eventId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (existing) return false;
    await this.db
      .insertInto('event_people')
      .values({ account_id: accountId, event_id: eventId, person_id: personId, is_new: isNew ? 1 : 0, met_on: metOn, created_at: at })
      .execute();
    return true;
  }

  async peopleMet(accountId: string, eventId: string): Promise<EventPersonRecord[]> {
    const rows = await this.db
      .selectFrom('event_people')
      .innerJoin('people', 'people.id', 'event_people.person_id')
      .select([
        'event_people.person_id',
        'event_people.is_new',
        'event_people.met_on',
        'people.full_name',
        'people.company',
        'people.follow_up_due_on',
      ])
      .where('event_people.account_id', '=', accountId)
      .where('event_people.event_id', '=', eventId)
      .where('people.deleted_at', 'is', null)
      .orderBy('event_people.created_at')
      .orderBy('event_people.person_id')
      .execute();
    return rows.map((r) => ({
      personId: r.person_id,
      fullName: r.full_name,
      company: r.company,
      isNew: r.is_new === 1,
      metOn: r.met_on,
      followUpDueOn: r.follow_up_due_on,
    }));
  }

  /** For each event, how many people new to me I met there (those deleted since do not count), in one grouped query. */
  async newPeopleCounts(accountId: string, eventIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (eventIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom('event_people')
      .innerJoin('people', 'people.id', 'event_people.person_id')
      .select((eb) => ['event_people.event_id', eb.fn.countAll<number>().as('n')])
      .where('event_people.account_id', '=', accountId)
      .where('event_people.event_id', 'in', eventIds)
      .where('event_people.is_new', '=', 1)
      .where('people.deleted_at', 'is', null)
      .groupBy('event_people.event_id')
      .execute();
    for (const r of rows) counts.set(r.event_id, Number(r.n));
    return counts;
  }

  async eventsOfPerson(accountId: string, personId: string): Promise<{ eventId: string; name: string; metOn: string; isNew: boolean }[]> {
    const rows = await this.db
      .selectFrom('event_people')
      .innerJoin('events', 'events.id', 'event_people.event_id')
      .select(['events.id', 'events.name', 'event_people.met_on', 'event_people.is_new'])
      .where('event_people.account_id', '=', accountId)
      .where('event_people.person_id', '=', personId)
      .orderBy('event_people.met_on', 'desc')
      .execute();
    return rows.map((r) => ({ eventId: r.id, name: r.name, metOn: r.met_on, isNew: r.is_new === 1 }));
  }

  /** For each person, the event where I met them most recently. */
  async latestEventOf(accountId: string, personIds: string[]): Promise<Map<string, { eventId: string; name: string; metOn: string }>> {
    const map = new Map<string, { eventId: string; name: string; metOn: string }>();
    if (personIds.length === 0) return map;
    const rows = await this.db
      .selectFrom('event_people')
      .innerJoin('events', 'events.id', 'event_people.event_id')
      .select(['event_people.person_id', 'events.id', 'events.name', 'event_people.met_on'])
      .where('event_people.account_id', '=', accountId)
      .where('event_people.person_id', 'in', personIds)
      .orderBy('event_people.met_on')
      .orderBy('event_people.created_at')
      .execute();
    for (const r of rows) map.set(r.person_id, { eventId: r.id, name: r.name, metOn: r.met_on });
    return map;
  }
}
