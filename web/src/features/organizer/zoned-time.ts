// Wall-clock times in an event's own time zone: the organizer types "19:00 on the 12th" in the event's zone, whatever
// the zone of the laptop they type it on; the API stores the instant.

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall clock of an instant in a zone, as the milliseconds of that same wall clock read as UTC. */
function wallClockMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value for an <input type="datetime-local"> showing an instant's wall clock in a zone. */
export function localInputIn(iso: string, timeZone: string): string {
  const wall = new Date(wallClockMs(Date.parse(iso), timeZone));
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/**
 * The instant (ISO) of a datetime-local value in a zone, or null when the value is not a date and time. A time that
 * a clock change skips takes the zone's offset from before the change (02:30 on a spring-forward night is 03:30).
 */
export function instantOfLocalInput(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  let instant = asUtc - (wallClockMs(asUtc, timeZone) - asUtc);
  instant = asUtc - (wallClockMs(instant, timeZone) - instant);
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}

/** "Tue 12 Mar, 19:00" in the event's zone, in the browser's language. */
export function formatInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
