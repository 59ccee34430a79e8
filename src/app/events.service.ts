// Events I go to: each with a goal of new people (habit 2), "I'm here now", the people met there, and a recap.
import type { AppContext } from './context.js';
import type { PeopleService, PersonInput, CreatedPerson } from './people.service.js';
import { refreshPerson } from './person-derived.js';
import { captureOnce, capturedPerson } from './capture-once.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { isValidTimeZone } from '../core/calendar-date.js';
import { eventRecap, goalProgress, type EventRecap, type GoalProgress } from '../core/event-goal.js';
import type { EventPersonRecord, EventRecord } from '../core/records.js';
import type { EventRole } from '../core/types.js';

export interface EventInput {
  name: string;
  startsAt: string;
  endsAt?: string | undefined;
  timeZone?: string | undefined;
  place?: string | null | undefined;
  link?: string | null | undefined;
  role?: EventRole | undefined;
  goal?: number | undefined;
}

/** An event stays "current" this long after its end, for the ride home and the first follow-ups. */
const CURRENT_GRACE_MS = 6 * 3_600_000;
const DEFAULT_LENGTH_MS = 3 * 3_600_000;

export interface EventDetail {
  event: EventRecord;
  progress: GoalProgress;
  people: EventPersonRecord[];
}

export type EventWithProgress = EventRecord & { progress: GoalProgress };

/** Someone I met at an event: an existing person, or a new one (made once per request id, when one is given). */
export type PersonMet = { personId: string } | { person: PersonInput; requestId?: string | undefined };

export class EventsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeopleService,
  ) {}

  private validate(input: EventInput, fallbackTimeZone: string, fallbackGoal: number): Omit<EventRecord, 'id' | 'createdAt' | 'updatedAt'> {
    const name = input.name.trim();
    const issues = [];
    if (!name) issues.push({ path: 'name', message: 'an event needs a name' });
    const starts = Date.parse(input.startsAt);
    if (Number.isNaN(starts)) issues.push({ path: 'startsAt', message: `"${input.startsAt}" is not a date and time (e.g. 2026-03-10T18:00:00Z)` });
    const ends = input.endsAt ? Date.parse(input.endsAt) : starts + DEFAULT_LENGTH_MS;
    if (input.endsAt && Number.isNaN(ends)) issues.push({ path: 'endsAt', message: `"${input.endsAt}" is not a date and time` });
    else if (!Number.isNaN(starts) && ends < starts) issues.push({ path: 'endsAt', message: 'is before the start' });
    const timeZone = input.timeZone ?? fallbackTimeZone;
    if (!isValidTimeZone(timeZone)) issues.push({ path: 'timeZone', message: `"${timeZone}" is not an IANA time zone (e.g. Europe/London)` });
    if (issues.length) throw new ValidationError(issues);
    return {
      name,
      startsAt: new Date(starts).toISOString(),
      endsAt: new Date(ends).toISOString(),
      timeZone,
      place: input.place?.trim() || null,
      link: input.link?.trim() || null,
      role: input.role ?? 'attending',
      goal: input.goal ?? fallbackGoal,
    };
  }

  async create(accountId: string, input: EventInput): Promise<EventRecord> {
    return this.ctx.store.transaction(async (repos) => {
      const settings = await repos.accounts.getSettings(accountId);
      const fields = this.validate(input, settings.timeZone, settings.defaultGoal);
      const id = this.ctx.newId();
      const at = this.ctx.clock.now().toISOString();
      await repos.events.insert(accountId, id, fields, at);
      return { id, ...fields, createdAt: at, updatedAt: at };
    });
  }

  async update(accountId: string, eventId: string, input: Partial<EventInput>): Promise<EventRecord> {
    return this.ctx.store.transaction(async (repos) => {
      const current = await this.people.requireEvent(repos, accountId, eventId);
      const settings = await repos.accounts.getSettings(accountId);
      const merged: EventInput = {
        name: input.name ?? current.name,
        startsAt: input.startsAt ?? current.startsAt,
        endsAt: input.endsAt ?? (input.startsAt ? undefined : current.endsAt),
        timeZone: input.timeZone ?? current.timeZone,
        place: input.place !== undefined ? input.place : current.place,
        link: input.link !== undefined ? input.link : current.link,
        role: input.role ?? current.role,
        goal: input.goal ?? current.goal,
      };
      const fields = this.validate(merged, settings.timeZone, settings.defaultGoal);
      const at = this.ctx.clock.now().toISOString();
      await repos.events.update(accountId, eventId, fields, at);
      return { ...current, ...fields, updatedAt: at };
    });
  }

  async get(accountId: string, eventId: string): Promise<EventDetail> {
    const repos = this.ctx.store.repos;
    const event = await repos.events.get(accountId, eventId);
    if (!event) throw new NotFoundError('KITH_EVENT_NOT_FOUND', `no event with id ${eventId}`, { eventId });
    const people = await repos.events.peopleMet(accountId, eventId);
    return { event, people, progress: goalProgress(event.goal, people.filter((p) => p.isNew).length) };
  }

  /** A page of events, the latest first, each with the progress toward its goal. */
  async list(accountId: string, limit: number, offset: number): Promise<{ items: EventWithProgress[]; total: number }> {
    const repos = this.ctx.store.repos;
    const page = await repos.events.list(accountId, limit, offset);
    const met = await repos.events.newPeopleCounts(accountId, page.items.map((e) => e.id));
    return { items: page.items.map((event) => ({ ...event, progress: goalProgress(event.goal, met.get(event.id) ?? 0) })), total: page.total };
  }

  async delete(accountId: string, eventId: string): Promise<void> {
    const deleted = await this.ctx.store.transaction(async (repos) => {
      const settings = await repos.accounts.getSettings(accountId);
      if (settings.currentEventId === eventId) {
        await repos.accounts.updateSettings(accountId, { ...settings, currentEventId: null }, this.ctx.clock.now().toISOString());
      }
      return repos.events.delete(accountId, eventId);
    });
    if (!deleted) throw new NotFoundError('KITH_EVENT_NOT_FOUND', `no event with id ${eventId}`, { eventId });
  }

  /** "I'm here now": captures go to this event until it is over (or another is chosen). */
  async hereNow(accountId: string, eventId: string): Promise<EventDetail> {
    await this.ctx.store.transaction(async (repos) => {
      await this.people.requireEvent(repos, accountId, eventId);
      const settings = await repos.accounts.getSettings(accountId);
      await repos.accounts.updateSettings(accountId, { ...settings, currentEventId: eventId }, this.ctx.clock.now().toISOString());
    });
    return this.get(accountId, eventId);
  }

  async leave(accountId: string): Promise<void> {
    await this.ctx.store.transaction(async (repos) => {
      const settings = await repos.accounts.getSettings(accountId);
      await repos.accounts.updateSettings(accountId, { ...settings, currentEventId: null }, this.ctx.clock.now().toISOString());
    });
  }

  /** The event I said I am at, while it lasts (until 6 hours after its end). */
  async current(accountId: string): Promise<EventRecord | null> {
    const repos = this.ctx.store.repos;
    const settings = await repos.accounts.getSettings(accountId);
    if (!settings.currentEventId) return null;
    const event = await repos.events.get(accountId, settings.currentEventId);
    if (!event) return null;
    return this.ctx.clock.now().getTime() <= Date.parse(event.endsAt) + CURRENT_GRACE_MS ? event : null;
  }

  /**
   * Adds someone met at the event: a new person (counts toward the goal) or someone I already know. A new person sent
   * again with the same request id is not made twice: the answer says `replayed` and carries the person as they are.
   */
  async addPersonMet(accountId: string, eventId: string, who: PersonMet): Promise<{ detail: EventDetail; created: CreatedPerson | null; replayed: boolean }> {
    if ('person' in who) {
      const input = who.person;
      const outcome = await captureOnce(this.ctx.store, accountId, who.requestId, () => this.ctx.clock.now().toISOString(), async (repos) => {
        try {
          const created = await this.people.createIn(repos, accountId, { ...input, eventId });
          return { result: created, personId: created.person.id, promiseIds: [] };
        } catch (error) {
          // The person's fields arrive inside "person": the issues name them from there, as the request did.
          throw error instanceof ValidationError ? error.under('person') : error;
        }
      });
      if (outcome.made) return { detail: await this.get(accountId, eventId), created: outcome.made, replayed: false };
      const person = await capturedPerson(this.ctx.store.repos, accountId, outcome.earlier);
      return { detail: await this.get(accountId, eventId), created: { person, possibleDuplicates: [] }, replayed: true };
    }
    await this.ctx.store.transaction(async (repos) => {
      const event = await this.people.requireEvent(repos, accountId, eventId);
      await this.people.requirePerson(repos, accountId, who.personId);
      const settings = await repos.accounts.getSettings(accountId);
      const at = this.ctx.clock.now().toISOString();
      await this.people.recordMeeting(repos, accountId, event, who.personId, false, this.people.today(settings), at);
      await refreshPerson(repos, accountId, who.personId, settings);
    });
    return { detail: await this.get(accountId, eventId), created: null, replayed: false };
  }

  async recap(accountId: string, eventId: string): Promise<EventRecap & { event: EventRecord; people: EventPersonRecord[] }> {
    const detail = await this.get(accountId, eventId);
    const promises = await this.ctx.store.repos.activity.promisesOfEvent(accountId, eventId);
    const recap = eventRecap(
      detail.event.name,
      detail.event.goal,
      detail.people,
      promises.map((p) => ({ personId: p.personId, text: p.text, dueOn: p.effectiveDueOn })),
    );
    return { ...recap, event: detail.event, people: detail.people };
  }
}
