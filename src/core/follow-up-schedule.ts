// When each person is next due for a touch, and why (DESIGN.md, "Follow-up rules"):
// - someone met at an event is due for a first follow-up within the follow-up window (default 2 days);
// - otherwise the keep-in-touch cadence of their stage (or their own cadence) runs from the latest touch;
// - any touch resets the clock; a snooze moves the due day; a promise I owe is due when promised.
// A schedule is a pair of calendar days (soon from, due on) computed in the user's time zone, so storage can
// index it and "today" decides the state at read time.
import { addDays, daysBetween, maxDate, type CalendarDate } from './calendar-date.js';
import type { FollowUpSettings, Stage } from './types.js';

export type FollowUpState = 'ok' | 'soon' | 'due' | 'overdue';
export type FollowUpReason = 'first_follow_up' | 'cadence';

/** What the schedule of one person depends on; every day is a calendar day in the user's time zone. */
export interface PersonFollowUpFacts {
  stage: Stage;
  /** The person's own cadence, overriding the stage's. */
  cadenceDays: number | null;
  /** The day the person was added: the cadence clock starts here when there was never a touch. */
  createdOn: CalendarDate;
  /** The latest day they were met at an event, if ever. */
  lastMetOn: CalendarDate | null;
  /** The latest touch of any kind (a meeting at an event counts). */
  lastTouchOn: CalendarDate | null;
  /** The latest touch that is not the meeting itself: an e-mail, call, message… */
  lastFollowUpOn: CalendarDate | null;
  snoozedUntil: CalendarDate | null;
}

export interface FollowUpSchedule {
  reason: FollowUpReason;
  /** The day the follow-up is due; after it, it is overdue. */
  dueOn: CalendarDate;
  /** The first day it counts as "soon": the day they met for a first follow-up, else within 20% of the span before the due day. */
  soonFrom: CalendarDate;
  /** The day the clock started: the meeting for a first follow-up, the latest touch for a cadence. */
  since: CalendarDate;
  snoozed: boolean;
}

/** The share of a span, before its end, during which a follow-up is "soon". */
export const SOON_SHARE = 0.2;

function soonDays(spanDays: number): number {
  return Math.max(1, Math.ceil(spanDays * SOON_SHARE));
}

export function effectiveCadence(facts: Pick<PersonFollowUpFacts, 'stage' | 'cadenceDays'>, settings: FollowUpSettings): number | null {
  return facts.cadenceDays ?? settings.cadenceDays[facts.stage];
}

/** The next follow-up of a person, or null when nothing is scheduled (dormant, no cadence, no pending first follow-up). */
export function scheduleFollowUp(facts: PersonFollowUpFacts, settings: FollowUpSettings): FollowUpSchedule | null {
  const firstFollowUpPending =
    facts.lastMetOn !== null && (facts.lastFollowUpOn === null || facts.lastFollowUpOn < facts.lastMetOn);

  let reason: FollowUpReason;
  let since: CalendarDate;
  let span: number;
  if (firstFollowUpPending && facts.lastMetOn !== null) {
    reason = 'first_follow_up';
    since = facts.lastMetOn;
    span = settings.followUpWindowDays;
  } else {
    const cadence = effectiveCadence(facts, settings);
    if (cadence === null || cadence <= 0) return null;
    reason = 'cadence';
    since = facts.lastTouchOn ? maxDate(facts.lastTouchOn, facts.createdOn) : facts.createdOn;
    span = cadence;
  }

  let dueOn = addDays(since, span);
  // A first follow-up is best made while the meeting is fresh: it shows from the day they met, due by the end of
  // the window. A keep-in-touch follow-up shows only in the last part of its span.
  let soonFrom = reason === 'first_follow_up' ? since : addDays(dueOn, -soonDays(span));
  let snoozed = false;
  if (facts.snoozedUntil !== null && facts.snoozedUntil > soonFrom) {
    // A snooze hides the follow-up until the chosen day, when it is due again.
    snoozed = true;
    dueOn = maxDate(dueOn, facts.snoozedUntil);
    soonFrom = dueOn;
  }
  return { reason, dueOn, soonFrom, since, snoozed };
}

export function followUpState(schedule: Pick<FollowUpSchedule, 'dueOn' | 'soonFrom'>, today: CalendarDate): FollowUpState {
  if (today > schedule.dueOn) return 'overdue';
  if (today === schedule.dueOn) return 'due';
  if (today >= schedule.soonFrom) return 'soon';
  return 'ok';
}

export interface PromiseFacts {
  madeOn: CalendarDate;
  dueOn: CalendarDate | null;
}

export interface PromiseSchedule {
  dueOn: CalendarDate;
  soonFrom: CalendarDate;
}

/** A promise is due on the day promised, or `promiseDefaultDays` after it was made. */
export function schedulePromise(promise: PromiseFacts, settings: FollowUpSettings): PromiseSchedule {
  const dueOn = promise.dueOn ?? addDays(promise.madeOn, settings.promiseDefaultDays);
  const span = Math.max(0, daysBetween(promise.madeOn, dueOn));
  return { dueOn, soonFrom: addDays(dueOn, -soonDays(span)) };
}
