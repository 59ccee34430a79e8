// Figures of issue 7, the organizer's desk:
// (a) the public event page (GET /e/<slug>): server time, p50 of many requests through app.inject (in process, no
//     network: what the server spends, routing, rate limiter, queries, HTML and compression included), against
//     GET /healthz measured the same way in the same run; and the bytes a phone receives (Brotli, which the app
//     prefers when the browser offers it; gzip and uncompressed given too). The event is realistic: a description of
//     ~1,500 characters, three questions, 200 registrations on 250 seats. On SQLite (gating) and PostgreSQL (info).
//     Each request comes from an address of its own (remoteAddress), so the per-address limit on reading the page
//     (300 a minute) does not answer 429 to the bench's thousand requests.
// (b) 300 RSVPs at the same instant against a 250-seat event on PostgreSQL, through HTTP: the app listens on a port
//     in this process and 300 requests are sent at once, each on a connection of its own from a distinct loopback
//     address (127.0.x.y: the whole 127/8 is the loopback on Linux). The app does not trust X-Forwarded-For (no
//     trustProxy), so a header would not tell the requests apart; distinct real addresses keep the per-address limit
//     (20 RSVPs a minute) and the per-event limit (600 a minute) on, as in production. Expected: exactly 250 seated,
//     50 waitlisted, every answer a 303 to the registrant's page, no error. Baseline: the same 300 RSVPs one after
//     another against a second event, in the same run.
// Run alone: npx tsx bench/organizer.bench.ts [--requests N]
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { buildApp, type App } from '../src/http/build-app.js';
import { createMailer } from '../src/mail/create-mailer.js';
import { openPostgresBench, openSqliteBench, type BenchDatabase } from './bench-db.js';
import type { BenchKit } from './seed.js';
import { formatTable, type FigureRow } from './report.js';
import { distribution, formatMs, round } from './stats.js';

export const TARGET_PAGE_MS = 50;
export const TARGET_PAGE_KB = 30;
const KB = 1024;

const DESCRIPTION = [
  'Our monthly mixer for members and guests of the Riverside Chamber of Commerce. Come for the conversations, stay for the view over the river.',
  'This month: "Selling without selling", a short talk by a local business owner who grew her bakery from one oven to four shops, followed by questions. ' +
    'After the talk, tables by industry (food & drink, trades, professional services, retail, tech) so that you meet people you can help and who can help you.',
  'Drinks and small plates are on the Chamber. Vegetarian and vegan options are always there; tell us about any other dietary needs in the form below.',
  'Getting there: the Old Mill is a five-minute walk from the station. Parking is free after 17:00 in the council car park on Mill Lane. The venue is step-free; ' +
    'the lift is to the left of the main entrance.',
  'First time? Look for the people with green badges: they are our hosts and will introduce you around. Bring business cards if you have them.',
  'Cannot come after all? Cancel from the link in your confirmation e-mail so that your seat goes to the next person on the waitlist.',
].join('\n\n');

interface Fixture {
  app: App;
  slug: string;
  eventId: string;
  ownerId: string;
  orgId: string;
}

/** Mail composed as in production and kept in the database only; an owner, an organization and the app. */
async function organizerFixture(kit: BenchKit): Promise<Omit<Fixture, 'slug' | 'eventId'>> {
  kit.services.mail.configure(createMailer({ outboxDir: null, messageIdDomain: 'bench.example' }), { publicUrl: 'https://kith.bench.example', from: 'Kith <events@bench.example>' });
  const owner = await kit.services.auth.signUp({ email: `owner-${Date.now()}@bench.example`, password: 'correct horse battery', timeZone: 'Europe/London' });
  const org = await kit.services.organizer.createOrganization(owner.id, 'Riverside Chamber of Commerce');
  const app = await buildApp({ services: kit.services, logger: false, docs: false });
  return { app, ownerId: owner.id, orgId: org.id };
}

async function createEvent(kit: BenchKit, f: Omit<Fixture, 'slug' | 'eventId'>, title: string, capacity: number): Promise<{ slug: string; eventId: string }> {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  startsAt.setUTCHours(18, 0, 0, 0);
  const event = await kit.services.organizer.createEvent(f.ownerId, f.orgId, {
    title,
    description: DESCRIPTION,
    startsAt: startsAt.toISOString(),
    timeZone: 'Europe/London',
    place: 'The Old Mill, 3 Mill Lane, Riverside',
    capacity,
    questions: [
      { id: 'diet', label: 'Any dietary needs?', required: false },
      { id: 'industry', label: 'Your industry', required: true },
      { id: 'meet', label: 'Who would you like to meet?', required: false },
    ],
  });
  return { slug: event.publicPath.slice(3), eventId: event.id };
}

/** The p50 and p99 of `n` sequential injects of `url`, each from an address of its own, after a warm-up. */
async function injectTimes(app: App, url: string, n: number, headers: Record<string, string>): Promise<{ ms: ReturnType<typeof distribution>; bad: number }> {
  const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  for (let i = 0; i < 50; i++) await app.inject({ method: 'GET', url, headers, remoteAddress: ip(100_000 + i) });
  const samples: number[] = [];
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url, headers, remoteAddress: ip(i) });
    samples.push(performance.now() - started);
    if (res.statusCode !== 200) bad += 1;
  }
  return { ms: distribution(samples), bad };
}

async function eventPageRows(db: BenchDatabase, label: string, gating: boolean, requests: number, log: (line: string) => void): Promise<FigureRow[]> {
  const { kit } = db;
  const f = await organizerFixture(kit);
  try {
    const { slug } = await createEvent(kit, f, 'Riverside Chamber monthly mixer: "Selling without selling"', 250);
    for (let i = 0; i < 200; i++) {
      await kit.services.registrations.rsvp(slug, { fullName: `Guest Number${i}`, email: `guest${i}@bench.example`, company: 'Bench Ltd', answers: { industry: 'retail' }, listed: i % 3 === 0 });
    }
    log(`  ${label}: event with 200 registrations on 250 seats`);
    const url = `/e/${slug}`;
    const phone = { 'accept-encoding': 'gzip, deflate, br' };
    const page = await injectTimes(f.app, url, requests, phone);
    const health = await injectTimes(f.app, '/healthz', requests, phone);
    const sizeWith = async (encoding: string | null) => {
      const res = await f.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {}, remoteAddress: '10.255.0.1' });
      return { bytes: res.rawPayload.length, encoding: String(res.headers['content-encoding'] ?? 'none'), body: res.body };
    };
    const br = await sizeWith(phone['accept-encoding']);
    const gzip = await sizeWith('gzip');
    const raw = await sizeWith(null);
    if (!raw.body.includes('50 seats left')) throw new Error('the event page does not show the seats left');
    log(`  ${label}: page p50 ${formatMs(page.ms.p50)} p99 ${formatMs(page.ms.p99)} (${page.bad} not 200); /healthz p50 ${formatMs(health.ms.p50)}; ${br.encoding} ${br.bytes} B, ${gzip.encoding} ${gzip.bytes} B, raw ${raw.bytes} B`);
    return [
      {
        figure: `7 public event page, server time p50 of ${requests} (${label})${page.bad ? ` (${page.bad} not 200!)` : ''}`,
        measured: `${formatMs(page.ms.p50)} (p99 ${formatMs(page.ms.p99)})`,
        baseline: `${formatMs(health.ms.p50)} /healthz`,
        ratio: round(page.ms.p50 / health.ms.p50, 2),
        target: `≤ ${TARGET_PAGE_MS} ms`,
        met: page.bad === 0 && page.ms.p50 <= TARGET_PAGE_MS,
        gating,
      },
      ...(gating
        ? [
            {
              figure: `7 public event page, bytes transferred (${br.encoding}, as a phone asks)`,
              measured: `${(br.bytes / KB).toFixed(1)} KB`,
              baseline: `${(raw.bytes / KB).toFixed(1)} KB uncompressed, ${(gzip.bytes / KB).toFixed(1)} KB gzip`,
              ratio: round(br.bytes / raw.bytes, 2),
              target: `≤ ${TARGET_PAGE_KB} KB`,
              met: br.bytes <= TARGET_PAGE_KB * KB,
              gating,
            },
          ]
        : []),
    ];
  } finally {
    await f.app.close();
  }
}

/** One form POST from `localAddress`, on a connection of its own; the status and Location, or the error. */
function postForm(port: number, path: string, body: string, localAddress: string): Promise<{ status: number; location: string | null } | { error: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null }));
      },
    );
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(body);
  });
}

const rsvpBody = (i: number) => new URLSearchParams({ fullName: `Rush Person${i}`, email: `rush${i}@bench.example`, company: 'Rush Ltd', 'answers.industry': 'tech' }).toString();
/** 127.0.<1 + i/250>.<1 + i%250>: a distinct loopback address for each of the first thousands of requests. */
const loopback = (i: number) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;

interface RushResult {
  ms: number;
  seated: number;
  waitlisted: number;
  other: number;
  redirects: number;
  errors: string[];
}

async function rush(kit: BenchKit, f: Omit<Fixture, 'slug' | 'eventId'>, port: number, n: number, seats: number, concurrent: boolean, firstAddress: number): Promise<RushResult> {
  const { slug, eventId } = await createEvent(kit, f, concurrent ? 'The rush' : 'One at a time', seats);
  const started = performance.now();
  const send = (i: number) => postForm(port, `/e/${slug}`, rsvpBody(i), loopback(firstAddress + i));
  const answers: Awaited<ReturnType<typeof send>>[] = [];
  if (concurrent) answers.push(...(await Promise.all(Array.from({ length: n }, (_, i) => send(i)))));
  else for (let i = 0; i < n; i++) answers.push(await send(i));
  const ms = performance.now() - started;
  const errors: string[] = [];
  let redirects = 0;
  for (const a of answers) {
    if ('error' in a) errors.push(a.error);
    else if (a.status === 303 && a.location?.startsWith('/r/')) redirects += 1;
    else errors.push(`HTTP ${a.status}`);
  }
  const counts = await kit.store.repos.organizer.counts(eventId);
  const total = Object.values(counts).reduce((s, c) => s + c, 0);
  return { ms, seated: counts.confirmed, waitlisted: counts.waitlisted, other: total - counts.confirmed - counts.waitlisted, redirects, errors };
}

async function concurrentRsvpRows(db: BenchDatabase, log: (line: string) => void): Promise<FigureRow[]> {
  const n = 300;
  const seats = 250;
  const f = await organizerFixture(db.kit);
  try {
    await f.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = f.app.server.address() as AddressInfo;
    const rushed = await rush(db.kit, f, port, n, seats, true, 0);
    const serial = await rush(db.kit, f, port, n, seats, false, n);
    const describe = (r: RushResult) => `${r.seated} seated, ${r.waitlisted} waitlisted, ${r.other} other, ${r.redirects} redirects, ${r.errors.length} errors`;
    log(`  at once: ${Math.round(rushed.ms)} ms, ${describe(rushed)}${rushed.errors.length ? ` (${[...new Set(rushed.errors)].slice(0, 3).join('; ')})` : ''}`);
    log(`  one at a time: ${Math.round(serial.ms)} ms, ${describe(serial)}`);
    const exact = rushed.seated === seats && rushed.waitlisted === n - seats && rushed.other === 0 && rushed.redirects === n && rushed.errors.length === 0;
    return [
      {
        figure: `7 ${n} RSVPs at once, ${seats} seats (PostgreSQL, HTTP, pool of ${process.env.KITH_PG_POOL_SIZE ?? 10})`,
        measured: `${rushed.seated} seated, ${rushed.waitlisted} waitlisted, ${rushed.errors.length} errors`,
        baseline: `${seats} seated, ${n - seats} waitlisted, 0 errors`,
        ratio: null,
        target: 'exactly',
        met: exact,
        gating: true,
      },
      {
        figure: `7 ${n} RSVPs at once, time until the last answer (PostgreSQL)`,
        measured: formatMs(rushed.ms),
        baseline: `${formatMs(serial.ms)} one at a time`,
        ratio: round(rushed.ms / serial.ms, 2),
        target: '—',
        met: null,
        gating: false,
      },
    ];
  } finally {
    await f.app.close();
  }
}

export async function benchOrganizer(options: { requests?: number; log?: (line: string) => void } = {}): Promise<FigureRow[]> {
  const requests = options.requests ?? 1000;
  const log = options.log ?? (() => {});
  const rows: FigureRow[] = [];
  const sqlite = await openSqliteBench();
  try {
    rows.push(...(await eventPageRows(sqlite, 'SQLite', true, requests, log)));
  } finally {
    await sqlite.remove();
  }
  const pg = await openPostgresBench();
  try {
    rows.push(...(await eventPageRows(pg, 'PostgreSQL', false, requests, log)));
    rows.push(...(await concurrentRsvpRows(pg, log)));
  } finally {
    await pg.remove();
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { requests: { type: 'string' } } });
  const rows = await benchOrganizer({ ...(values.requests ? { requests: Number(values.requests) } : {}), log: (line) => console.log(line) });
  console.log(`\n${formatTable(rows)}`);
}
