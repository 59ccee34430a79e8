// The public event pages through the app, on both databases: the event page (escaped, small, no scripts, strict CSP),
// the RSVP form and its errors, the honeypot, the waitlist, the registrant's page with its buttons, a cancel that
// offers the seat to the next in line (followed from the offer e-mail in the outbox), the 404 pages, the rate limits,
// and the seat e-mail as a real SMTP peer receives it.
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMailKit, type MailKit } from './mail-kit.js';
import { DIALECTS, signUpWithToken } from './helpers.js';
import { decodeHeader, readMessage, startSmtpPeer, type SmtpPeer } from './smtp-peer.js';
import { SlidingWindowLimit } from '../src/http/sliding-window-limit.js';
import type { HostedEventInput } from '../src/app/organizer.service.js';

const NOW = '2026-03-01T09:00:00Z';
const TOKEN_PATH = /^\/r\/([A-Za-z0-9_-]{43})$/;

describe.each(DIALECTS)('the public event pages (%s)', (dialect) => {
  let kit: MailKit;
  let owner: string;
  let orgId: string;
  let nextIp = 1;
  /** Each test posts from addresses of its own, so that the per-address limit counts one test at a time. */
  const freshIp = () => `10.0.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;

  const organizer = () => kit.services.organizer;
  const createEvent = async (input: Partial<HostedEventInput> = {}) => {
    const event = await organizer().createEvent(owner, orgId, { title: 'March mixer', startsAt: '2026-03-10T18:00:00Z', timeZone: 'Europe/London', place: 'The Old Mill', ...input });
    return { ...event, slug: event.publicPath.slice(3) };
  };
  const get = (url: string, headers: Record<string, string> = {}) => kit.app.inject({ method: 'GET', url, headers, remoteAddress: '10.1.0.1' });
  const post = (url: string, fields: Record<string, string>, ip = freshIp()) =>
    kit.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(), remoteAddress: ip });
  /** Registers through the form and returns the registrant's page path (/r/<token>). */
  const register = async (slug: string, fields: Record<string, string>) => {
    const res = await post(`/e/${slug}`, fields);
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toMatch(TOKEN_PATH);
    return res.headers.location as string;
  };
  const registrations = (eventId: string) => organizer().registrations(owner, orgId, eventId, null);
  const mailsTo = (to: string) => kit.store.db.selectFrom('outbox').select(['subject', 'raw']).where('to_address', '=', to).orderBy('created_at').orderBy('id').execute();

  beforeAll(async () => {
    kit = await createMailKit(dialect, NOW);
    owner = (await signUpWithToken(kit, 'owner@chamber.example')).accountId;
    orgId = (await organizer().createOrganization(owner, 'Riverside <Chamber> & Co')).id;
  });
  afterAll(() => kit?.close());

  it('shows the event with every organizer text escaped, small, without scripts, under a strict CSP', async () => {
    const event = await createEvent({
      title: 'Mixer <script>alert(1)</script>',
      description: 'Drinks & "talk".\nBring cards.\n\n<script>steal()</script> Second paragraph.',
      capacity: 10,
      questions: [{ id: 'diet', label: 'Dietary <b>needs</b>?', required: true }, { id: 'topic', label: 'A topic you like', required: false }],
    });
    const res = await get(`/e/${event.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const html = res.body;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<title>Mixer &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('<h1>Mixer &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain('<p class="org">Riverside &lt;Chamber&gt; &amp; Co</p>');
    expect(html).toContain('<p>Drinks &amp; &quot;talk&quot;.<br>Bring cards.</p><p>&lt;script&gt;steal()&lt;/script&gt; Second paragraph.</p>');
    expect(html).toContain('Tuesday, 10 March 2026 at 18:00 GMT');
    expect(html).toContain('The Old Mill');
    expect(html).toContain('10 seats left');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    // Every input has its label; required ones are marked; the custom questions are fields of their own.
    for (const name of ['fullName', 'email', 'company', 'title', 'badgeName', 'answers-diet', 'answers-topic', 'listed']) {
      expect(html).toContain(`<label for="f-${name}">`);
      expect(html).toMatch(new RegExp(`id="f-${name}"`));
    }
    expect(html).toContain('<label for="f-answers-diet">Dietary &lt;b&gt;needs&lt;/b&gt;? <span class="req">(required)</span></label>');
    expect(html).toContain('Show my name, company and title to others who opt in (who’s coming)');
    // The honeypot: off-screen, hidden from screen readers, out of the tab order, not filled in by the browser.
    expect(html).toMatch(/<div class="hp" aria-hidden="true">.*<input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off">/);
    expect(html).toMatch(/\.hp\{position:absolute;left:-10000px/);
    expect(html).not.toMatch(/\b(src|href)="https?:/);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(30 * 1024);
    const compressed = await get(`/e/${event.slug}`, { 'accept-encoding': 'gzip' });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.rawPayload.length).toBeLessThan(gzipSync(html).length + 100);
  });

  it('takes an RSVP and redirects to the registrant’s page, which shows the seat, the door QR code and who’s coming', async () => {
    const event = await createEvent({ capacity: 10 });
    const path = await register(event.slug, { fullName: 'Ada Lovelace', email: 'ada@example.com', company: 'Engines <Ltd>', title: 'Analyst', badgeName: 'Ada', listed: 'yes', website: '' });
    const page = await get(path);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('You’re in: your seat is confirmed.');
    expect(page.body).toMatch(/<div class="qr" role="img" aria-label="QR code for the door"><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).toContain('<h2>Who’s coming</h2>');
    expect(page.body).toContain('<li>Ada Lovelace, Analyst, Engines &lt;Ltd&gt;</li>');
    expect(page.body).toContain('Hide me on who’s coming');
    expect(page.body).toContain(`href="${path}/cancel">Cancel my registration…</a>`);
    const [stored] = await registrations(event.id);
    expect(stored).toMatchObject({ status: 'confirmed', fullName: 'Ada Lovelace', company: 'Engines <Ltd>', title: 'Analyst', badgeName: 'Ada', listed: true });
    expect((await get(`/e/${event.slug}`)).body).toContain('9 seats left');
  });

  it('sends the form back with what was typed and each error next to its field', async () => {
    const event = await createEvent({ questions: [{ id: 'diet', label: 'Dietary needs?', required: true }] });
    const res = await post(`/e/${event.slug}`, { fullName: ' ', email: 'not-an-email', company: 'Acme <Ltd> "quoted"', 'answers.diet': '', listed: 'yes' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body;
    expect(html).toContain('<h2>Please check these 3 fields</h2>');
    expect(html).toContain('value="Acme &lt;Ltd&gt; &quot;quoted&quot;"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toMatch(/<input id="f-email" name="email" type="email" value="not-an-email"[^>]* aria-invalid="true" aria-describedby="f-email-error"><p class="err" id="f-email-error">an e-mail address, e.g. ada@example.com<\/p>/);
    expect(html).toMatch(/id="f-fullName"[^>]* aria-invalid="true" aria-describedby="f-fullName-error"><p class="err" id="f-fullName-error">your name, please<\/p>/);
    expect(html).toMatch(/id="f-answers-diet"[^>]* aria-invalid="true" aria-describedby="f-answers-diet-error"><\/textarea><p class="err" id="f-answers-diet-error">&quot;Dietary needs\?&quot; needs an answer<\/p>/);
    expect(html).toMatch(/id="f-company"[^>]*autocomplete="organization">/);
    expect(html).toContain('name="listed" value="yes" checked');
    expect(await registrations(event.id)).toEqual([]);
  });

  it('answers a bot that fills in the hidden field with a neutral thank-you, and stores nothing', async () => {
    const event = await createEvent();
    const res = await post(`/e/${event.slug}`, { fullName: 'Spam Bot', email: 'bot@example.com', website: 'http://spam.example' });
    expect(res.statusCode).toBe(200);
    expect(/<main>.*<\/main>/.exec(res.body)![0]).toBe('<main><h1>Thank you</h1><p>Thank you.</p></main>');
    expect(await registrations(event.id)).toEqual([]);
    expect(await mailsTo('bot@example.com')).toEqual([]);
  });

  it('says the same words when the address is registered already, and mails its link again', async () => {
    const event = await createEvent();
    await register(event.slug, { fullName: 'Bob Babbage', email: 'bob@example.com' });
    const again = await post(`/e/${event.slug}`, { fullName: 'Bob B.', email: 'BOB@example.com' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('If this address is registered, we have e-mailed its link again.');
    expect(again.body).not.toContain('/r/');
    expect(await mailsTo('bob@example.com')).toHaveLength(2);
  });

  it('does not show the Confirm button to whoever sent the form when the event asks to confirm the e-mail', async () => {
    const event = await createEvent({ confirmEmail: true });
    const res = await post(`/e/${event.slug}`, { fullName: 'Eve Adams', email: 'eve@example.com' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('We have e-mailed you a link to confirm your address.');
    expect(res.body).not.toMatch(/\/r\//);
    const [mail] = await mailsTo('eve@example.com');
    const link = /https:\/\/kith\.example\.org(\/r\/[A-Za-z0-9_-]{43})/.exec(mail!.raw.replace(/=\r\n/g, ''))![1]!;
    expect((await get(link)).body).toContain('Confirm my e-mail');
    expect((await post(`${link}/confirm`, {})).statusCode).toBe(303);
    expect((await get(link)).body).toContain('You’re in: your seat is confirmed.');
  });

  it('puts people on the waitlist of a full event, each told their place', async () => {
    const event = await createEvent({ capacity: 1 });
    await register(event.slug, { fullName: 'First Person', email: 'first@example.com' });
    const page = await get(`/e/${event.slug}`);
    expect(page.body).toContain('<strong>Full: join the waitlist.</strong>');
    expect(page.body).toContain('<button type="submit">Join the waitlist</button>');
    const second = await register(event.slug, { fullName: 'Second Person', email: 'second@example.com' });
    const third = await register(event.slug, { fullName: 'Third Person', email: 'third@example.com' });
    expect((await get(second)).body).toContain('You are on the waitlist, number 1.');
    expect((await get(third)).body).toContain('You are on the waitlist, number 2.');
    expect((await get(third)).body).not.toContain('<svg');
    expect((await get(`/e/${event.slug}`)).body).toContain('2 people are waiting');
  });

  it('a cancel by POST frees the seat; the first waiting follows the offer e-mail and claims it', async () => {
    const event = await createEvent({ capacity: 1, claimHours: 24 });
    const first = await register(event.slug, { fullName: 'Cy Young', email: 'cy@example.com' });
    const waiting = await register(event.slug, { fullName: 'Di Prince', email: 'di@example.com' });
    // The confirm step: a page whose button POSTs.
    const confirm = await get(`${first}/cancel`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`<form class="act" method="post" action="${first}/cancel"><button type="submit">Yes, cancel my registration</button></form>`);
    expect(confirm.body).toContain('Your seat goes to the next person waiting.');
    const cancelled = await post(`${first}/cancel`, {});
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe(first);
    expect((await get(first)).body).toContain('Your registration is cancelled.');

    const mails = await mailsTo('di@example.com');
    expect(mails.map((m) => m.subject)).toEqual(['On the waitlist: March mixer', 'A seat is free for you: March mixer']);
    const offerLink = /https:\/\/kith\.example\.org(\/r\/[A-Za-z0-9_-]{43})/.exec(mails[1]!.raw.replace(/=\r\n/g, ''))![1]!;
    expect(offerLink).not.toBe(waiting);
    const offered = await get(offerLink);
    expect(offered.body).toContain('A seat is offered to you: claim it by Monday 2 March at 09:00 GMT.');
    expect(offered.body).toContain(`<form class="act" method="post" action="${offerLink}/claim"><button type="submit">Claim my seat</button></form>`);
    expect((await post(`${offerLink}/claim`, {})).headers.location).toBe(offerLink);
    const seated = await get(offerLink);
    expect(seated.body).toContain('You’re in: your seat is confirmed.');
    expect(seated.body).toContain('<svg');
    expect((await registrations(event.id)).map((r) => [r.fullName, r.status])).toEqual([['Cy Young', 'cancelled'], ['Di Prince', 'confirmed']]);
  });

  it('gives the registrant their own calendar entry, the same one as the seat e-mail, marked as their registration stands', async () => {
    const event = await createEvent({ capacity: 1, title: 'Calendar <club>' });
    const seated = await register(event.slug, { fullName: 'Eve Arden', email: 'eve@example.com' });
    const waiting = await register(event.slug, { fullName: 'Flo Jo', email: 'flo@example.com' });
    expect((await get(seated)).body).toContain(`<a class="btn alt" href="${seated}/calendar.ics">Add to my calendar</a>`);
    const entry = async (path: string) => {
      const res = await get(`${path}/calendar.ics`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${event.slug}.ics"`);
      return res.body.replace(/\r\n /g, '');
    };
    const ics = await entry(seated);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain(`UID:${event.id}@kith`);
    expect(ics).toContain('SUMMARY:Calendar <club>');
    expect(ics).toContain('DTSTART:20260310T180000Z');
    expect(ics).toContain('LOCATION:The Old Mill');
    expect(ics).toContain(`Your registration: https://kith.example.org${seated}`);
    expect(ics).toContain('STATUS:CONFIRMED');
    // The e-mailed invitation is the same entry.
    const seatMail = (await mailsTo('eve@example.com')).find((m) => m.subject === "You're in: Calendar <club>")!;
    expect(readMessage(seatMail.raw).calendar.replace(/\r\n /g, '')).toContain(`UID:${event.id}@kith`);
    expect(await entry(waiting)).toContain('STATUS:TENTATIVE');
    await post(`${seated}/cancel`, {});
    expect(await entry(seated)).toContain('STATUS:CANCELLED');
    expect((await get('/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/calendar.ics')).statusCode).toBe(404);
  });

  it('says so when there is no seat to claim, and shows or hides the registrant on who’s coming', async () => {
    const event = await createEvent({ capacity: 1 });
    await register(event.slug, { fullName: 'Seated Sue', email: 'sue@example.com', listed: 'yes' });
    const waiting = await register(event.slug, { fullName: 'Waiting Wes', email: 'wes@example.com' });
    const claim = await post(`${waiting}/claim`, {});
    expect(claim.statusCode).toBe(409);
    expect(claim.body).toMatch(/<p class="note warn" role="alert">[^<]+<\/p>/);
    expect(claim.body).toContain('You are on the waitlist, number 1.');
    expect((await post(`${waiting}/list`, {})).statusCode).toBe(303);
    expect((await get(waiting)).body).toContain('Hide me on who’s coming');
    expect((await post(`${waiting}/unlist`, {})).statusCode).toBe(303);
    expect((await get(waiting)).body).toContain('Show me on who’s coming');
    expect((await post(`${waiting}/unknown-action`, {})).statusCode).toBe(404);
  });

  it('changes nothing on GET: the registrant’s page and the cancel step can be opened any number of times', async () => {
    const event = await createEvent({ capacity: 5 });
    const path = await register(event.slug, { fullName: 'Gus Getter', email: 'gus@example.com' });
    const before = await registrations(event.id);
    const mailsBefore = (await mailsTo('gus@example.com')).length;
    for (let i = 0; i < 3; i++) {
      expect((await get(path)).statusCode).toBe(200);
      expect((await get(`${path}/cancel`)).statusCode).toBe(200);
      expect((await get(`/e/${event.slug}`)).statusCode).toBe(200);
    }
    expect(await registrations(event.id)).toEqual(before);
    expect(await mailsTo('gus@example.com')).toHaveLength(mailsBefore);
  });

  it('shows a cancelled or finished event without a form', async () => {
    const cancelled = await createEvent({ title: 'Called off' });
    await organizer().cancelEvent(owner, orgId, cancelled.id);
    const page = await get(`/e/${cancelled.slug}`);
    expect(page.body).toContain('This event is cancelled: registrations are closed.');
    expect(page.body).not.toContain('<form');
    const over = await createEvent({ title: 'Last month', startsAt: '2026-02-10T18:00:00Z' });
    const overPage = await get(`/e/${over.slug}`);
    expect(overPage.body).toContain('This event is over: registrations are closed.');
    expect(overPage.body).not.toContain('<form');
    const late = await post(`/e/${over.slug}`, { fullName: 'Late Larry', email: 'larry@example.com' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('This event is over');
  });

  it('answers unknown events and registration links with a 404 page', async () => {
    for (const url of ['/e/no-such-event', '/e/%3Cscript%3E', '/r/not-a-real-link', '/r/%3Cscript%3E', '/r/not-a-real-link/cancel']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).not.toContain('<script');
    }
    expect((await get('/e/no-such-event')).body).toContain('<h1>There is no event at this address</h1>');
    expect((await get('/r/not-a-real-link')).body).toContain('<h1>This registration link is not valid</h1>');
    expect((await post('/e/no-such-event', { fullName: 'X', email: 'x@example.com' })).statusCode).toBe(404);
    expect((await post('/r/not-a-real-link/cancel', {})).statusCode).toBe(404);
  });

  it('refuses other bodies than the form', async () => {
    const event = await createEvent();
    const res = await kit.app.inject({ method: 'POST', url: `/e/${event.slug}`, payload: { fullName: 'Jay Son', email: 'jay@example.com' }, remoteAddress: freshIp() });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(await registrations(event.id)).toEqual([]);
  });

  it('answers 429 with Retry-After after 20 registrations a minute from one address', async () => {
    const event = await createEvent();
    const ip = freshIp();
    for (let i = 0; i < 20; i++) expect((await post(`/e/${event.slug}`, { fullName: '', email: '' }, ip)).statusCode).toBe(400);
    const refused = await post(`/e/${event.slug}`, { fullName: 'Twenty One', email: 'n21@example.com' }, ip);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(refused.body).toContain('<h1>Too many requests</h1>');
    // Another address is not held back.
    expect((await post(`/e/${event.slug}`, { fullName: 'Other Olga', email: 'olga@example.com' })).statusCode).toBe(303);
  });
});

describe.each(DIALECTS)('the seat e-mail through a real SMTP peer (%s)', (dialect) => {
  let kit: MailKit | null = null;
  let peer: SmtpPeer | null = null;
  afterEach(async () => {
    await kit?.close();
    await peer?.close();
    kit = null;
    peer = null;
  });

  it('arrives in the organization’s name, with the calendar invitation and the QR code for the door', async () => {
    peer = await startSmtpPeer();
    kit = await createMailKit(dialect, NOW, { smtpUrl: peer.url });
    const owner = (await signUpWithToken(kit, 'owner@chamber.example')).accountId;
    const orgId = (await kit.services.organizer.createOrganization(owner, 'Riverside Chamber')).id;
    const event = await kit.services.organizer.createEvent(owner, orgId, { title: 'March mixer', startsAt: '2026-03-10T18:00:00Z', timeZone: 'Europe/London', capacity: 10 });
    const res = await kit.app.inject({ method: 'POST', url: event.publicPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'fullName=Ada+Lovelace&email=ada%40example.com' });
    expect(res.statusCode).toBe(303);
    expect((await kit.scheduler.tick()).mail).toEqual({ sent: 1, failed: 0 });
    expect(peer.received).toHaveLength(1);
    const [arrived] = peer.received;
    expect(arrived!.to).toEqual(['ada@example.com']);
    const message = readMessage(arrived!.raw);
    expect(decodeHeader(message.headers.get('from')!)).toBe('Riverside Chamber <digest@kith.example.org>');
    expect(decodeHeader(message.headers.get('subject')!)).toBe("You're in: March mixer");
    expect(message.text).toContain(`Your registration: https://kith.example.org${res.headers.location as string}`);
    expect(arrived!.raw).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=REQUEST/im);
    expect(arrived!.raw).toMatch(/^Content-Type: image\/png; name=door-qr\.png/im);
    expect(arrived!.raw).toMatch(/^Content-ID: <door-qr>/im);
  });
});

describe('the per-event limit', () => {
  it('allows so many requests in any sliding minute, then says how long to wait', () => {
    const limit = new SlidingWindowLimit(3, 60_000);
    const t0 = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);
    expect([limit.hit('a', t0), limit.hit('a', t0 + 1000), limit.hit('a', t0 + 2000)]).toEqual([0, 0, 0]);
    // Full for this minute: wait until it ends.
    expect(limit.hit('a', t0 + 3000)).toBe(57);
    expect(limit.hit('b', t0 + 3000)).toBe(0);
    // At the start of the next minute the sliding window still covers all three.
    expect(limit.hit('a', t0 + 60_000)).toBe(1);
    // Half-way into it, the three weigh one and a half: one more fits, then another, then wait until they weigh less.
    expect([limit.hit('a', t0 + 90_000), limit.hit('a', t0 + 90_000), limit.hit('a', t0 + 90_000)]).toEqual([0, 0, 10]);
    // After two quiet minutes, all is forgotten.
    expect([limit.hit('a', t0 + 240_000), limit.hit('a', t0 + 240_001), limit.hit('a', t0 + 240_002)]).toEqual([0, 0, 0]);
  });
});

describe.each(DIALECTS)('the series calendar (%s)', (dialect) => {
  let kit: MailKit;
  afterAll(() => kit?.close());

  it('lists every meeting of the series, each with its page, a cancelled one marked so, and the event page links to it', async () => {
    kit = await createMailKit(dialect, '2026-03-01T09:00:00Z');
    const owner = (await signUpWithToken(kit, 'series@chamber.example')).accountId;
    const org = await kit.services.organizer.createOrganization(owner, 'Series & Co');
    const first = await kit.services.organizer.createEvent(owner, org.id, { title: 'Monthly <lunch>', startsAt: '2026-03-10T12:00:00Z', timeZone: 'Europe/London', place: 'The Mill' });
    const second = await kit.services.organizer.cloneNextMonth(owner, org.id, first.id);
    await kit.services.organizer.cloneNextMonth(owner, org.id, first.id);
    await kit.services.organizer.cancelEvent(owner, org.id, second.id);
    const other = await kit.services.organizer.createEvent(owner, org.id, { title: 'Not in the series', startsAt: '2026-03-12T12:00:00Z', timeZone: 'Europe/London' });
    const page = await kit.app.inject({ method: 'GET', url: first.publicPath });
    expect(page.body).toContain(`href="${first.publicPath}/calendar.ics"`);
    const res = await kit.app.inject({ method: 'GET', url: `${second.publicPath}/calendar.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = res.body.replace(/\r\n /g, '');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).toContain('DTSTART:20260310T120000Z');
    expect(ics).toContain('DTSTART:20260414T110000Z');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain(`URL;VALUE=URI:https://kith.example.org${first.publicPath}`);
    expect(ics).not.toContain(other.publicPath);
    expect((await kit.app.inject({ method: 'GET', url: '/e/nosuchslug/calendar.ics' })).statusCode).toBe(404);
  });
});
