// People: capture, read, edit, delete with undo, list, search, commonalities, promises, touches, stages, snooze.
// Every use case runs in one transaction and ends by recomputing the person's search words and follow-up.
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import { derivePerson, refreshPerson } from './person-derived.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { addDays, localDateOf, type CalendarDate } from '../core/calendar-date.js';
import { normaliseEmails, normaliseLinks, normaliseAddresses, normalisePhones, type LabelledValueInput } from '../core/contact-values.js';
import { normalizeTopic } from '../core/topic.js';
import { termsOf } from '../core/topic-match.js';
import { schedulePromise } from '../core/follow-up-schedule.js';
import { stageChange } from '../core/stage.js';
import { companyKey, findPossibleDuplicates, type PossibleDuplicate } from '../core/duplicate-check.js';
import { foldedWords } from '../core/text-fold.js';
import type {
  EventRecord,
  InteractionRecord,
  PersonRecord,
  PersonSummary,
  PromiseRecord,
  SettingsRecord,
  StageHistoryRecord,
} from '../core/records.js';
import type { CommonalityKind, InteractionKind, LabelledValue, PersonSource, PromiseDirection, Stage } from '../core/types.js';
import type { NewPerson, PersonListFilter } from '../db/repositories/person.repository.js';

export interface PersonInput {
  fullName: string;
  company?: string | null | undefined;
  title?: string | null | undefined;
  notes?: string | null | undefined;
  stage?: Stage | undefined;
  cadenceDays?: number | null | undefined;
  emails?: LabelledValueInput[] | undefined;
  phones?: LabelledValueInput[] | undefined;
  links?: LabelledValueInput[] | undefined;
  addresses?: LabelledValueInput[] | undefined;
  commonalities?: { kind: CommonalityKind; text: string }[] | undefined;
  introducedBy?: string | null | undefined;
  source?: PersonSource | undefined;
  /** The event where I met them; they count as new people there. */
  eventId?: string | null | undefined;
}

/** A person's input with contact values already normalised (normaliseEmails and the like). */
export type NormalisedPersonInput = Omit<PersonInput, 'emails' | 'phones' | 'links' | 'addresses' | 'eventId'> &
  Record<'emails' | 'phones' | 'links' | 'addresses', LabelledValue[]>;

export type PersonPatch = Partial<Omit<PersonInput, 'commonalities' | 'eventId' | 'source'>>;

export interface PersonDetail {
  person: PersonRecord;
  promises: PromiseRecord[];
  interactions: InteractionRecord[];
  stageHistory: StageHistoryRecord[];
  events: { eventId: string; name: string; metOn: CalendarDate; isNew: boolean }[];
}

export interface CreatedPerson {
  person: PersonRecord;
  possibleDuplicates: PossibleDuplicate[];
}

const TIMELINE_LIMIT = 50;

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export class PeopleService {
  constructor(private readonly ctx: AppContext) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  today(settings: SettingsRecord): CalendarDate {
    return localDateOf(this.ctx.clock.now(), settings.timeZone);
  }

  async create(accountId: string, input: PersonInput): Promise<CreatedPerson> {
    return this.ctx.store.transaction((repos) => this.createIn(repos, accountId, input));
  }

  /** Creates a person inside the caller's transaction. */
  async createIn(repos: Repositories, accountId: string, input: PersonInput): Promise<CreatedPerson> {
    const settings = await repos.accounts.getSettings(accountId);
    const event = input.eventId ? await this.requireEvent(repos, accountId, input.eventId) : null;
    const id = await this.insertPerson(repos, accountId, settings, input, event);
    const person = await refreshPerson(repos, accountId, id, settings);
    const possibleDuplicates = await this.duplicatesOf(repos, accountId, person!, id);
    return { person: person!, possibleDuplicates };
  }

  /** Inserts a person with everything that comes with them; the caller refreshes them. Used by quick capture too. */
  async insertPerson(repos: Repositories, accountId: string, settings: SettingsRecord, input: PersonInput, event: EventRecord | null): Promise<string> {
    const person = this.newPerson(
      accountId,
      settings,
      {
        ...input,
        emails: normaliseEmails(input.emails ?? []),
        phones: normalisePhones(input.phones ?? [], settings.defaultRegion),
        links: normaliseLinks(input.links ?? []),
        addresses: normaliseAddresses(input.addresses ?? []),
      },
      event,
      this.now(),
    );
    await this.insertPeople(repos, accountId, [person]);
    if (event) await this.recordMeeting(repos, accountId, event, person.id, true, person.fields.metOn!, person.at);
    return person.id;
  }

  /**
   * A new person as rows, with their derived columns (search words, follow-up) computed as refreshPerson would for
   * someone with no touches yet. Throws ValidationError for a blank name or commonality.
   */
  newPerson(accountId: string, settings: SettingsRecord, input: NormalisedPersonInput, event: EventRecord | null, at: string): NewPerson {
    const fullName = input.fullName.trim();
    if (!fullName) throw new ValidationError([{ path: 'fullName', message: 'a person needs a name' }]);
    const commonalities = (input.commonalities ?? []).map((c, i) => {
      const text = c.text.trim();
      const topic = normalizeTopic(text);
      if (!text || !topic) throw new ValidationError([{ path: `commonalities[${i}].text`, message: 'a commonality needs some text, e.g. "opera"' }]);
      return { id: this.ctx.newId(), kind: c.kind, text, topic };
    });
    const stage = input.stage ?? 'met';
    const fields = {
      fullName,
      company: blankToNull(input.company),
      title: blankToNull(input.title),
      notes: blankToNull(input.notes),
      stage,
      cadenceDays: input.cadenceDays ?? null,
      source: input.source ?? 'typed',
      metEventId: event?.id ?? null,
      metOn: event ? this.today(settings) : null,
      introducedBy: blankToNull(input.introducedBy),
    };
    const contacts: NewPerson['contacts'] = [];
    for (const [kind, values] of [['email', input.emails], ['phone', input.phones], ['link', input.links], ['address', input.addresses]] as const) {
      for (const [position, v] of values.entries()) contacts.push({ id: this.ctx.newId(), kind, value: v.value, label: v.label, position });
    }
    const derived = derivePerson(
      { ...fields, emails: input.emails, phones: input.phones, addresses: input.addresses, commonalities, createdAt: at, snoozedUntil: null },
      { lastTouchOn: null, lastFollowUpOn: null, lastMetOn: null },
      settings,
    );
    return { id: this.ctx.newId(), fields, derived, at, contacts, commonalities, stageEntryId: this.ctx.newId() };
  }

  /** Writes new people (one, or an import's batch) and their commonalities' share terms. */
  async insertPeople(repos: Repositories, accountId: string, people: NewPerson[]): Promise<void> {
    await repos.people.insertMany(accountId, people);
    await repos.shares.addManyTerms(
      accountId,
      people.flatMap((p) => p.commonalities.map((c) => ({ personId: p.id, commonalityId: c.id, kind: c.kind, terms: termsOf(c.text) }))),
    );
  }

  async recordMeeting(repos: Repositories, accountId: string, event: EventRecord, personId: string, isNew: boolean, today: CalendarDate, at: string): Promise<boolean> {
    const added = await repos.events.addPersonMet(accountId, event.id, personId, isNew, today, at);
    if (added) {
      await repos.activity.addInteraction(accountId, {
        id: this.ctx.newId(),
        personId,
        kind: 'met',
        occurredOn: today,
        summary: `Met at ${event.name}`,
        eventId: event.id,
        createdAt: at,
      });
    }
    return added;
  }

  async insertCommonality(repos: Repositories, accountId: string, personId: string, c: { kind: CommonalityKind; text: string }, at: string, path: string) {
    const text = c.text.trim();
    const topic = normalizeTopic(text);
    if (!text || !topic) throw new ValidationError([{ path, message: 'a commonality needs some text, e.g. "opera"' }]);
    const id = this.ctx.newId();
    await repos.people.addCommonality(accountId, personId, { id, kind: c.kind, text, topic }, at);
    // Kept in step for matching things to share; removal follows through the foreign key (on delete cascade).
    await repos.shares.addTerms(accountId, { personId, commonalityId: id, kind: c.kind, terms: termsOf(text) });
    return id;
  }

  async requireEvent(repos: Repositories, accountId: string, eventId: string): Promise<EventRecord> {
    const event = await repos.events.get(accountId, eventId);
    if (!event) throw new NotFoundError('KITH_EVENT_NOT_FOUND', `no event with id ${eventId}`, { eventId });
    return event;
  }

  async requirePerson(repos: Repositories, accountId: string, personId: string): Promise<void> {
    if (!(await repos.people.exists(accountId, personId))) {
      throw new NotFoundError('KITH_PERSON_NOT_FOUND', `no person with id ${personId}`, { personId });
    }
  }

  async duplicatesOf(repos: Repositories, accountId: string, probe: Pick<PersonRecord, 'fullName' | 'company' | 'emails' | 'phones'>, excludeId: string | null): Promise<PossibleDuplicate[]> {
    const emails = probe.emails.map((e) => e.value);
    const phones = probe.phones.map((p) => p.value);
    const ids = await repos.peopleQueries.duplicateCandidates(accountId, { emails, phones, companyKey: probe.company ? companyKey(probe.company) || null : null }, excludeId);
    // People sharing the last word of the name (through the search index) catch "Jane Doe" vs "Jane Doe".
    const surname = foldedWords(probe.fullName).at(-1);
    if (surname && surname.length >= 2) {
      const page = await repos.searchPeople(accountId, [surname], 50, 0);
      for (const { id } of page.items) if (id !== excludeId && !ids.includes(id)) ids.push(id);
    }
    const candidates = await repos.people.getMany(accountId, ids);
    return findPossibleDuplicates(
      { fullName: probe.fullName, company: probe.company, emails, phones },
      candidates.map((c) => ({ id: c.id, fullName: c.fullName, company: c.company, emails: c.emails.map((e) => e.value), phones: c.phones.map((p) => p.value) })),
    );
  }

  async get(accountId: string, personId: string): Promise<PersonDetail> {
    const repos = this.ctx.store.repos;
    const person = await repos.people.get(accountId, personId);
    if (!person) throw new NotFoundError('KITH_PERSON_NOT_FOUND', `no person with id ${personId}`, { personId });
    const [promises, interactions, stageHistory, events] = await Promise.all([
      repos.activity.promisesOf(accountId, personId),
      repos.activity.interactionsOf(accountId, personId, TIMELINE_LIMIT),
      repos.people.stageHistory(accountId, personId),
      repos.events.eventsOfPerson(accountId, personId),
    ]);
    return { person, promises, interactions, stageHistory, events };
  }

  async update(accountId: string, personId: string, patch: PersonPatch): Promise<PersonRecord> {
    return this.ctx.store.transaction(async (repos) => {
      await this.requirePerson(repos, accountId, personId);
      const settings = await repos.accounts.getSettings(accountId);
      const at = this.now();
      const fields: Record<string, unknown> = {};
      if (patch.fullName !== undefined) {
        const fullName = patch.fullName.trim();
        if (!fullName) throw new ValidationError([{ path: 'fullName', message: 'a person needs a name' }]);
        fields.fullName = fullName;
      }
      for (const key of ['company', 'title', 'notes', 'introducedBy'] as const) {
        if (patch[key] !== undefined) fields[key] = blankToNull(patch[key]);
      }
      if (patch.cadenceDays !== undefined) fields.cadenceDays = patch.cadenceDays;
      if (patch.emails) await repos.people.replaceContacts(accountId, personId, 'email', normaliseEmails(patch.emails), this.ctx.newId);
      if (patch.phones) await repos.people.replaceContacts(accountId, personId, 'phone', normalisePhones(patch.phones, settings.defaultRegion), this.ctx.newId);
      if (patch.links) await repos.people.replaceContacts(accountId, personId, 'link', normaliseLinks(patch.links), this.ctx.newId);
      if (patch.addresses) await repos.people.replaceContacts(accountId, personId, 'address', normaliseAddresses(patch.addresses), this.ctx.newId);
      await repos.people.update(accountId, personId, fields, at);
      if (patch.stage !== undefined) await this.applyStage(repos, accountId, personId, patch.stage, at);
      return (await refreshPerson(repos, accountId, personId, settings))!;
    });
  }

  async delete(accountId: string, personId: string): Promise<void> {
    const deleted = await this.ctx.store.transaction((repos) => repos.people.softDelete(accountId, personId, this.now()));
    if (!deleted) throw new NotFoundError('KITH_PERSON_NOT_FOUND', `no person with id ${personId}`, { personId });
  }

  async restore(accountId: string, personId: string): Promise<PersonRecord> {
    return this.ctx.store.transaction(async (repos) => {
      const restored = await repos.people.restore(accountId, personId, this.now());
      if (!restored) throw new NotFoundError('KITH_PERSON_NOT_FOUND', `no deleted person with id ${personId}`, { personId });
      const settings = await repos.accounts.getSettings(accountId);
      return (await refreshPerson(repos, accountId, personId, settings))!;
    });
  }

  list(accountId: string, filter: Omit<PersonListFilter, 'dueBy'> & { overdue?: boolean | undefined }): Promise<{ items: PersonSummary[]; total: number }> {
    return this.withToday(accountId, (today) => {
      const { overdue, ...rest } = filter;
      return this.ctx.store.repos.peopleQueries.list(accountId, { ...rest, topic: rest.topic ? normalizeTopic(rest.topic) : undefined, dueBy: overdue ? addDays(today, -1) : undefined });
    });
  }

  private async withToday<T>(accountId: string, work: (today: CalendarDate) => Promise<T>): Promise<T> {
    const settings = await this.ctx.store.repos.accounts.getSettings(accountId);
    return work(this.today(settings));
  }

  async search(accountId: string, query: string, limit: number, offset: number): Promise<{ items: PersonSummary[]; hasMore: boolean }> {
    const words = foldedWords(query).slice(0, 8);
    if (words.length === 0) return { items: [], hasMore: false };
    return this.ctx.store.repos.searchPeople(accountId, words, limit, offset);
  }

  async addCommonality(accountId: string, personId: string, c: { kind: CommonalityKind; text: string }): Promise<PersonRecord> {
    return this.ctx.store.transaction(async (repos) => {
      await this.requirePerson(repos, accountId, personId);
      const settings = await repos.accounts.getSettings(accountId);
      await this.insertCommonality(repos, accountId, personId, c, this.now(), 'text');
      return (await refreshPerson(repos, accountId, personId, settings))!;
    });
  }

  async removeCommonality(accountId: string, personId: string, commonalityId: string): Promise<PersonRecord> {
    return this.ctx.store.transaction(async (repos) => {
      await this.requirePerson(repos, accountId, personId);
      if (!(await repos.people.removeCommonality(accountId, personId, commonalityId))) {
        throw new NotFoundError('KITH_COMMONALITY_NOT_FOUND', `no commonality with id ${commonalityId} on this person`, { commonalityId });
      }
      const settings = await repos.accounts.getSettings(accountId);
      return (await refreshPerson(repos, accountId, personId, settings))!;
    });
  }

  /**
   * Makes a person's commonalities of the given kinds the ones listed (compared by kind and topic): the missing are
   * added, those no longer listed removed, the rest left as they are (with their dates). The caller refreshes.
   */
  async syncCommonalitiesIn(repos: Repositories, accountId: string, personId: string, wanted: { kind: CommonalityKind; text: string }[], kinds: readonly CommonalityKind[]): Promise<void> {
    const person = await repos.people.get(accountId, personId);
    if (!person) return;
    const keyOf = (kind: string, text: string) => `${kind}:${normalizeTopic(text.trim())}`;
    const wantedKeys = new Set(wanted.filter((c) => kinds.includes(c.kind) && normalizeTopic(c.text.trim())).map((c) => keyOf(c.kind, c.text)));
    const have = new Set<string>();
    for (const c of person.commonalities) {
      if (!kinds.includes(c.kind)) continue;
      const key = keyOf(c.kind, c.text);
      if (wantedKeys.has(key) && !have.has(key)) have.add(key);
      else await repos.people.removeCommonality(accountId, personId, c.id);
    }
    const at = this.now();
    for (const c of wanted) {
      const key = keyOf(c.kind, c.text);
      if (!wantedKeys.has(key) || have.has(key)) continue;
      have.add(key);
      await this.insertCommonality(repos, accountId, personId, c, at, 'commonalities');
    }
  }

  async addPromise(accountId: string, personId: string, input: { direction: PromiseDirection; text: string; dueOn?: CalendarDate | null | undefined; eventId?: string | null | undefined }): Promise<PromiseRecord> {
    return this.ctx.store.transaction(async (repos) => {
      await this.requirePerson(repos, accountId, personId);
      if (input.eventId) await this.requireEvent(repos, accountId, input.eventId);
      const settings = await repos.accounts.getSettings(accountId);
      return this.insertPromise(repos, accountId, personId, settings, input);
    });
  }

  async insertPromise(repos: Repositories, accountId: string, personId: string, settings: SettingsRecord, input: { direction: PromiseDirection; text: string; dueOn?: CalendarDate | null | undefined; eventId?: string | null | undefined }): Promise<PromiseRecord> {
    const text = input.text.trim();
    if (!text) throw new ValidationError([{ path: 'text', message: 'say what was promised, e.g. "send the white paper"' }]);
    const madeOn = this.today(settings);
    if (input.dueOn && input.dueOn < madeOn) throw new ValidationError([{ path: 'dueOn', message: `is before today (${madeOn})` }]);
    const schedule = schedulePromise({ madeOn, dueOn: input.dueOn ?? null }, settings);
    const promise: PromiseRecord = {
      id: this.ctx.newId(),
      personId,
      direction: input.direction,
      text,
      madeOn,
      dueOn: input.dueOn ?? null,
      effectiveDueOn: schedule.dueOn,
      soonFrom: schedule.soonFrom,
      eventId: input.eventId ?? null,
      doneAt: null,
      createdAt: this.now(),
    };
    await repos.activity.addPromise(accountId, promise);
    return promise;
  }

  async setPromiseDone(accountId: string, promiseId: string, done: boolean): Promise<PromiseRecord> {
    return this.ctx.store.transaction(async (repos) => {
      const promise = await repos.activity.getPromise(accountId, promiseId);
      if (!promise) throw new NotFoundError('KITH_PROMISE_NOT_FOUND', `no promise with id ${promiseId}`, { promiseId });
      const doneAt = done ? (promise.doneAt ?? this.now()) : null;
      await repos.activity.setPromiseDone(accountId, promiseId, doneAt);
      return { ...promise, doneAt };
    });
  }

  async logTouch(accountId: string, personId: string, input: { kind: InteractionKind; occurredOn?: CalendarDate | undefined; summary?: string | null | undefined; eventId?: string | null | undefined }): Promise<{ interaction: InteractionRecord; person: PersonRecord }> {
    return this.ctx.store.transaction((repos) => this.logTouchIn(repos, accountId, personId, input));
  }

  /** Logs a touch inside the caller's transaction (sending a thing to share logs one with its delivery). */
  async logTouchIn(repos: Repositories, accountId: string, personId: string, input: { kind: InteractionKind; occurredOn?: CalendarDate | undefined; summary?: string | null | undefined; eventId?: string | null | undefined }): Promise<{ interaction: InteractionRecord; person: PersonRecord }> {
    await this.requirePerson(repos, accountId, personId);
    const settings = await repos.accounts.getSettings(accountId);
    const today = this.today(settings);
    if (input.occurredOn && input.occurredOn > today) throw new ValidationError([{ path: 'occurredOn', message: `is in the future (today is ${today})` }]);
    if (input.eventId) await this.requireEvent(repos, accountId, input.eventId);
    const interaction: InteractionRecord = {
      id: this.ctx.newId(),
      personId,
      kind: input.kind,
      occurredOn: input.occurredOn ?? today,
      summary: blankToNull(input.summary),
      eventId: input.eventId ?? null,
      createdAt: this.now(),
    };
    await repos.activity.addInteraction(accountId, interaction);
    // A touch ends a snooze: the clock starts again from the touch.
    await repos.people.update(accountId, personId, { snoozedUntil: null }, interaction.createdAt);
    const person = (await refreshPerson(repos, accountId, personId, settings))!;
    return { interaction, person };
  }

  async changeStage(accountId: string, personId: string, stage: Stage): Promise<PersonRecord> {
    return this.ctx.store.transaction(async (repos) => {
      await this.requirePerson(repos, accountId, personId);
      const settings = await repos.accounts.getSettings(accountId);
      await this.applyStage(repos, accountId, personId, stage, this.now());
      return (await refreshPerson(repos, accountId, personId, settings))!;
    });
  }

  private async applyStage(repos: Repositories, accountId: string, personId: string, stage: Stage, at: string) {
    const person = await repos.people.get(accountId, personId);
    const change = stageChange(person!.stage, stage, new Date(at));
    if (!change) return;
    await repos.people.update(accountId, personId, { stage }, at);
    await repos.people.appendStage(accountId, { id: this.ctx.newId(), personId, fromStage: change.from, toStage: change.to, changedAt: change.changedAt });
  }

  /** Hides the follow-up until a day, or for a number of days from today (the user's today). */
  async snooze(accountId: string, personId: string, how: { until: CalendarDate } | { days: number }): Promise<PersonRecord> {
    return this.ctx.store.transaction(async (repos) => {
      await this.requirePerson(repos, accountId, personId);
      const settings = await repos.accounts.getSettings(accountId);
      const today = this.today(settings);
      const until = 'until' in how ? how.until : addDays(today, how.days);
      if (until <= today) throw new ValidationError([{ path: 'until', message: `must be after today (${today})` }]);
      await repos.people.update(accountId, personId, { snoozedUntil: until }, this.now());
      return (await refreshPerson(repos, accountId, personId, settings))!;
    });
  }
}
