// Writes the feed's items as an iCalendar document with ical-generator: all-day items as VALUE=DATE, events at their
// wall-clock time with TZID = their time zone and its VTIMEZONE block (from @touch4it/ical-timezones).
import { foldLines, ICalCalendar, ICalCalendarMethod } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { dayAfter, wallClockOf, type FeedItem, type WallClock } from '../core/calendar-feed.js';

export interface SequencedItem {
  item: FeedItem;
  sequence: number;
}

/**
 * An instant that ical-generator writes as its wall-clock time in a time zone. ical-generator reads a zoned date
 * through the TZDate interface of @date-fns/tz (`withTimeZone`, then the local getters); this is that interface
 * over Intl, so that the output does not depend on the server's own time zone.
 */
class ZonedInstant extends Date {
  readonly internal: Date;
  private computed: WallClock | null = null;

  constructor(
    ms: number,
    readonly timeZone: string,
  ) {
    super(ms);
    this.internal = new Date(ms);
  }

  withTimeZone(timeZone?: string | null): ZonedInstant {
    return !timeZone || timeZone === this.timeZone ? this : new ZonedInstant(this.getTime(), timeZone);
  }

  tzComponents(): WallClock {
    return this.wall;
  }

  private get wall(): WallClock {
    return (this.computed ??= wallClockOf(this.internal, this.timeZone));
  }

  override getFullYear(): number {
    return this.wall.year;
  }
  override getMonth(): number {
    return this.wall.month - 1;
  }
  override getDate(): number {
    return this.wall.day;
  }
  override getHours(): number {
    return this.wall.hour;
  }
  override getMinutes(): number {
    return this.wall.minute;
  }
  override getSeconds(): number {
    return this.wall.second;
  }
}

function utcDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The link of an item as an absolute URL: paths are the web app's, at `baseUrl`. */
function absolute(link: string, baseUrl: string): string {
  return link.startsWith('/') ? `${baseUrl}${link}` : link;
}

const knownZones = new Map<string, boolean>();

/** Whether a VTIMEZONE block exists for the zone; events in other zones are written in UTC. */
function hasVtimezone(timeZone: string): boolean {
  let known = knownZones.get(timeZone);
  if (known === undefined) {
    known = timeZone !== 'UTC' && getVtimezoneComponent(timeZone) !== null;
    knownZones.set(timeZone, known);
  }
  return known;
}

/**
 * The document, written by ical-generator piece by piece: the calendar's own lines, each VTIMEZONE and each VEVENT
 * folded on its own. ical-generator folds a whole calendar in one pass over one string, which for 10,000 items
 * (5 MB) takes several times longer than folding the same lines event by event; the lines are the same.
 */
export function writeFeedIcs(items: SequencedItem[], options: { baseUrl: string; timeZone: string; stamp: Date }): string {
  const calendar = new ICalCalendar({
    name: 'Kith: follow-ups, promises and events',
    prodId: { company: 'Kith', product: 'calendar-feed', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  calendar.x([['X-WR-TIMEZONE', options.timeZone]]);
  const zones = new Set<string>();
  const events: string[] = [];
  for (const { item, sequence } of items) {
    const link = absolute(item.link, options.baseUrl);
    const common = {
      id: item.uid,
      sequence,
      stamp: options.stamp,
      summary: item.summary,
      description: `${item.description}\n\n${item.kind === 'event' && !item.link.startsWith('/') ? 'Event page' : 'Open in Kith'}: ${link}`,
      url: link,
      ...(item.location ? { location: item.location } : {}),
    };
    let event;
    if (item.kind === 'event') {
      const zoned = hasVtimezone(item.timeZone);
      if (zoned) zones.add(item.timeZone);
      const start = Date.parse(item.startsAt);
      const end = Date.parse(item.endsAt);
      event = calendar.createEvent({
        ...common,
        start: zoned ? new ZonedInstant(start, item.timeZone) : new Date(start),
        end: zoned ? new ZonedInstant(end, item.timeZone) : new Date(end),
        ...(zoned ? { timezone: item.timeZone } : {}),
      });
    } else {
      event = calendar.createEvent({ ...common, allDay: true, start: utcDay(item.day), end: utcDay(dayAfter(item.day)) });
    }
    events.push(foldLines(event.toString()));
  }
  // The calendar's own lines: every event is written above, so it is written without them.
  calendar.clear();
  const own = calendar.toString();
  const end = own.lastIndexOf('END:VCALENDAR');
  const timezones = [...zones].sort().map((zone) => `${foldLines((getVtimezoneComponent(zone) ?? '').replace(/\r?\n/g, '\r\n').trim())}\r\n`);
  return `${own.slice(0, end)}${timezones.join('')}${events.join('')}${own.slice(end)}`;
}
