// The reason of a follow-up in words, as the person reads it on Today, in `kith due` and in the API.
import { daysBetween, relativeDays, type CalendarDate } from './calendar-date.js';
import type { FollowUpReason } from './follow-up-schedule.js';

export function firstNameOf(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  const honorifics = /^(dr|mr|mrs|ms|mx|prof|sir)\.?$/i;
  return words.find((w) => !honorifics.test(w)) ?? fullName.trim();
}

function ago(since: CalendarDate, today: CalendarDate): string {
  const days = daysBetween(since, today);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

export interface PersonReasonInput {
  reason: FollowUpReason;
  fullName: string;
  since: CalendarDate;
  today: CalendarDate;
  eventName: string | null;
  cadenceDays: number | null;
  everTouched: boolean;
}

export function describePersonFollowUp(input: PersonReasonInput): string {
  const name = firstNameOf(input.fullName);
  const when = ago(input.since, input.today);
  if (input.reason === 'first_follow_up') {
    const where = input.eventName ? ` at ${input.eventName}` : '';
    return `You met ${name}${where} ${when}: a first follow-up keeps you in mind.`;
  }
  const rhythm = input.cadenceDays ? ` (you aim for every ${input.cadenceDays} days)` : '';
  return input.everTouched
    ? `Your last touch with ${name} was ${when}${rhythm}.`
    : `You added ${name} ${when} and have not been in touch since${rhythm}.`;
}

export interface PromiseReasonInput {
  fullName: string;
  text: string;
  dueOn: CalendarDate;
  today: CalendarDate;
}

export function describePromise(input: PromiseReasonInput): string {
  const name = firstNameOf(input.fullName);
  const days = daysBetween(input.today, input.dueOn);
  const due = days < 0 ? `${-days} day${days === -1 ? '' : 's'} overdue` : `due ${relativeDays(input.today, input.dueOn)}`;
  return `You promised ${name}: ${input.text} (${due}).`;
}
