// The organizer's rules: who may do what in an organization, and where a registration goes (a seat, the waitlist,
// or waiting for an e-mail confirmation or the organizer's approval). Pure: the service reads and writes.
import type { FieldIssue } from './errors.js';
import { wallClockOf } from './calendar-feed.js';
import { instantOfLocalHour } from './digest-schedule.js';

export { ORG_ROLES, CAN, DOOR_LINK_HOURS_AFTER_END, type OrgRole } from './organizer-roles.js';

export const REGISTRATION_STATUSES = ['unconfirmed', 'pending', 'confirmed', 'waitlisted', 'offered', 'declined', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export interface Question {
  id: string;
  label: string;
  required: boolean;
}

/** True when the registration holds one of the event's seats at `now`. */
export function holdsSeat(r: { status: string; offeredUntil: string | null }, now: Date): boolean {
  return r.status === 'confirmed' || (r.status === 'offered' && r.offeredUntil !== null && Date.parse(r.offeredUntil) > now.getTime());
}

/**
 * Where a registration whose e-mail is known to be the person's goes: pending when the event asks for approval,
 * else a seat while one is free, else the waitlist.
 */
export function placeFor(event: { capacity: number | null; requiresApproval: boolean }, seatsHeld: number): 'pending' | 'confirmed' | 'waitlisted' {
  if (event.requiresApproval) return 'pending';
  return event.capacity === null || seatsHeld < event.capacity ? 'confirmed' : 'waitlisted';
}

const MAX_QUESTIONS = 20;
/** Names every JavaScript object has: an answer keyed by one would read or set the object's own machinery. */
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);
const MAX_LABEL = 200;
const MAX_ANSWER = 2000;

/** Checks an event's custom questions; ids must be unique and short (they key the answers). */
export function checkQuestions(questions: Question[], path = 'questions'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (questions.length > MAX_QUESTIONS) issues.push({ path, message: `at most ${MAX_QUESTIONS} questions` });
  const ids = new Set<string>();
  questions.forEach((q, i) => {
    if (!/^[a-z0-9_-]{1,40}$/i.test(q.id)) issues.push({ path: `${path}[${i}].id`, message: 'an id is 1–40 letters, digits, - or _' });
    else if (RESERVED_IDS.has(q.id)) issues.push({ path: `${path}[${i}].id`, message: `"${q.id}" cannot be an id (choose another word)` });
    else if (ids.has(q.id)) issues.push({ path: `${path}[${i}].id`, message: `the id "${q.id}" is used twice` });
    ids.add(q.id);
    if (!q.label.trim() || q.label.length > MAX_LABEL) issues.push({ path: `${path}[${i}].label`, message: `a question needs a label of at most ${MAX_LABEL} characters` });
  });
  return issues;
}

/** The answers to keep: one per question, trimmed; a required question left blank is an issue at its field. */
export function checkAnswers(questions: Question[], given: Record<string, string | undefined>): { answers: Record<string, string>; issues: FieldIssue[] } {
  const answers: Record<string, string> = Object.create(null) as Record<string, string>;
  const issues: FieldIssue[] = [];
  for (const q of questions) {
    const sent = Object.hasOwn(given, q.id) ? given[q.id] : undefined;
    const value = (typeof sent === 'string' ? sent : '').trim();
    if (value.length > MAX_ANSWER) issues.push({ path: `answers.${q.id}`, message: `at most ${MAX_ANSWER} characters` });
    else if (!value && q.required) issues.push({ path: `answers.${q.id}`, message: `"${q.label}" needs an answer` });
    else if (value) answers[q.id] = value;
  }
  return { answers, issues };
}

/**
 * The next month's meeting of a series: the same weekday of the same week of the month (the 2nd Tuesday stays the
 * 2nd Tuesday; a 5th one becomes the last), at the same wall-clock time in the event's time zone, whatever the
 * clocks did in between.
 */
export function nextMonthsMeeting(startsAt: string, timeZone: string): string {
  const wall = wallClockOf(new Date(startsAt), timeZone);
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  const nth = Math.ceil(wall.day / 7);
  const year = wall.month === 12 ? wall.year + 1 : wall.year;
  const month = wall.month === 12 ? 1 : wall.month + 1;
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let day = 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7;
  while (day > daysInMonth) day -= 7;
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return instantOfLocalHour(date, wall.hour, timeZone, wall.minute).toISOString();
}
