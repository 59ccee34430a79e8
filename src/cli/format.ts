// Human text for the CLI: days, times, names and aligned columns.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { daysBetween, relativeDays } from '../core/calendar-date.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-13" → "Fri 13 Mar" (with the year when it is not this year); with `today`, "Fri 13 Mar (in 3 days)"
 * or "today (Tue 10 Mar)". */
export function formatDay(date: string, today?: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  const thisYear = today ? Number(today.slice(0, 4)) : new Date().getFullYear();
  const label = `${weekday} ${d} ${MONTHS[m - 1]}${y === thisYear ? '' : ` ${y}`}`;
  if (!today) return label;
  const days = Math.abs(daysBetween(today, date));
  return days <= 1 ? `${relativeDays(today, date)} (${label})` : `${label} (${relativeDays(today, date)})`;
}

function zonedParts(instant: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** An event's time in its own time zone: "Tue 10 Mar, 18:00–21:00 (Europe/London)". */
export function formatEventTime(startsAt: string, endsAt: string, timeZone: string): string {
  const start = zonedParts(startsAt, timeZone);
  const end = zonedParts(endsAt, timeZone);
  const until = end.day === start.day ? end.time : `${formatDay(end.day)} ${end.time}`;
  return `${formatDay(start.day)}, ${start.time}–${until} (${timeZone})`;
}

/** "Jane Doe, CTO at Acme Corp", "Bob Stone (Stone & Co)", or just the name. */
export function describePerson(p: { fullName: string; company: string | null; title?: string | null }): string {
  if (p.title && p.company) return `${p.fullName}, ${p.title} at ${p.company}`;
  if (p.company) return `${p.fullName} (${p.company})`;
  if (p.title) return `${p.fullName}, ${p.title}`;
  return p.fullName;
}

/** Rows of cells as aligned columns, two spaces apart, with no trailing spaces. */
export function table(rows: string[][], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** Labelled lines ("  email     jane@acme.com"), skipping the empty ones. */
export function fields(pairs: [string, string | null | undefined][], indent = '  '): string[] {
  return table(pairs.filter((p): p is [string, string] => !!p[1]), indent);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "+442079460958" → "+44 20 7946 0958". */
export function formatPhone(value: string): string {
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value;
}
