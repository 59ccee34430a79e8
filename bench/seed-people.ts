// One seeded person as the rows Kith would have stored for them: the person (with search words and follow-up
// columns computed exactly as refreshPerson computes them), contacts, commonalities, touches, meetings at events,
// promises and the first stage. Touch dates are drawn so that a realistic share of people is due or overdue.
import type { Insertable } from 'kysely';
import type { Database } from '../src/db/schema.js';
import type { SettingsRecord } from '../src/core/records.js';
import type { CommonalityKind } from '../src/core/types.js';
import { addDays, localDateOf, maxDate, minDate, type CalendarDate } from '../src/core/calendar-date.js';
import { effectiveCadence, followUpState, schedulePromise, type FollowUpState } from '../src/core/follow-up-schedule.js';
import { foldText, foldedWords } from '../src/core/text-fold.js';
import { normalizeTopic } from '../src/core/topic.js';
import { derivePerson } from '../src/app/person-derived.js';
import * as data from './seed-data.js';
import { chance, intBetween, pick, pickWeighted, uuidV7At, type Rng } from './seed-data.js';

type Row<T extends keyof Database> = Insertable<Database[T]>;

export interface SeedEvent {
  id: string;
  name: string;
  /** The day of the event in the account's time zone. */
  day: CalendarDate;
}

export interface SeededPersonRows {
  person: Row<'people'>;
  contacts: Row<'person_contacts'>[];
  commonalities: Row<'commonalities'>[];
  interactions: Row<'interactions'>[];
  eventPeople: Row<'event_people'>[];
  promises: Row<'promises'>[];
  stageHistory: Row<'stage_history'>[];
  /** The follow-up state of this person today ('ok' when nothing is due soon, or nothing is scheduled). */
  state: FollowUpState;
}

export interface PersonContext {
  rng: Rng;
  accountId: string;
  settings: SettingsRecord;
  today: CalendarDate;
  nowMs: number;
  /** When this person was added. */
  createdMs: number;
  /** Events sorted by day, oldest first. */
  events: SeedEvent[];
}

const SOURCES: [string, number][] = [['typed', 0.6], ['card', 0.15], ['qr', 0.1], ['import', 0.15]];
const COMMONALITY_COUNTS: [number, number][] = [[0, 0.3], [1, 0.45], [2, 0.25]];

function noonOf(day: CalendarDate, nowMs: number): string {
  return new Date(Math.min(Date.parse(`${day}T12:00:00.000Z`), nowMs)).toISOString();
}

/** The latest event on or before `day`, if any. */
function eventOnOrBefore(events: SeedEvent[], day: CalendarDate): SeedEvent | null {
  let lo = 0;
  let hi = events.length - 1;
  let found: SeedEvent | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.day <= day) {
      found = events[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** How long ago the latest touch was, as a share of the cadence: ~13% overdue or due, ~6% soon, the rest fine. */
function touchAgeShare(rng: Rng): number {
  const r = rng();
  if (r < 0.115) return 1.05 + rng() * 2;
  if (r < 0.13) return 1;
  if (r < 0.19) return 0.81 + rng() * 0.18;
  return rng() * 0.78;
}

function randomDayBetween(rng: Rng, from: CalendarDate, to: CalendarDate): CalendarDate {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  return addDays(from, intBetween(rng, 0, span));
}

export function seedPerson(ctx: PersonContext): SeededPersonRows {
  const { rng, accountId, settings, today, nowMs } = ctx;
  const createdAt = new Date(ctx.createdMs).toISOString();
  const createdOn = localDateOf(new Date(ctx.createdMs), settings.timeZone);
  const id = uuidV7At(ctx.createdMs, rng);
  const childId = () => uuidV7At(ctx.createdMs, rng);

  const first = pick(rng, data.FIRST_NAMES);
  const last = chance(rng, 0.2) ? `${pick(rng, data.LAST_NAMES)} ${pick(rng, data.LAST_NAMES)}` : pick(rng, data.LAST_NAMES);
  const fullName = `${first} ${last}`;
  const company = chance(rng, 0.85) ? pick(rng, data.COMPANIES) : null;
  const title = chance(rng, 0.7) ? pick(rng, data.TITLES) : null;
  const notes = chance(rng, 0.3) ? pick(rng, data.NOTES) : null;
  const introducedBy = chance(rng, 0.1) ? `${pick(rng, data.FIRST_NAMES)} ${pick(rng, data.LAST_NAMES)}` : null;
  const stage = pickWeighted(rng, data.STAGE_WEIGHTS);
  const cadenceDays = stage !== 'dormant' && chance(rng, 0.05) ? pick(rng, [7, 21, 60, 180]) : null;

  const local = (s: string) => foldedWords(s).join('');
  const domain = company ? `${local(company)}.com` : pick(rng, ['gmail.com', 'proton.me', 'outlook.com']);
  const emails = [{ value: `${local(first)}.${local(last)}${chance(rng, 0.3) ? intBetween(rng, 1, 99) : ''}@${domain}`, label: 'work' }];
  if (chance(rng, 0.15)) emails.push({ value: `${local(first)}${intBetween(rng, 1, 9999)}@gmail.com`, label: 'home' });
  const phones = chance(rng, 0.6) ? [{ value: `+1${intBetween(rng, 201, 989)}${String(intBetween(rng, 0, 9_999_999)).padStart(7, '0')}`, label: 'mobile' }] : [];
  const links = chance(rng, 0.2) ? [{ value: `https://www.linkedin.com/in/${foldText(first)}-${intBetween(rng, 100, 99999)}`, label: null }] : [];
  const contacts: Row<'person_contacts'>[] = [
    ...(['email', 'phone', 'link'] as const).flatMap((kind) =>
      (kind === 'email' ? emails : kind === 'phone' ? phones : links).map((c, position) => ({
        id: childId(), account_id: accountId, person_id: id, kind, value: c.value, label: c.label, position,
      })),
    ),
  ];

  const commonalityRecords = [...new Set(Array.from({ length: pickWeighted(rng, COMMONALITY_COUNTS) }, () => pick(rng, data.COMMONALITIES)))].map((c) => ({
    id: childId(), kind: c.kind as CommonalityKind, text: c.text, topic: normalizeTopic(c.text), createdAt,
  }));

  // Touches and meetings. Someone added at an event was met there ("met" touch + event_people); a few met again
  // at a recent event and were not followed up yet, so they are due a first follow-up.
  const interactions: Row<'interactions'>[] = [];
  const eventPeople: Row<'event_people'>[] = [];
  const touch = (kind: string, day: CalendarDate, eventId: string | null, summary: string | null) =>
    interactions.push({ id: childId(), account_id: accountId, person_id: id, kind, occurred_on: day, summary, event_id: eventId, created_at: noonOf(day, nowMs) });
  const meet = (event: SeedEvent, day: CalendarDate, isNew: boolean) => {
    eventPeople.push({ account_id: accountId, event_id: event.id, person_id: id, is_new: isNew ? 1 : 0, met_on: day, created_at: noonOf(day, nowMs) });
    touch('met', day, event.id, `Met at ${event.name}`);
  };
  const metAt = chance(rng, 0.3) ? eventOnOrBefore(ctx.events, createdOn) : null;
  const cadence = effectiveCadence({ stage, cadenceDays }, settings);
  const lastTouch = cadence ? maxDate(createdOn, addDays(today, -Math.round(touchAgeShare(rng) * cadence))) : randomDayBetween(rng, createdOn, today);
  const touches = intBetween(rng, 2, 3);
  const kindOf = () => pick(rng, data.TOUCH_KINDS);
  const summaryOf = () => (chance(rng, 0.5) ? pick(rng, ['Coffee', 'Quick call', 'Sent the article', 'Lunch', 'Intro e-mail']) : null);
  let metAgain: SeedEvent | null = null;
  if (metAt) {
    meet(metAt, createdOn, true);
    const firstFollowUp = minDate(today, maxDate(createdOn, minDate(addDays(createdOn, intBetween(rng, 1, 3)), lastTouch)));
    const justMet = createdOn >= addDays(today, -3) && chance(rng, 0.5);
    if (!justMet) {
      touch('email', firstFollowUp, null, 'Nice to meet you');
      if (touches === 3 && lastTouch > firstFollowUp) touch(kindOf(), randomDayBetween(rng, firstFollowUp, lastTouch), null, summaryOf());
      if (lastTouch > firstFollowUp) touch(kindOf(), lastTouch, null, summaryOf());
      if (chance(rng, 0.04)) {
        const latest = maxDate(lastTouch, firstFollowUp);
        const recent = ctx.events.filter((e) => e.day >= addDays(today, -14) && e.day > latest);
        if (recent.length > 0) metAgain = pick(rng, recent);
      }
    }
    if (metAgain) meet(metAgain, metAgain.day, false);
  } else {
    for (let i = 0; i < touches; i++) touch(kindOf(), i === touches - 1 ? lastTouch : randomDayBetween(rng, createdOn, lastTouch), null, summaryOf());
  }

  const snoozedUntil = cadence && chance(rng, 0.02) ? addDays(today, intBetween(rng, 1, 30)) : null;
  // The same facts refreshPerson reads back with touchDates(): latest touch, latest non-meeting touch, latest meeting.
  const days = (rows: { occurred_on: string }[]) => rows.map((r) => r.occurred_on).sort().at(-1) ?? null;
  const lastTouchOn = days(interactions);
  const lastFollowUpOn = days(interactions.filter((r) => r.kind !== 'met'));
  const lastMetOn = eventPeople.map((e) => e.met_on).sort().at(-1) ?? null;
  const derived = derivePerson(
    { fullName, company, title, notes, introducedBy, emails, phones, commonalities: commonalityRecords, stage, cadenceDays, createdAt, snoozedUntil },
    { lastTouchOn, lastFollowUpOn, lastMetOn },
    settings,
  );
  const schedule = derived.followUp;

  const promises: Row<'promises'>[] = [];
  if (chance(rng, 0.06)) {
    const madeOn = lastTouchOn ?? createdOn;
    const dueOn = chance(rng, 0.5) ? addDays(madeOn, intBetween(rng, 1, 14)) : null;
    const s = schedulePromise({ madeOn, dueOn }, settings);
    const done = s.dueOn < addDays(today, -3) && chance(rng, 0.85);
    promises.push({
      id: childId(), account_id: accountId, person_id: id, direction: chance(rng, 0.7) ? 'i_owe' : 'they_owe', text: pick(rng, data.PROMISE_TEXTS),
      made_on: madeOn, due_on: dueOn, effective_due_on: s.dueOn, soon_from: s.soonFrom, event_id: null,
      done_at: done ? noonOf(s.dueOn, nowMs) : null, created_at: noonOf(madeOn, nowMs),
    });
  }

  return {
    person: {
      id, account_id: accountId, full_name: fullName, company, title, notes, stage, cadence_days: cadenceDays,
      source: pickWeighted(rng, SOURCES), met_event_id: metAt?.id ?? null, met_on: metAt ? createdOn : null, introduced_by: introducedBy,
      snoozed_until: snoozedUntil, last_touch_on: lastTouchOn, last_follow_up_on: lastFollowUpOn, last_met_on: lastMetOn,
      follow_up_reason: schedule?.reason ?? null, follow_up_since: schedule?.since ?? null, follow_up_due_on: schedule?.dueOn ?? null,
      follow_up_soon_from: schedule?.soonFrom ?? null, search_name: derived.searchName, search_rest: derived.searchRest, company_key: derived.companyKey,
      created_at: createdAt, updated_at: createdAt, deleted_at: null,
    },
    contacts,
    commonalities: commonalityRecords.map((c) => ({ id: c.id, account_id: accountId, person_id: id, kind: c.kind, text: c.text, topic: c.topic, created_at: createdAt })),
    interactions,
    eventPeople,
    promises,
    stageHistory: [{ id: childId(), account_id: accountId, person_id: id, from_stage: null, to_stage: stage, changed_at: createdAt }],
    state: schedule ? followUpState(schedule, today) : 'ok',
  };
}
