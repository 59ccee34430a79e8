// Isolation is sacred: a second account walks every route of the API (read from the OpenAPI document, so a new
// route cannot be forgotten) with the first account's ids, and must get 404 — never the data, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';
import { multipart, StandInReader } from './card-stand-in.js';
import { createMailer } from '../src/mail/create-mailer.js';

type Ids = { person: string; event: string; promise: string; commonality: string; token: string; scan: string; cardImage: string; share: string; outbox: string; merge: string; appPassword: string; import: string; account: string; organization: string; hostedEvent: string; registration: string; speaker: string; doorLink: string };

/** A valid body for every route that takes one, so that only ownership can refuse the request. */
const BODIES: Record<string, unknown> = {
  'POST /api/v1/auth/sign-up': { email: 'someone@example.com', password: 'long enough password' },
  'POST /api/v1/auth/sign-in': { email: 'a@example.com', password: 'a long password' },
  'POST /api/v1/auth/sign-out': undefined,
  'POST /api/v1/tokens': { name: 'b token' },
  'POST /api/v1/people': { fullName: 'B Person' },
  'PATCH /api/v1/people/{id}': { title: 'Stolen' },
  'POST /api/v1/people/{id}/restore': undefined,
  'POST /api/v1/people/{id}/commonalities': { kind: 'interest', text: 'opera' },
  'POST /api/v1/people/{id}/promises': { text: 'steal the white paper' },
  'POST /api/v1/promises/{id}/done': {},
  'POST /api/v1/people/{id}/touches': { kind: 'call' },
  'POST /api/v1/people/{id}/stage': { stage: 'client' },
  'POST /api/v1/people/{id}/snooze': { days: 3 },
  // Same phone as the first account's person: a duplicate there must not be reported here.
  'POST /api/v1/capture/preview': { text: 'Someone Else, +44 20 7946 0111' },
  'POST /api/v1/capture': { text: 'Someone New' },
  'POST /api/v1/cards/scans/{id}/save': { fullName: 'Someone Else' },
  'POST /api/v1/events': { name: 'B event', startsAt: '2026-03-10T18:00:00Z' },
  'PATCH /api/v1/events/{id}': { name: 'Renamed' },
  'POST /api/v1/events/{id}/here': undefined,
  'POST /api/v1/events/{id}/people': { personId: 'PERSON' },
  'PATCH /api/v1/settings': { defaultGoal: 5 },
  'POST /api/v1/suggestions/{key}/done': { action: 'email' },
  'POST /api/v1/suggestions/{key}/set-aside': { days: 2 },
  'PUT /api/v1/templates/{reason}': { subject: 'B words', body: 'Hi {first_name}', short: 'Hi' },
  'PATCH /api/v1/digest': { frequency: 'daily', hour: 7 },
  'POST /api/v1/shares': { title: 'B show', topics: ['opera'] },
  'PATCH /api/v1/shares/{id}': { title: 'Stolen' },
  'POST /api/v1/shares/{id}/sent': { personId: 'PERSON' },
  'POST /api/v1/shares/{id}/dismiss': { personId: 'PERSON' },
  // [dupes] the other person is unknown to both accounts: only ownership of the first can refuse.
  'POST /api/v1/duplicates/dismiss': { a: 'PERSON', b: '00000000-0000-7000-8000-0000000000ff' },
  'POST /api/v1/merges': { keep: 'PERSON', merge: '00000000-0000-7000-8000-0000000000ff' },
  // [carddav] B creates B's own app password.
  'POST /api/v1/app-passwords': { name: 'b phone' },
  // [interop] B imports into B's own account.
  'POST /api/v1/imports': 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B Imported\r\nEMAIL:alice@owner.example\r\nEND:VCARD\r\n',
  // [organizer] B makes B's own organization; on A's, B tries to become owner, rename it, and add or replace events.
  'POST /api/v1/organizations': { name: 'B chapter' },
  'PATCH /api/v1/organizations/{id}': { name: 'Stolen' },
  'PUT /api/v1/organizations/{id}/members': { email: 'b@example.com', role: 'owner' },
  'POST /api/v1/organizations/{id}/events': { title: 'B gala', startsAt: '2026-03-20T18:00:00Z', timeZone: 'Europe/London' },
  'PUT /api/v1/organizations/{id}/events/{eventId}': { title: 'Stolen gala', startsAt: '2026-03-20T18:00:00Z', timeZone: 'Europe/London', capacity: 1 },
  // [speakers] B tries to add, change, move, invite and introduce A's speakers, and to turn A's nudges off.
  'POST /api/v1/organizations/{id}/speakers': { fullName: 'B speaker' },
  'PATCH /api/v1/organizations/{id}/speakers/{speakerId}': { topic: 'Stolen' },
  'POST /api/v1/organizations/{id}/speakers/{speakerId}/status': { status: 'prospect' },
  'POST /api/v1/organizations/{id}/speakers/{speakerId}/invite': {},
  'POST /api/v1/organizations/{id}/speakers/{speakerId}/introduce': {},
  'PUT /api/v1/organizations/{id}/speaker-settings': { nudgeAfterDays: null },
  'POST /api/v1/organizations/{id}/events/{eventId}/wrap-up': { thankYou: 'Thanks from B' },
  // [door] B tries to make a door link to A's event; the door API itself answers 404 to anyone without a door token.
  'POST /api/v1/organizations/{id}/events/{eventId}/door-links': { label: 'B door' },
  'POST /api/door/actions': { actions: [{ id: 'b-action-0001', kind: 'walk-in', fullName: 'B Walker' }] },
};

/** Routes that do not act on another account's object: they answer for the caller's own account. */
const OWN_ACCOUNT_ROUTES = new Set([
  'POST /api/v1/auth/sign-up',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/sign-out',
  'GET /api/v1/auth/me',
  'GET /api/v1/tokens',
  'POST /api/v1/tokens',
  'GET /api/v1/people',
  'POST /api/v1/people',
  'POST /api/v1/capture/preview',
  'POST /api/v1/capture',
  'GET /api/v1/events',
  'POST /api/v1/events',
  'GET /api/v1/events/current',
  'DELETE /api/v1/events/current',
  'GET /api/v1/follow-ups',
  'GET /api/v1/settings',
  'PATCH /api/v1/settings',
  'GET /api/v1/export',
  // Today's suggestions and the drafted words are the caller's own (the list below checks B sees none of A's).
  'GET /api/v1/suggestions',
  'GET /api/v1/templates',
  'PUT /api/v1/templates/{reason}',
  'DELETE /api/v1/templates/{reason}',
  'POST /api/v1/cards/scan',
  // The digest's settings and preview, and the outbox list, are the caller's own (test/outbox.test.ts checks B sees none of A's).
  'GET /api/v1/digest',
  'PATCH /api/v1/digest',
  'POST /api/v1/digest/preview',
  'GET /api/v1/outbox',
  // The calendar feed is the caller's own: B creates, reads and revokes B's feed (test/calendar-feed.test.ts checks A's survives).
  'GET /api/v1/calendar-feed',
  'POST /api/v1/calendar-feed',
  'DELETE /api/v1/calendar-feed',
  // Things to share: B lists and adds B's own (test/shares.test.ts checks B cannot reach A's).
  'GET /api/v1/shares',
  'POST /api/v1/shares',
  // Duplicates and merges: B lists and merges B's own (test/duplicates.test.ts checks B cannot reach A's).
  'GET /api/v1/duplicates',
  'POST /api/v1/duplicates/merge-certain',
  'GET /api/v1/merges',
  // App passwords: B lists and creates B's own (test/carddav.test.ts checks A's cannot open B's address book).
  'GET /api/v1/app-passwords',
  'POST /api/v1/app-passwords',
  // Imports go into the caller's own account (an e-mail of A's person must not merge into it: checked below).
  'POST /api/v1/imports',
  // Organizations: B lists B's memberships and creates B's own (test/organizer.routes.test.ts checks a non-member gets 404).
  'GET /api/v1/organizations',
  'POST /api/v1/organizations',
]);

function fill(path: string, ids: Ids): string {
  return path
    .replace(/\/people\/\{id\}/, `/people/${ids.person}`)
    .replace(/\/events\/\{id\}/, `/events/${ids.event}`)
    .replace(/\/promises\/\{id\}/, `/promises/${ids.promise}`)
    .replace(/\/tokens\/\{id\}/, `/tokens/${ids.token}`)
    .replace(/\/cards\/scans\/\{id\}/, `/cards/scans/${ids.scan}`)
    .replace(/\/cards\/images\/\{id\}/, `/cards/images/${ids.cardImage}`)
    .replace(/\/outbox\/\{id\}/, `/outbox/${ids.outbox}`)
    .replace(/\/shares\/\{id\}/, `/shares/${ids.share}`)
    .replace(/\/merges\/\{id\}/, `/merges/${ids.merge}`)
    .replace(/\/app-passwords\/\{id\}/, `/app-passwords/${ids.appPassword}`)
    .replace(/\/imports\/\{id\}/, `/imports/${ids.import}`)
    .replace(/\/organizations\/\{id\}/, `/organizations/${ids.organization}`)
    .replace(/\{eventId\}/, ids.hostedEvent)
    .replace(/\{registrationId\}/, ids.registration)
    .replace(/\{speakerId\}/, ids.speaker)
    .replace(/\{linkId\}/, ids.doorLink)
    .replace(/\{accountId\}/, ids.account)
    .replace(/\{commonalityId\}/, ids.commonality)
    // A key naming the first account's thing to share and person: acting on it, setting it aside or dismissing it is a 404.
    .replace(/\{key\}/, encodeURIComponent(`share:${ids.share}:${ids.person}`))
    .replace(/\{reason\}/, 'cadence');
}

describe.each(DIALECTS)('isolation between accounts on %s', (dialect) => {
  let kit: AppKit;
  let a: { headers: Record<string, string> };
  let b: { headers: Record<string, string> };
  let ids: Ids;
  let secrets: string[];

  beforeAll(async () => {
    kit = await createAppKit(dialect, undefined, { cardReader: async () => new StandInReader() });
    a = await signUpWithToken(kit, 'a@example.com');
    b = await signUpWithToken(kit, 'b@example.com');
    const call = (method: 'POST' | 'GET', url: string, payload?: object) => kit.app.inject({ method, url: `/api/v1${url}`, headers: a.headers, ...(payload ? { payload } : {}) });
    const event = (await call('POST', '/events', { name: 'Alice Secret Summit', startsAt: '2026-03-10T18:00:00Z' })).json().event;
    await call('POST', `/events/${event.id}/here`);
    const captured = (await call('POST', '/capture', { text: 'Alice Owner, alice@owner.example, +44 20 7946 0111, loves falconry; promised to send the secret plan' })).json();
    const person = captured.person;
    const tokens = (await call('GET', '/tokens')).json().items;
    const share = (await call('POST', '/shares', { title: 'Alice Secret Falconry Show', topics: ['falconry'] })).json().share;
    const form = await multipart({ front: 'Alice Card\nalice.card@owner.example' });
    const scan = (await kit.app.inject({ method: 'POST', url: '/api/v1/cards/scan', headers: { ...a.headers, ...form.headers }, payload: form.payload })).json().scan;
    // A digest in A's outbox (kept: no SMTP server here).
    const aId = (await kit.store.repos.accounts.findByEmail('a@example.com'))!.id;
    kit.services.mail.configure(createMailer({ outboxDir: null, messageIdDomain: 'kith.test' }));
    await kit.services.mail.digest.updateSettings(aId, { frequency: 'daily', hour: 0 });
    await kit.services.mail.digest.runJob(aId);
    const outbox = (await kit.store.repos.outbox.list(aId, 1, 0))[0]!;
    // A merge of two of A's people (same e-mail), for the undo route.
    const twin = async () => (await call('POST', '/people', { fullName: 'Alice Twin', emails: [{ value: 'alice.twin@owner.example' }] })).json().person.id;
    const merge = (await call('POST', '/merges', { keep: await twin(), merge: await twin() })).json().merge;
    // An organization of A's with an event and a registration from its public page.
    const organization = (await call('POST', '/organizations', { name: 'Alice Secret Chapter' })).json().organization;
    const hostedEvent = (await call('POST', `/organizations/${organization.id}/events`, { title: 'Alice Secret Gala', startsAt: '2026-03-20T18:00:00Z', timeZone: 'Europe/London', capacity: 10, requiresApproval: true })).json().event;
    await kit.services.registrations.rsvp(hostedEvent.publicPath.slice('/e/'.length), { fullName: 'Alice Registrant', email: 'alice.registrant@owner.example' });
    const [registration] = await kit.services.organizer.registrations(aId, organization.id, hostedEvent.id, null);
    // A speaker of A's, invited (an open link, a nudge due later).
    const speaker = (await call('POST', `/organizations/${organization.id}/speakers`, { fullName: 'Alice Secret Speaker', email: 'alice.speaker@owner.example', topic: 'Secret falcon talk', hostedEventId: hostedEvent.id })).json().speaker;
    await call('POST', `/organizations/${organization.id}/speakers/${speaker.id}/invite`, {});
    const door = (await call('POST', `/organizations/${organization.id}/events/${hostedEvent.id}/door-links`, { label: 'Alice door' })).json();
    ids = { account: aId, organization: organization.id, hostedEvent: hostedEvent.id, registration: registration!.id, speaker: speaker.id, doorLink: door.link.id, person: person.id, event: event.id, promise: captured.promises[0].id, commonality: person.commonalities[0].id, token: tokens[0].id, scan: scan.id, cardImage: scan.images[0].id, share: share.id, outbox: outbox.id, merge: merge.id, appPassword: (await kit.services.carddav.createAppPassword(aId, 'A phone')).record.id, import: (await kit.services.imports.import(aId, ['BEGIN:VCARD\r\nFN:Alice Owner\r\nEMAIL:alice@owner.example\r\nEND:VCARD\r\n'])).id! };
    secrets = ['Alice Owner', 'Alice Twin', 'alice.twin@owner.example', 'alice@owner.example', 'alice.card@owner.example', 'falconry', 'secret plan', 'Alice Secret Summit', 'Alice Secret Falconry Show', 'Alice Secret Chapter', 'Alice Secret Gala', 'Alice Registrant', 'alice.registrant@owner.example', registration!.doorCode, 'Alice Secret Speaker', 'alice.speaker@owner.example', 'Secret falcon talk', door.token, ...Object.values(ids)];
  });
  afterAll(() => kit.close());

  it("every route refuses the first account's objects to the second, and shows none of its data", async () => {
    const paths = (kit.app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }).swagger().paths;
    const walked: string[] = [];
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations).map((m) => m.toUpperCase())) {
        const key = `${method} ${path}`;
        const body = key in BODIES ? BODIES[key] : undefined;
        const payload = body === undefined ? undefined : JSON.parse(JSON.stringify(body).replace('PERSON', ids.person));
        const res = await kit.app.inject({
          method: method as 'GET',
          url: fill(path, ids),
          headers: b.headers,
          ...(payload !== undefined ? { payload } : {}),
        });
        walked.push(key);
        if (key === 'POST /api/v1/capture/preview') expect(res.json().possibleDuplicates).toEqual([]);
        expect(res.statusCode, `${key} answered ${res.statusCode}: ${res.body}`).toBeLessThan(500);
        // A 404 may repeat the id the caller sent; nothing else of the first account may appear.
        const mustNotAppear = res.statusCode === 404 ? secrets.filter((s) => !Object.values(ids).includes(s)) : secrets;
        for (const secret of mustNotAppear) expect(res.body, `${key} leaked ${secret}`).not.toContain(secret);
        if (!OWN_ACCOUNT_ROUTES.has(key)) {
          expect(res.statusCode, `${key} answered ${res.statusCode}: ${res.body}`).toBe(404);
        }
      }
    }
    expect(walked.length).toBeGreaterThanOrEqual(30);
    // Everything of the first account is still there, unchanged.
    const detail = (await kit.app.inject({ method: 'GET', url: `/api/v1/people/${ids.person}`, headers: a.headers })).json();
    expect(detail.person).toMatchObject({ fullName: 'Alice Owner', title: null, stage: 'met' });
    expect(detail.promises[0].doneAt).toBeNull();
    expect(detail.interactions.map((i: { kind: string }) => i.kind)).toEqual(['met']);
    const tokens = (await kit.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: a.headers })).json().items;
    expect(tokens[0].revokedAt).toBeNull();
    expect((await kit.app.inject({ method: 'GET', url: `/api/v1/events/${ids.event}`, headers: a.headers })).json().event.name).toBe('Alice Secret Summit');
    const organization = (await kit.app.inject({ method: 'GET', url: `/api/v1/organizations/${ids.organization}`, headers: a.headers })).json();
    expect(organization.organization.name).toBe('Alice Secret Chapter');
    expect(organization.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([['a@example.com', 'owner']]);
    const gala = (await kit.app.inject({ method: 'GET', url: `/api/v1/organizations/${ids.organization}/events/${ids.hostedEvent}`, headers: a.headers })).json().event;
    expect(gala).toMatchObject({ title: 'Alice Secret Gala', capacity: 10, cancelledAt: null, counts: { pending: 1 } });
    expect((await kit.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: a.headers })).json().items).toHaveLength(1);
    const speaker = (await kit.app.inject({ method: 'GET', url: `/api/v1/organizations/${ids.organization}/speakers/${ids.speaker}`, headers: a.headers })).json().speaker;
    expect(speaker).toMatchObject({ fullName: 'Alice Secret Speaker', topic: 'Secret falcon talk', status: 'invited', invitation: { revokedAt: null, nudgeAt: '2026-03-15T12:00:00.000Z' } });
    expect((await kit.app.inject({ method: 'GET', url: `/api/v1/organizations/${ids.organization}/speaker-settings`, headers: a.headers })).json()).toEqual({ nudgeAfterDays: 5 });
    const doorLinks = (await kit.app.inject({ method: 'GET', url: `/api/v1/organizations/${ids.organization}/events/${ids.hostedEvent}/door-links`, headers: a.headers })).json().items;
    expect(doorLinks.map((l: { label: string; state: string }) => [l.label, l.state])).toEqual([['Alice door', 'active']]);
  });

  it("the second account's search and lists never show the first account's people", async () => {
    for (const url of ['/api/v1/people?q=alice', '/api/v1/people?q=falc', '/api/v1/people', '/api/v1/follow-ups', '/api/v1/suggestions', '/api/v1/templates', '/api/v1/export', `/api/v1/people?eventId=${ids.event}`, '/api/v1/people?topic=falconry', '/api/v1/duplicates', '/api/v1/merges', '/api/v1/export?format=vcard', '/api/v1/export?format=csv', '/api/v1/organizations']) {
      const res = await kit.app.inject({ method: 'GET', url, headers: b.headers });
      expect(res.statusCode).toBe(200);
      for (const secret of secrets) expect(res.body, `${url} leaked ${secret}`).not.toContain(secret);
    }
  });

  it("the second account cannot attach the first account's person to its own event", async () => {
    const own = (await kit.app.inject({ method: 'POST', url: '/api/v1/events', headers: b.headers, payload: { name: 'B meetup', startsAt: '2026-03-10T18:00:00Z' } })).json().event;
    const res = await kit.app.inject({ method: 'POST', url: `/api/v1/events/${own.id}/people`, headers: b.headers, payload: { personId: ids.person } });
    expect(res.statusCode).toBe(404);
    const capture = await kit.app.inject({ method: 'POST', url: '/api/v1/capture', headers: b.headers, payload: { text: 'Someone', eventId: ids.event } });
    expect(capture.statusCode).toBe(404);
  });
});
