// Due dates typed inside a promise ("send the deck by Friday", "intro to Sam in 2 weeks"), resolved against the
// caller's `today` so that the parser stays pure. Only one date is taken per promise: the first phrase that matches.
import { addDays, isCalendarDate, type CalendarDate } from './calendar-date.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY = '(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)';
const BY = '(?:by|before|until|till|due)';
const ON = '(?:by|before|until|till|due|on)';
const COUNT_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, 'a couple of': 2,
};

export interface DueDateExtraction {
  /** The text with the date phrase taken out. */
  text: string;
  dueOn: CalendarDate | null;
}

function parts(date: CalendarDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
}

function format(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `months` calendar months later, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

function weekdayOf(date: CalendarDate): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The next `weekday` strictly after today: on a Friday, "by Friday" means a week later. */
function nextWeekday(today: CalendarDate, weekday: number): CalendarDate {
  return addDays(today, ((weekday - weekdayOf(today) + 6) % 7) + 1);
}

/** The first day on or after today that is `month`/`day`, or that exact date when the year is given. */
function dayOfMonth(today: CalendarDate, month: number, day: number, year: number | null): CalendarDate | null {
  if (year !== null) {
    const date = format(year, month, day);
    return isCalendarDate(date) ? date : null;
  }
  // Eight years always reach the next 29 February.
  for (let y = parts(today)[0]; y <= parts(today)[0] + 8; y += 1) {
    const date = format(y, month, day);
    if (isCalendarDate(date) && date >= today) return date;
  }
  return null;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

type Resolver = (match: RegExpExecArray, today: CalendarDate) => CalendarDate | null;

const RULES: [RegExp, Resolver][] = [
  [new RegExp(`(?:\\b${ON}\\s+)?\\b(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'i'), (m) => {
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    return isCalendarDate(date) ? date : null;
  }],
  [new RegExp(`\\b${ON}\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, 'i'),
    (m, today) => dayOfMonth(today, monthIndex(m[2] ?? ''), Number(m[1]), m[3] ? Number(m[3]) : null)],
  [new RegExp(`\\b${ON}\\s+${MONTH}\\b\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'i'),
    (m, today) => dayOfMonth(today, monthIndex(m[1] ?? ''), Number(m[2]), m[3] ? Number(m[3]) : null)],
  [new RegExp(`\\b${ON}\\s+(?:(?:next|this)\\s+)?${WEEKDAY}\\b\\.?`, 'i'),
    (m, today) => nextWeekday(today, WEEKDAYS.indexOf((m[1] ?? '').slice(0, 3).toLowerCase()))],
  [new RegExp(`(?:\\b${BY}\\s+)?\\b(today|tonight|tomorrow|tmrw|end of (?:the )?day|eod)\\b`, 'i'),
    (m, today) => (/^to(?:day|night)$|^e/i.test(m[1] ?? '') ? today : addDays(today, 1))],
  [new RegExp(`(?:\\b${BY}\\s+)?\\b(?:the\\s+)?(?:end of (?:the )?week|eow)\\b`, 'i'),
    (_m, today) => addDays(today, (5 - weekdayOf(today) + 7) % 7)],
  [new RegExp(`(?:\\b${BY}\\s+)?\\bnext (week|month)\\b`, 'i'),
    (m, today) => ((m[1] ?? '').toLowerCase() === 'week' ? addDays(today, 7) : addMonths(today, 1))],
  [new RegExp(`(?:\\b${BY}\\s+)?\\b(?:the\\s+)?(?:end of (?:the )?month|eom)\\b`, 'i'), (_m, today) => {
    const [y, mo] = parts(today);
    return format(y, mo, daysInMonth(y, mo));
  }],
  [/\b(?:in|within)\s+(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a couple of)\s+(day|week|month)s?\b/i, (m, today) => {
    const word = (m[1] ?? '').toLowerCase();
    const count = COUNT_WORDS[word] ?? Number(word);
    const unit = (m[2] ?? '').toLowerCase();
    return unit === 'month' ? addMonths(today, count) : addDays(today, unit === 'week' ? count * 7 : count);
  }],
];

/** Finds a due-date phrase in a promise, resolves it against `today` and takes it out of the text. */
export function extractDueDate(text: string, today: CalendarDate): DueDateExtraction {
  if (!isCalendarDate(today)) return { text, dueOn: null };
  for (const [pattern, resolve] of RULES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const dueOn = resolve(match, today);
    if (dueOn === null) continue;
    const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
    const cleaned = rest.replace(/\s+/g, ' ').replace(/\s+([,.;:!?])/g, '$1').replace(/^[\s,;:-]+|[\s,;:-]+$/g, '');
    // A promise that was only a date ("by Friday") keeps its words rather than become empty.
    return cleaned.length > 0 ? { text: cleaned, dueOn } : { text, dueOn };
  }
  return { text, dueOn: null };
}
