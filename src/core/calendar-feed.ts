// What the calendar feed holds, as pure facts → items: follow-ups (all-day, overdue ones on today), promises with a
// due day (all-day), events (timed, in their own time zone). Each item has a stable UID and a fingerprint of what a
// calendar shows, so that the app layer can bump its SEQUENCE exactly when the item changed.
import { addDays, daysBetween, type CalendarDate } from './calendar-date.js';
import { describePersonFollowUp, firstNameOf } from './follow-up-reason.js';
import type { FollowUpReason } from './follow-up-schedule.js';
import type { EventRole, PromiseDirection } from './types.js';

/** A feed holds at most this many items, the nearest to today first: calendars choke on more. */
export const MAX_FEED_ITEMS = 10_000;

export interface FeedFollowUpFact {
  personId: string;
  fullName: string;
  reason: FollowUpReason;
  since: CalendarDate;
  dueOn: CalendarDate;
  /** The event where they met, for a first follow-up. */
  eventName: string | null;
  cadenceDays: number | null;
  everTouched: boolean;
}

export interface FeedPromiseFact {
  id: string;
  personId: string;
  fullName: string;
  direction: PromiseDirection;
  text: string;
  dueOn: CalendarDate;
}

export interface FeedEventFact {
  id: string;
  name: string;
  /** ISO-8601 UTC instants. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  link: string | null;
  role: EventRole;
}

export interface FeedFacts {
  followUps: FeedFollowUpFact[];
  promises: FeedPromiseFact[];
  events: FeedEventFact[];
}

interface FeedItemBase {
  uid: string;
  summary: string;
  /** Plain text; the link to Kith is added when the feed is written (it depends on the address it is read at). */
  description: string;
  location: string | null;
  /** A path in the web app ('/people/…') or an absolute link (an event's own page). */
  link: string;
}

export interface AllDayFeedItem extends FeedItemBase {
  kind: 'follow_up' | 'promise';
  day: CalendarDate;
}

export interface TimedFeedItem extends FeedItemBase {
  kind: 'event';
  startsAt: string;
  endsAt: string;
  timeZone: string;
}

export type FeedItem = AllDayFeedItem | TimedFeedItem;

const ROLE_WORDS: Record<EventRole, string> = { attending: 'You are attending.', hosting: 'You are hosting.', speaking: 'You are speaking.' };

/** What of today's suggestion goes into its calendar item: what to mention and the drafted message. */
export interface FeedSuggestion {
  commonality: { kind: string; text: string } | null;
  draft: { subject: string; body: string; short: string };
}

/** An item that is one of today's suggestions, with what to mention and the drafted e-mail under its reason. */
export function withSuggestion(item: AllDayFeedItem, suggestion: FeedSuggestion): AllDayFeedItem {
  const mention = suggestion.commonality ? `\n\nMention: ${suggestion.commonality.text}.` : '';
  return { ...item, description: `${item.description}${mention}\n\nDrafted message — ${suggestion.draft.subject}\n\n${suggestion.draft.body}` };
}

export function followUpItem(fact: FeedFollowUpFact, today: CalendarDate): AllDayFeedItem {
  // An overdue follow-up sits on today, so that it stays in sight until it is done. Its reason is worded as of the
  // day it sits on: that is the day the person reads it, and the words do not change (nor bump the item) every day.
  const day = fact.dueOn < today ? today : fact.dueOn;
  const reason = describePersonFollowUp({
    reason: fact.reason,
    fullName: fact.fullName,
    since: fact.since,
    today: day,
    eventName: fact.eventName,
    cadenceDays: fact.cadenceDays,
    everTouched: fact.everTouched,
  });
  const overdue = fact.dueOn < today ? ` (due ${fact.dueOn}: overdue)` : '';
  return {
    kind: 'follow_up',
    uid: `followup-${fact.personId}@kith`,
    day,
    summary: `Follow up with ${fact.fullName}`,
    description: `${reason}${overdue}`,
    location: null,
    link: `/people/${fact.personId}`,
  };
}

export function promiseItem(fact: FeedPromiseFact): AllDayFeedItem {
  const name = firstNameOf(fact.fullName);
  const mine = fact.direction === 'i_owe';
  return {
    kind: 'promise',
    uid: `promise-${fact.id}@kith`,
    day: fact.dueOn,
    summary: mine ? `Promise to ${name}: ${fact.text}` : `${name} promised: ${fact.text}`,
    description: mine ? `You promised ${fact.fullName}: ${fact.text}.` : `${fact.fullName} promised you: ${fact.text}.`,
    location: null,
    link: `/people/${fact.personId}`,
  };
}

export function eventItem(fact: FeedEventFact): TimedFeedItem {
  return {
    kind: 'event',
    uid: `event-${fact.id}@kith`,
    startsAt: fact.startsAt,
    endsAt: fact.endsAt,
    timeZone: fact.timeZone,
    summary: fact.name,
    description: ROLE_WORDS[fact.role],
    location: fact.place,
    link: fact.link ?? `/events/${fact.id}`,
  };
}

/** How far an item is from now, in days, for the cap: the nearest are kept. */
function distance(item: FeedItem, today: CalendarDate, now: Date): number {
  if (item.kind !== 'event') return Math.abs(daysBetween(today, item.day));
  return Math.abs(Date.parse(item.startsAt) - now.getTime()) / 86_400_000;
}

function startOf(item: FeedItem): string {
  return item.kind === 'event' ? item.startsAt : item.day;
}

/**
 * Every item of the feed, at most `cap`, the nearest to `now` first when there are more; returned in calendar order
 * (by start, then UID), so that the same facts always give the same feed.
 */
export function buildFeedItems(facts: FeedFacts, today: CalendarDate, now: Date, cap = MAX_FEED_ITEMS): FeedItem[] {
  const all: FeedItem[] = [...facts.followUps.map((f) => followUpItem(f, today)), ...facts.promises.map(promiseItem), ...facts.events.map(eventItem)];
  let kept = all;
  if (all.length > cap) {
    const ranked = all.map((item) => ({ item, distance: distance(item, today, now) }));
    ranked.sort((a, b) => a.distance - b.distance || (a.item.uid < b.item.uid ? -1 : 1));
    kept = ranked.slice(0, cap).map((r) => r.item);
  }
  return kept.sort((a, b) => {
    const sa = startOf(a);
    const sb = startOf(b);
    return sa < sb ? -1 : sa > sb ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
  });
}

/** Everything a calendar shows of an item, as one string: equal fingerprints mean the calendar has nothing to update. */
export function itemFingerprint(item: FeedItem): string {
  const when = item.kind === 'event' ? [item.startsAt, item.endsAt, item.timeZone] : [item.day];
  return JSON.stringify([item.kind, ...when, item.summary, item.description, item.location, item.link]);
}

/** The day after `day`: an all-day item ends (exclusively) there. */
export function dayAfter(day: CalendarDate): CalendarDate {
  return addDays(day, 1);
}

/** The next SEQUENCE of an item: unchanged when its digest is the stored one, one more when it changed, 0 when new. */
export function nextSequence(stored: { digest: string; sequence: number } | undefined, digest: string): { sequence: number; changed: boolean } {
  if (!stored) return { sequence: 0, changed: true };
  if (stored.digest === digest) return { sequence: stored.sequence, changed: false };
  return { sequence: stored.sequence + 1, changed: true };
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

function exactWallClock(instant: Date, timeZone: string): WallClock {
  let formatter = wallFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** How far `timeZone`'s clocks are ahead of UTC at `ms`, in milliseconds. */
function exactOffset(ms: number, timeZone: string): number {
  const w = exactWallClock(new Date(ms), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

const DAY_MS = 86_400_000;
/** Per zone and UTC day: the offset when it is the same at both ends of the day (no change of clocks within it). */
const steadyOffsets = new Map<string, number | null>();

/**
 * The wall-clock time that `instant` shows in `timeZone` (an IANA name): what a TZID-qualified DTSTART says.
 * Intl is slow (about 10 µs a call) and a feed asks for thousands: the zone's offset is looked up once per UTC day,
 * and exactly only on the days when the clocks change.
 */
export function wallClockOf(instant: Date, timeZone: string): WallClock {
  const ms = instant.getTime();
  const day = Math.floor(ms / DAY_MS);
  const key = `${timeZone} ${day}`;
  let offset = steadyOffsets.get(key);
  if (offset === undefined) {
    const atStart = exactOffset(day * DAY_MS, timeZone);
    offset = atStart === exactOffset((day + 1) * DAY_MS - 1000, timeZone) ? atStart : null;
    if (steadyOffsets.size > 100_000) steadyOffsets.clear();
    steadyOffsets.set(key, offset);
  }
  if (offset === null) return exactWallClock(instant, timeZone);
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}
