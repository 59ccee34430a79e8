// Checks and converts the values typed on the command line before anything is sent, so that a mistake is named by
// the option the person typed ("--on"), not by the API's field.
import { isCalendarDate, isValidTimeZone } from '../core/calendar-date.js';
import { EVENT_ROLES, INTERACTION_KINDS, STAGES, type EventRole, type InteractionKind, type Stage } from '../core/types.js';
import { usageError } from './cli-error.js';

function oneOf(values: readonly string[]): string {
  const shown = values.map((v) => v.replace(/_/g, '-'));
  return `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}

/** A calendar day, YYYY-MM-DD. */
export function parseDay(value: string, option: string): string {
  if (!isCalendarDate(value)) throw usageError(`${option}: "${value}" is not a day; write it as YYYY-MM-DD (e.g. 2026-03-10)`);
  return value;
}

export function parseWholeNumber(value: string, option: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw usageError(`${option}: "${value}" must be a whole number from ${min} to ${max}`);
  return n;
}

export function parseStage(value: string): Stage {
  const stage = value.toLowerCase();
  if (!(STAGES as readonly string[]).includes(stage)) throw usageError(`"${value}" is not a stage; use ${oneOf(STAGES)}`);
  return stage as Stage;
}

/** A kind of touch; "sent-something" and "sent_something" are the same. */
export function parseTouchKind(value: string): InteractionKind {
  const kind = value.toLowerCase().replace(/-/g, '_');
  if (!(INTERACTION_KINDS as readonly string[]).includes(kind)) throw usageError(`"${value}" is not a kind of touch; use ${oneOf(INTERACTION_KINDS)}`);
  return kind as InteractionKind;
}

export function parseRole(value: string): EventRole {
  const role = value.toLowerCase();
  if (!(EVENT_ROLES as readonly string[]).includes(role)) throw usageError(`--role: "${value}" is not a role; use ${oneOf(EVENT_ROLES)}`);
  return role as EventRole;
}

export function parseTimeZone(value: string, option: string): string {
  if (!isValidTimeZone(value)) throw usageError(`${option}: "${value}" is not an IANA time zone (e.g. Europe/London)`);
  return value;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})$/;

/** Does this value need a time zone to become an instant ("2026-03-10 18:00" does; "…T18:00:00Z" does not)? */
export function isWallTime(value: string): boolean {
  return !WITH_OFFSET.test(value);
}

/** Milliseconds that the clocks of `timeZone` are ahead of UTC at `instantMs`. */
function offsetAt(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant at which the clocks of `timeZone` show this wall time (in a DST gap, the time an hour later). */
export function wallTimeToInstant(wall: { y: number; m: number; d: number; h: number; min: number; s?: number }, timeZone: string): Date {
  const asUtc = Date.UTC(wall.y, wall.m - 1, wall.d, wall.h, wall.min, wall.s ?? 0);
  const guess = asUtc - offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(guess, timeZone));
}

function wallOf(match: RegExpExecArray) {
  const [y, m, d, h, min, s] = match.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  return { y: y!, m: m!, d: d!, h: h!, min: min!, s: s! };
}

/**
 * An event's time as an ISO instant: "2026-03-10T18:00:00Z" or "…+01:00" as it is, "2026-03-10 18:00" in
 * `timeZone`; for the end, "21:00" is on the start's day (or the next day when that would be before the start).
 */
export function parseEventTime(value: string, option: string, timeZone: string, start?: Date): string {
  const bad = () => usageError(`${option}: "${value}" is not a date and time; write "YYYY-MM-DD HH:MM" (in the event's time zone) or ISO 8601 like 2026-03-10T18:00:00Z`);
  const text = value.trim();
  if (WITH_OFFSET.test(text)) {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw bad();
    return new Date(ms).toISOString();
  }
  const wall = WALL_TIME.exec(text);
  const time = TIME_ONLY.exec(text);
  if (wall) {
    const w = wallOf(wall);
    const day = `${wall[1]}-${wall[2]}-${wall[3]}`;
    if (!isCalendarDate(day) || w.h > 23 || w.min > 59 || w.s > 59) throw bad();
    return wallTimeToInstant(w, timeZone).toISOString();
  }
  if (time && start) {
    const h = Number(time[1]);
    const min = Number(time[2]);
    if (h > 23 || min > 59) throw bad();
    const startDay = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(start);
    const [y, m, d] = startDay.split('-').map(Number) as [number, number, number];
    let end = wallTimeToInstant({ y, m, d, h, min }, timeZone);
    if (end < start) end = wallTimeToInstant({ y, m, d: d + 1, h, min }, timeZone);
    return end.toISOString();
  }
  throw bad();
}
