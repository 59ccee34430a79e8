// The calendar feed as a calendar app reads it: parsed with ical.js, on SQLite and PostgreSQL.
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type ApiCall, type AppKit } from './helpers.js';

interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  url: string | null;
  location: string | null;
  start: string;
  startType: string;
  tzid: string | null;
  /** The start as a UTC instant (timed events), read through the feed's own VTIMEZONE blocks. */
  startUtc: string | null;
}

function parseFeed(body: string): { events: ParsedEvent[]; timezones: string[] } {
  const calendar = new ICAL.Component(ICAL.parse(body));
  const zones = new Map<string, ICAL.Timezone>();
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(vtimezone);
    zones.set(zone.tzid, zone);
  }
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const dtstart = vevent.getFirstProperty('dtstart');
    if (!dtstart) throw new Error('a VEVENT without DTSTART');
    const time = dtstart.getFirstValue() as ICAL.Time;
    const tzid = (dtstart.getParameter('tzid') as string | undefined) ?? null;
    let startUtc: string | null = null;
    if (!time.isDate) {
      const zone = tzid ? zones.get(tzid) : ICAL.Timezone.utcTimezone;
      if (!zone) throw new Error(`no VTIMEZONE for ${tzid}`);
      const zoned = new ICAL.Time({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, zone);
      startUtc = new Date(zoned.toUnixTime() * 1000).toISOString();
    }
    return {
      uid: String(vevent.getFirstPropertyValue('uid')),
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      summary: String(vevent.getFirstPropertyValue('summary')),
      description: String(vevent.getFirstPropertyValue('description')),
      url: (vevent.getFirstPropertyValue('url') as string | null) ?? null,
      location: (vevent.getFirstPropertyValue('location') as string | null) ?? null,
      start: time.toString(),
      startType: dtstart.type,
      tzid,
      startUtc,
    };
  });
  return { events, timezones: [...zones.keys()] };
}

describe.each(DIALECTS)('the calendar feed on %s', (dialect) => {
  let kit: AppKit;
  let a: { accountId: string; headers: Record<string, string> };
  let api: ApiCall;

  beforeEach(async () => {
    kit = await createAppKit(dialect, '2026-03-10T12:00:00Z');
    a = await signUpWithToken(kit, 'a@example.com', 'America/Los_Angeles');
    api = apiAs(() => kit, () => a.headers);
  });
  afterEach(() => kit.close());

  async function newFeed(call: ApiCall = api): Promise<string> {
    const res = await call('POST', '/calendar-feed');
    expect(res.statusCode, res.body).toBe(201);
    return new URL(res.json().url as string).pathname;
  }

  async function fetchFeed(path: string, headers: Record<string, string> = {}) {
    return kit.app.inject({ method: 'GET', url: path, headers });
  }

  async function feedEvents(path: string): Promise<ParsedEvent[]> {
    const res = await fetchFeed(path);
    expect(res.statusCode, res.body).toBe(200);
    return parseFeed(res.body).events;
  }

  const byUid = (events: ParsedEvent[], uid: string) => {
    const found = events.find((e) => e.uid === uid);
    if (!found) throw new Error(`no ${uid} in ${events.map((e) => e.uid).join(', ')}`);
    return found;
  };

  it('creating a feed gives its URL once; the status shows only its prefix and dates', async () => {
    expect((await api('GET', '/calendar-feed')).json()).toEqual({ feed: null });
    const created = (await api('POST', '/calendar-feed')).json();
    expect(created.url).toMatch(/^http:\/\/localhost(:80)?\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = /feeds\/(.+)\.ics$/.exec(created.url)?.[1] ?? '';
    expect(token.startsWith(created.prefix)).toBe(true);
    const status = await api('GET', '/calendar-feed');
    expect(status.json()).toEqual({ feed: { prefix: created.prefix, createdAt: '2026-03-10T12:00:00.000Z', lastFetchedAt: null } });
    expect(status.body).not.toContain(token);
    await fetchFeed(new URL(created.url).pathname);
    expect((await api('GET', '/calendar-feed')).json().feed.lastFetchedAt).toBe('2026-03-10T12:00:00.000Z');
    const rows = await kit.store.db.selectFrom('calendar_feeds').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('the URL starts with the address the request came to, or with the baseUrl given', async () => {
    const res = await kit.app.inject({ method: 'POST', url: '/api/v1/calendar-feed', headers: { ...a.headers, host: 'kith.example.com:8443' } });
    expect(res.json().url).toMatch(/^http:\/\/kith\.example\.com:8443\/feeds\//);
    const odd = await kit.app.inject({ method: 'POST', url: '/api/v1/calendar-feed', headers: { ...a.headers, host: 'evil.example/<x>?' } });
    expect(odd.json().url).toMatch(/^http:\/\/localhost\/feeds\//);
    const given = await api('POST', '/calendar-feed', { baseUrl: 'https://kith.example.org/' });
    expect(given.json().url).toMatch(/^https:\/\/kith\.example\.org\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const bad = await api('POST', '/calendar-feed', { baseUrl: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('KITH_VALIDATION');
  });

  it('holds follow-ups, promises both ways and events, parsed by ical.js, with the headers calendars need', async () => {
    const event = (await api('POST', '/events', { name: 'Chamber mixer', startsAt: '2026-03-09T02:00:00Z', endsAt: '2026-03-09T04:00:00Z', timeZone: 'America/Los_Angeles', place: 'Civic Hall', link: 'https://chamber.example/mixer' })).json().event;
    const jane = (await api('POST', '/people', { fullName: 'Jane Doe', eventId: event.id })).json().person;
    const promise = (await api('POST', `/people/${jane.id}/promises`, { text: 'send the deck', dueOn: '2026-03-14' })).json().promise;
    const owed = (await api('POST', `/people/${jane.id}/promises`, { direction: 'they_owe', text: 'an intro to Sam', dueOn: '2026-03-20' })).json().promise;
    await api('POST', `/people/${jane.id}/promises`, { text: 'no day named' });
    const path = await newFeed();

    const res = await fetchFeed(path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const { events } = parseFeed(res.body);
    expect(events.map((e) => e.uid).sort()).toEqual([`event-${event.id}@kith`, `followup-${jane.id}@kith`, `promise-${owed.id}@kith`, `promise-${promise.id}@kith`].sort());

    const followUp = byUid(events, `followup-${jane.id}@kith`);
    expect(followUp).toMatchObject({ summary: 'Follow up with Jane Doe', startType: 'date', url: `http://localhost:80/people/${jane.id}` });
    expect(followUp.description).toContain('You met Jane at Chamber mixer');
    expect(followUp.description).toContain(`http://localhost:80/people/${jane.id}`);
    // Jane is on today's short list: her item carries the same drafted words as Today, `kith due` and the digest.
    const today = (await api('GET', '/suggestions')).json().items as { personId: string; draft: { subject: string; body: string } }[];
    const suggestion = today.find((s) => s.personId === jane.id)!;
    expect(followUp.description).toContain(`Drafted message — ${suggestion.draft.subject}`);
    expect(followUp.description).toContain(suggestion.draft.body);
    expect(byUid(events, `promise-${promise.id}@kith`)).toMatchObject({ summary: 'Promise to Jane: send the deck', start: '2026-03-14', startType: 'date' });
    expect(byUid(events, `promise-${owed.id}@kith`)).toMatchObject({ summary: 'Jane promised: an intro to Sam', start: '2026-03-20', startType: 'date' });
    const mixer = byUid(events, `event-${event.id}@kith`);
    expect(mixer).toMatchObject({ summary: 'Chamber mixer', location: 'Civic Hall', url: 'https://chamber.example/mixer', tzid: 'America/Los_Angeles', start: '2026-03-08T19:00:00', startUtc: '2026-03-09T02:00:00.000Z' });
    expect(events.every((e) => e.sequence === 0)).toBe(true);
  });

  it("an overdue follow-up sits on the account's today: Auckland and Los Angeles see different days at the same instant", async () => {
    const b = await signUpWithToken(kit, 'b@example.com', 'Pacific/Auckland');
    const apiB = apiAs(() => kit, () => b.headers);
    const janeA = (await api('POST', '/people', { fullName: 'Jane Doe', cadenceDays: 1 })).json().person;
    const janeB = (await apiB('POST', '/people', { fullName: 'Jane Doe', cadenceDays: 1 })).json().person;
    const pathA = await newFeed();
    const pathB = await newFeed(apiB);
    // Ten days later, at 12:00 UTC: 05:00 on the 20th in Los Angeles, 01:00 on the 21st in Auckland.
    kit.clock.set('2026-03-20T12:00:00Z');
    const inLosAngeles = byUid(await feedEvents(pathA), `followup-${janeA.id}@kith`);
    const inAuckland = byUid(await feedEvents(pathB), `followup-${janeB.id}@kith`);
    expect(inLosAngeles).toMatchObject({ startType: 'date', start: '2026-03-20' });
    expect(inAuckland).toMatchObject({ startType: 'date', start: '2026-03-21' });
    expect(inLosAngeles.description).toContain('overdue');
  });

  it('a timed event in Europe/Berlin keeps its wall-clock time across the DST change, with its VTIMEZONE', async () => {
    // 18:00 in Berlin: 17:00 UTC before 29 March 2026, 16:00 UTC after.
    const before = (await api('POST', '/events', { name: 'Berlin meetup (winter time)', startsAt: '2026-03-20T17:00:00Z', timeZone: 'Europe/Berlin' })).json().event;
    const after = (await api('POST', '/events', { name: 'Berlin meetup (summer time)', startsAt: '2026-04-02T16:00:00Z', timeZone: 'Europe/Berlin' })).json().event;
    const res = await fetchFeed(await newFeed());
    const { events, timezones } = parseFeed(res.body);
    expect(timezones).toContain('Europe/Berlin');
    expect(byUid(events, `event-${before.id}@kith`)).toMatchObject({ tzid: 'Europe/Berlin', start: '2026-03-20T18:00:00', startUtc: '2026-03-20T17:00:00.000Z' });
    expect(byUid(events, `event-${after.id}@kith`)).toMatchObject({ tzid: 'Europe/Berlin', start: '2026-04-02T18:00:00', startUtc: '2026-04-02T16:00:00.000Z' });
    expect(res.body).toMatch(/DTSTAMP:20260310T120000Z/);
  });

  it('writes an event in UTC (no TZID) when its zone has no VTIMEZONE block', async () => {
    const utc = (await api('POST', '/events', { name: 'Call across zones', startsAt: '2026-03-20T17:30:00Z', timeZone: 'UTC' })).json().event;
    const { events, timezones } = parseFeed((await fetchFeed(await newFeed())).body);
    expect(byUid(events, `event-${utc.id}@kith`)).toMatchObject({ tzid: null, start: '2026-03-20T17:30:00Z', startUtc: '2026-03-20T17:30:00.000Z' });
    expect(timezones).toEqual([]);
  });

  it('UIDs and SEQUENCE stay the same when nothing changed; SEQUENCE goes up when an item moves', async () => {
    const jane = (await api('POST', '/people', { fullName: 'Jane Doe' })).json().person;
    const promise = (await api('POST', `/people/${jane.id}/promises`, { text: 'send the deck', dueOn: '2026-03-14' })).json().promise;
    const event = (await api('POST', '/events', { name: 'Breakfast club', startsAt: '2026-03-12T15:00:00Z', timeZone: 'America/Los_Angeles' })).json().event;
    const path = await newFeed();
    const first = await feedEvents(path);
    const again = await feedEvents(path);
    expect(again.map((e) => [e.uid, e.sequence])).toEqual(first.map((e) => [e.uid, e.sequence]));
    expect(byUid(first, `followup-${jane.id}@kith`).start).toBe('2026-03-24');

    // Days pass: nothing moved, so nothing is bumped (a reason is worded as of its own day, not of today).
    kit.clock.set('2026-03-11T12:00:00Z');
    let now = await feedEvents(path);
    expect(now.map((e) => [e.uid, e.sequence])).toEqual(first.map((e) => [e.uid, e.sequence]));

    // A call moves Jane's follow-up: only that item is bumped.
    await api('POST', `/people/${jane.id}/touches`, { kind: 'call' });
    now = await feedEvents(path);
    expect(byUid(now, `followup-${jane.id}@kith`).start).toBe('2026-03-25');
    expect(byUid(now, `followup-${jane.id}@kith`).sequence).toBe(1);
    expect(byUid(now, `promise-${promise.id}@kith`).sequence).toBe(0);
    expect(byUid(now, `event-${event.id}@kith`).sequence).toBe(0);

    // The promise's due day changes.
    await kit.store.db.updateTable('promises').set({ due_on: '2026-03-16' }).where('id', '=', promise.id).execute();
    now = await feedEvents(path);
    expect(byUid(now, `promise-${promise.id}@kith`)).toMatchObject({ start: '2026-03-16', sequence: 1 });

    // The event moves, twice.
    await api('PATCH', `/events/${event.id}`, { startsAt: '2026-03-12T16:00:00Z' });
    now = await feedEvents(path);
    expect(byUid(now, `event-${event.id}@kith`)).toMatchObject({ start: '2026-03-12T09:00:00', sequence: 1 });
    await api('PATCH', `/events/${event.id}`, { place: 'The corner café' });
    now = await feedEvents(path);
    expect(byUid(now, `event-${event.id}@kith`)).toMatchObject({ location: 'The corner café', sequence: 2 });
    expect(byUid(now, `followup-${jane.id}@kith`).sequence).toBe(1);
    expect(byUid(now, `promise-${promise.id}@kith`).sequence).toBe(1);

    // Done promises and deleted people leave the feed.
    await api('POST', `/promises/${promise.id}/done`, {});
    await api('DELETE', `/people/${jane.id}`);
    now = await feedEvents(path);
    expect(now.map((e) => e.uid)).toEqual([`event-${event.id}@kith`]);
  });

  it('answers 304 to If-None-Match while nothing changed, and a new ETag once something did', async () => {
    await api('POST', '/people', { fullName: 'Jane Doe' });
    const path = await newFeed();
    const first = await fetchFeed(path);
    const etag = first.headers.etag as string;
    kit.clock.set('2026-03-10T12:03:00Z');
    const same = await fetchFeed(path, { 'if-none-match': etag });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    // Without If-None-Match, the document written for the first read is sent again, DTSTAMP and all.
    const again = await fetchFeed(path);
    expect([again.headers.etag, again.body]).toEqual([etag, first.body]);
    await api('POST', '/people', { fullName: 'Sam Roe' });
    const changed = await fetchFeed(path, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('a rotated or revoked URL, and any malformed one, answers a plain 404', async () => {
    await api('POST', '/people', { fullName: 'Jane Doe' });
    const old = await newFeed();
    expect((await fetchFeed(old)).statusCode).toBe(200);
    const rotated = await newFeed();
    expect(rotated).not.toBe(old);
    expect((await fetchFeed(rotated)).statusCode).toBe(200);
    const dead = [old, '/feeds/' + 'A'.repeat(43) + '.ics', '/feeds/' + 'a'.repeat(5000) + '.ics', '/feeds/..%2F..%2Fetc%2Fpasswd.ics', '/feeds/%E2%9C%93%3C%3E.ics', '/feeds/', rotated.replace('.ics', '')];
    for (const url of dead) {
      const res = await fetchFeed(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toBe('Not found');
      expect(res.headers['content-type'], url).toBe('text/plain; charset=utf-8');
    }
    expect((await api('DELETE', '/calendar-feed')).statusCode).toBe(204);
    const revoked = await fetchFeed(rotated);
    expect([revoked.statusCode, revoked.body]).toEqual([404, 'Not found']);
    expect((await api('GET', '/calendar-feed')).json()).toEqual({ feed: null });
    const again = await api('DELETE', '/calendar-feed');
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'KITH_CALENDAR_FEED_NOT_FOUND']);
  });

  it("another account's URL never shows my items, and it cannot revoke my feed", async () => {
    const b = await signUpWithToken(kit, 'b@example.com');
    const apiB = apiAs(() => kit, () => b.headers);
    const secretEvent = (await api('POST', '/events', { name: 'Alice Secret Summit', startsAt: '2026-03-12T18:00:00Z' })).json().event;
    const alice = (await api('POST', '/people', { fullName: 'Alice Owner' })).json().person;
    await api('POST', `/people/${alice.id}/promises`, { text: 'the secret plan', dueOn: '2026-03-15' });
    const pathA = await newFeed();
    await apiB('POST', '/people', { fullName: 'Bob Other' });
    const pathB = await newFeed(apiB);
    const feedB = await fetchFeed(pathB);
    expect(feedB.statusCode).toBe(200);
    for (const secret of ['Alice', 'Secret Summit', 'secret plan', alice.id, secretEvent.id]) expect(feedB.body).not.toContain(secret);
    expect(parseFeed(feedB.body).events.map((e) => e.summary)).toEqual(['Follow up with Bob Other']);
    // B revokes its own feed; A's keeps working.
    expect((await apiB('DELETE', '/calendar-feed')).statusCode).toBe(204);
    expect((await apiB('DELETE', '/calendar-feed')).statusCode).toBe(404);
    expect((await fetchFeed(pathA)).statusCode).toBe(200);
    expect((await api('GET', '/calendar-feed')).json().feed).not.toBeNull();
  });
});
