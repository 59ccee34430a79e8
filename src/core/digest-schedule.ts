// When the e-mail digest goes out: at a whole hour of the person's own day, every day or on one weekday. The hour is
// wall-clock time in the account's IANA time zone, so a digest set for 8:00 stays at 8:00 across DST changes. On the
// day clocks spring forward past the hour (02:30 does not exist), it goes at the moment the clocks jump; on the day
// they fall back and the hour happens twice, it goes at the first.
import { addDays, localDateOf, type CalendarDate } from './calendar-date.js';

export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay() counts. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface DigestSchedule {
  frequency: 'daily' | 'weekly';
  /** 0–23, in the account's time zone. */
  hour: number;
  /** For weekly digests. */
  weekday: Weekday;
}

const MS_PER_HOUR = 3_600_000;
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instantMs`, in milliseconds. */
function offsetAt(instantMs: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instantMs / 1000) * 1000;
}

function wallClockMs(date: CalendarDate, hour: number, minute: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hour, minute);
}

/**
 * The instant `date` at `hour`:`minute` happens in `timeZone`: the first of two on a fall-back day, the jump on a
 * spring-forward day.
 */
export function instantOfLocalHour(date: CalendarDate, hour: number, timeZone: string, minute = 0): Date {
  const wall = wallClockMs(date, hour, minute);
  // The offsets in force around that day: before and after a change, if there is one.
  const before = offsetAt(wall - 12 * MS_PER_HOUR, timeZone);
  const after = offsetAt(wall + 12 * MS_PER_HOUR, timeZone);
  const matches = [wall - before, wall - after].filter((candidate) => candidate + offsetAt(candidate, timeZone) === wall).sort((a, b) => a - b);
  // No match: the hour falls in the gap of a spring-forward; the clocks jump at wall - before.
  return new Date(matches[0] ?? wall - before);
}

function weekdayOf(date: CalendarDate): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

function isSlotDay(schedule: DigestSchedule, date: CalendarDate): boolean {
  return schedule.frequency === 'daily' || weekdayOf(date) === schedule.weekday;
}

/** The first digest slot strictly after `after`. */
export function nextDigestSlot(schedule: DigestSchedule, timeZone: string, after: Date): Date {
  const start = localDateOf(after, timeZone);
  // A day before: an instant late on a local day can precede that day's slot only if the slot is that day, but a
  // change of offset makes "yesterday" worth checking too. Eight days cover a weekly schedule.
  for (let i = -1; i <= 8; i++) {
    const date = addDays(start, i);
    if (!isSlotDay(schedule, date)) continue;
    const slot = instantOfLocalHour(date, schedule.hour, timeZone);
    if (slot.getTime() > after.getTime()) return slot;
  }
  throw new RangeError('no digest slot within eight days');
}

/** The latest digest slot at or before `at`: the one a digest is owed for when it runs late. */
export function latestDigestSlot(schedule: DigestSchedule, timeZone: string, at: Date): Date {
  const start = localDateOf(at, timeZone);
  for (let i = 1; i >= -8; i--) {
    const date = addDays(start, i);
    if (!isSlotDay(schedule, date)) continue;
    const slot = instantOfLocalHour(date, schedule.hour, timeZone);
    if (slot.getTime() <= at.getTime()) return slot;
  }
  throw new RangeError('no digest slot within eight days');
}

/** The outbox key of one slot's digest: a second send of the same slot is refused by the database. */
export function digestDedupeKey(accountId: string, slot: Date, timeZone: string): string {
  return `digest:${accountId}:${localDateOf(slot, timeZone)}`;
}
