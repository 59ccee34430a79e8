// Calendar days (YYYY-MM-DD) and instants in words, in the browser's language.
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });

export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return dayFormat.format(new Date(y, m - 1, d));
}

export const formatInstant = (iso: string): string => dateTimeFormat.format(new Date(iso));

export function dueLabel(state: string, dueOn: string): string {
  if (state === 'overdue') return `overdue since ${formatDay(dueOn)}`;
  if (state === 'due') return 'due today';
  return `by ${formatDay(dueOn)}`;
}

/** The value for an <input type="datetime-local"> from an instant, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
