// Figure: the ICS feed of an account with 10k items (≤ 500 ms), fetched as a calendar does: GET /feeds/<token>.ics
// through app.inject, without If-None-Match, each read after one item changed (so the whole document is written
// anew; reads while nothing changed, which reuse the last document, are reported apart). The account holds follow-ups, promises with
// due days and events in four time zones, 10,000 items in all (the feed's cap). Baselines, in the same run: reading
// the same rows with plain SELECTs (what any feed must pay), and writing the same items with ical-generator alone.
// Run alone: npx tsx bench/calendar-feed.bench.ts [--postgres] [--fetches N]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Insertable } from 'kysely';
import { newId as id } from '../src/app/ids.js';
import type { Database } from '../src/db/schema.js';
import { buildApp } from '../src/http/build-app.js';
import { writeFeedIcs } from '../src/app/calendar-feed-ics.js';
import { addDays, localDateOf } from '../src/core/calendar-date.js';
import { buildFeedItems, MAX_FEED_ITEMS, type FeedFacts } from '../src/core/calendar-feed.js';
import { openPostgresBench, openSqliteBench, type BenchDatabase } from './bench-db.js';
import type { BenchKit } from './seed.js';
import { formatTable, type FigureRow } from './report.js';
import { distribution, formatMs, timed, type Distribution } from './stats.js';

export const FEED_TARGET_MS = 500;
const TIME_ZONE = 'Europe/London';
const EVENT_ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/London'];
const DAY_MS = 86_400_000;

export interface CalendarFeedFigures {
  dialect: string;
  items: number;
  fetches: number;
  bytes: number;
  /** The first read: every item is new, so every digest is written. */
  firstMs: number;
  /** A read after one item changed: one digest written, the whole document written anew. */
  feed: Distribution;
  /** A read while nothing changed: the document written last time is sent again. */
  unchanged: Distribution;
  /** A read answered 304 (If-None-Match): the same reads and digests, no ICS written. */
  notModified: Distribution;
  /** The same rows read with plain SELECTs. */
  selectBaseline: Distribution;
  /** The same items written by ical-generator alone, from facts in memory. */
  writeBaseline: Distribution;
}

/** Inserts people with a follow-up, open promises with a due day and events, `items` in all, around today. */
export async function seedFeedItems(kit: BenchKit, accountId: string, items: number): Promise<{ followUps: number; promises: number; events: number }> {
  const now = Date.now();
  const today = localDateOf(new Date(now), TIME_ZONE);
  const nowIso = new Date(now).toISOString();
  const followUps = Math.round(items * 0.34);
  const promises = Math.round(items * 0.33);
  const events = items - followUps - promises;
  const people: Insertable<Database['people']>[] = [];
  for (let i = 0; i < followUps; i++) {
    const due = addDays(today, (i % 120) - 30);
    people.push({
      id: id(), account_id: accountId, full_name: `Person ${i} Example`, company: null, title: null, notes: null, stage: 'talking', cadence_days: null,
      source: 'typed', met_event_id: null, met_on: null, introduced_by: null, snoozed_until: null, last_touch_on: addDays(due, -30), last_follow_up_on: null,
      last_met_on: null, follow_up_reason: 'cadence', follow_up_since: addDays(due, -30), follow_up_due_on: due, follow_up_soon_from: addDays(due, -6),
      search_name: `person ${i} example`, search_rest: '', company_key: '', created_at: nowIso, updated_at: nowIso, deleted_at: null,
    });
  }
  const promiseRows: Insertable<Database['promises']>[] = [];
  for (let i = 0; i < promises; i++) {
    const due = addDays(today, (i % 180) - 60);
    promiseRows.push({
      id: id(), account_id: accountId, person_id: people[i % people.length]!.id, direction: i % 3 === 0 ? 'they_owe' : 'i_owe', text: `send the white paper #${i}`,
      made_on: addDays(due, -3), due_on: due, effective_due_on: due, soon_from: addDays(due, -1), event_id: null, done_at: null, created_at: nowIso,
    });
  }
  const eventRows: Insertable<Database['events']>[] = [];
  for (let i = 0; i < events; i++) {
    const startsAt = new Date(now + ((i % 455) - 365) * DAY_MS + (i % 7) * 3_600_000);
    eventRows.push({
      id: id(), account_id: accountId, name: `Chamber mixer ${i}`, starts_at: startsAt.toISOString(), ends_at: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      time_zone: EVENT_ZONES[i % EVENT_ZONES.length]!, place: 'Civic Hall, Main Street', link: i % 2 ? `https://events.example/${i}` : null, role: i % 5 ? 'attending' : 'hosting',
      goal: 3, created_at: nowIso, updated_at: nowIso,
    });
  }
  await kit.store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < people.length; i += 500) await trx.insertInto('people').values(people.slice(i, i + 500)).execute();
    for (let i = 0; i < promiseRows.length; i += 1000) await trx.insertInto('promises').values(promiseRows.slice(i, i + 1000)).execute();
    for (let i = 0; i < eventRows.length; i += 1000) await trx.insertInto('events').values(eventRows.slice(i, i + 1000)).execute();
  });
  // PostgreSQL's autovacuum would analyze tables this size within a minute of such a load; do it now, so that the
  // planner has the statistics it would have in real use (as bench/seed.ts does).
  if (kit.store.dialect === 'postgres') await sql`ANALYZE`.execute(kit.store.db);
  return { followUps, promises, events };
}

/** The baseline: the same rows, read with plain SELECTs and nothing else. */
async function selectSameRows(kit: BenchKit, accountId: string): Promise<number> {
  const db = kit.store.db;
  const [people, promises, events] = await Promise.all([
    db.selectFrom('people').select(['id', 'full_name', 'stage', 'cadence_days', 'last_touch_on', 'follow_up_reason', 'follow_up_since', 'follow_up_due_on'])
      .where('account_id', '=', accountId).where('deleted_at', 'is', null).where('follow_up_due_on', 'is not', null).execute(),
    db.selectFrom('promises').select(['id', 'person_id', 'direction', 'text', 'due_on']).where('account_id', '=', accountId).where('done_at', 'is', null).where('due_on', 'is not', null).execute(),
    db.selectFrom('events').select(['id', 'name', 'starts_at', 'ends_at', 'time_zone', 'place', 'link', 'role']).where('account_id', '=', accountId).execute(),
  ]);
  return people.length + promises.length + events.length;
}

async function measure(db: BenchDatabase, options: { items: number; fetches: number; log: (line: string) => void }): Promise<CalendarFeedFigures> {
  const { kit } = db;
  const account = await kit.services.auth.signUp({ email: 'feed-bench@example.com', password: 'correct horse battery staple', timeZone: TIME_ZONE });
  const seeded = await seedFeedItems(kit, account.id, options.items);
  options.log(`  seeded ${JSON.stringify(seeded)} on ${kit.store.dialect}`);
  const app = await buildApp({ services: kit.services, docs: false, logger: false });
  try {
    const created = await kit.services.calendarFeed.create(account.id, 'https://kith.example.com');
    const path = new URL(created.url).pathname;
    const fetchFeed = async (headers: Record<string, string> = {}) => {
      const res = await app.inject({ method: 'GET', url: path, headers });
      if (res.statusCode !== 200 && res.statusCode !== 304) throw new Error(`the feed answered ${res.statusCode}`);
      return res;
    };
    const first = await timed(() => fetchFeed());
    const events = (first.value.body.match(/BEGIN:VEVENT/g) ?? []).length;
    if (events !== Math.min(options.items, MAX_FEED_ITEMS)) throw new Error(`the feed holds ${events} items, not ${options.items}`);

    // The serialisation alone, from the same facts in memory.
    const facts = await readFacts(kit, account.id);
    const now = new Date();
    const writeAlone = () => {
      const items = buildFeedItems(facts, localDateOf(now, TIME_ZONE), now);
      return Promise.resolve(writeFeedIcs(items.map((item) => ({ item, sequence: 0 })), { baseUrl: 'https://kith.example.com', timeZone: TIME_ZONE, stamp: now }));
    };

    for (let i = 0; i < 3; i++) {
      await fetchFeed();
      await selectSameRows(kit, account.id);
      await writeAlone();
    }
    const feed: number[] = [];
    const unchanged: number[] = [];
    const notModified: number[] = [];
    const selects: number[] = [];
    const writes: number[] = [];
    let bytes = 0;
    let etag = '';
    const promise = await kit.store.db.selectFrom('promises').select(['id', 'due_on']).where('account_id', '=', account.id).orderBy('id').executeTakeFirstOrThrow();
    for (let i = 0; i < options.fetches; i++) {
      // One promise moves a day: the next read writes the whole document anew, as after any change.
      await kit.store.db.updateTable('promises').set({ due_on: addDays(promise.due_on!, (i % 2) + 1) }).where('id', '=', promise.id).execute();
      const t = await timed(() => fetchFeed());
      feed.push(t.ms);
      bytes = t.value.rawPayload.length;
      etag = String(t.value.headers.etag);
      unchanged.push((await timed(() => fetchFeed())).ms);
      const n = await timed(() => fetchFeed({ 'if-none-match': etag }));
      if (n.value.statusCode !== 304) throw new Error(`If-None-Match answered ${n.value.statusCode}, not 304`);
      notModified.push(n.ms);
      selects.push((await timed(() => selectSameRows(kit, account.id))).ms);
      writes.push((await timed(writeAlone)).ms);
    }
    return {
      dialect: kit.store.dialect,
      items: events,
      fetches: options.fetches,
      bytes,
      firstMs: first.ms,
      feed: distribution(feed),
      unchanged: distribution(unchanged),
      notModified: distribution(notModified),
      selectBaseline: distribution(selects),
      writeBaseline: distribution(writes),
    };
  } finally {
    await app.close();
  }
}

/** The facts of the feed as the service reads them (for the serialisation-only baseline). */
async function readFacts(kit: BenchKit, accountId: string): Promise<FeedFacts> {
  const repos = kit.store.repos;
  const now = new Date();
  const today = localDateOf(now, TIME_ZONE);
  const [followUps, promises, events] = await Promise.all([
    repos.calendarFeeds.followUpFacts(accountId, MAX_FEED_ITEMS),
    repos.calendarFeeds.promiseFacts(accountId, today, MAX_FEED_ITEMS),
    repos.calendarFeeds.eventFacts(accountId, now.toISOString(), MAX_FEED_ITEMS),
  ]);
  return { followUps: followUps.map(({ stage: _stage, personCadenceDays, ...f }) => ({ ...f, cadenceDays: personCadenceDays ?? 30 })), promises, events };
}

function label(dialect: string): string {
  return dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}

export function calendarFeedRows(f: CalendarFeedFigures, gating: boolean): FigureRow[] {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return [
    {
      figure: `ICS feed of ${f.items} items after a change, median of ${f.fetches} (${label(f.dialect)}, ${(f.bytes / 1_048_576).toFixed(1)} MB)`,
      measured: formatMs(f.feed.p50),
      baseline: `${formatMs(f.selectBaseline.p50)} plain SELECT`,
      ratio: ratio(f.feed.p50, f.selectBaseline.p50),
      target: `≤ ${FEED_TARGET_MS} ms`,
      met: f.feed.p50 <= FEED_TARGET_MS,
      gating,
    },
    {
      figure: `ICS feed p90 (${label(f.dialect)})`,
      measured: formatMs(f.feed.p90),
      baseline: `${formatMs(f.writeBaseline.p50)} ical-generator alone`,
      ratio: ratio(f.feed.p90, f.writeBaseline.p50),
      target: `≤ ${FEED_TARGET_MS} ms`,
      met: f.feed.p90 <= FEED_TARGET_MS,
      gating: false,
    },
    {
      figure: `ICS feed read again, nothing changed, median (${label(f.dialect)})`,
      measured: formatMs(f.unchanged.p50),
      baseline: `${formatMs(f.feed.p50)} after a change`,
      ratio: ratio(f.unchanged.p50, f.feed.p50),
      target: `≤ ${FEED_TARGET_MS} ms`,
      met: f.unchanged.p50 <= FEED_TARGET_MS,
      gating: false,
    },
    {
      figure: `ICS feed 304 on If-None-Match, median (${label(f.dialect)})`,
      measured: formatMs(f.notModified.p50),
      baseline: `${formatMs(f.feed.p50)} full feed`,
      ratio: ratio(f.notModified.p50, f.feed.p50),
      target: '—',
      met: null,
      gating: false,
    },
    {
      figure: `ICS feed first read, every digest written (${label(f.dialect)})`,
      measured: formatMs(f.firstMs),
      baseline: `${formatMs(f.feed.p50)} later reads`,
      ratio: ratio(f.firstMs, f.feed.p50),
      target: '—',
      met: null,
      gating: false,
    },
  ];
}

/** The figure for bench/run-all.ts: seeds its own database (SQLite by default), measures, removes it. */
export async function benchCalendarFeed(
  options: { dialect?: 'sqlite' | 'postgres'; items?: number; fetches?: number; log?: (line: string) => void } = {},
): Promise<FigureRow[]> {
  const dialect = options.dialect ?? 'sqlite';
  const db = dialect === 'sqlite' ? await openSqliteBench() : await openPostgresBench();
  try {
    const figures = await measure(db, { items: options.items ?? MAX_FEED_ITEMS, fetches: options.fetches ?? 15, log: options.log ?? (() => {}) });
    return calendarFeedRows(figures, dialect === 'sqlite');
  } finally {
    await db.remove();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { postgres: { type: 'boolean' }, fetches: { type: 'string' }, items: { type: 'string' } } });
  const rows = await benchCalendarFeed({
    dialect: values.postgres ? 'postgres' : 'sqlite',
    ...(values.fetches ? { fetches: Number(values.fetches) } : {}),
    ...(values.items ? { items: Number(values.items) } : {}),
    log: (line) => console.log(line),
  });
  console.log(`\n${formatTable(rows)}`);
}
