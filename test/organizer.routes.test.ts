// The organizer's API through inject, on both databases: organizations and their members, hosted events, the
// registrations list with approval, and the CSV export; what a non-member (404) and door staff (403) get.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailKit, type MailKit } from './mail-kit.js';
import { apiAs, DIALECTS, signUpWithToken } from './helpers.js';

const MIXER = { title: 'March mixer', description: 'Drinks and a talk.', startsAt: '2026-03-10T18:00:00Z', endsAt: '2026-03-10T20:00:00Z', timeZone: 'Europe/London', place: 'The Old Mill', capacity: 40 };

describe.each(DIALECTS)('the organizer API on %s', (dialect) => {
  let kit: MailKit;
  const headers: Record<string, Record<string, string>> = {};
  const accounts: Record<string, string> = {};
  const as = (who: string) => apiAs(() => kit, () => headers[who]!);
  const owner = as('owner');
  const door = as('door');
  const outsider = as('outsider');
  let orgId: string;

  beforeAll(async () => {
    kit = await createMailKit(dialect, '2026-03-01T09:00:00Z');
    for (const who of ['owner', 'helper', 'door', 'outsider', 'leaver']) {
      const account = await signUpWithToken(kit, `${who}@chamber.example`);
      headers[who] = account.headers;
      accounts[who] = account.accountId;
    }
    const created = await owner('POST', '/organizations', { name: 'Riverside Chamber' });
    expect(created.statusCode, created.body).toBe(201);
    orgId = created.json().organization.id;
    for (const [who, role] of [['helper', 'organizer'], ['door', 'door'], ['leaver', 'door']]) {
      expect((await owner('PUT', `/organizations/${orgId}/members`, { email: `${who}@chamber.example`, role })).statusCode).toBe(200);
    }
  });
  afterAll(() => kit?.close());

  const newEvent = async (body: object = MIXER) => {
    const res = await owner('POST', `/organizations/${orgId}/events`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().event as { id: string; publicPath: string; seriesId: string };
  };
  const rsvp = (event: { publicPath: string }, input: { fullName: string; email: string; company?: string; answers?: Record<string, string> }) =>
    kit.services.registrations.rsvp(event.publicPath.slice('/e/'.length), input);

  it('an owner creates an organization and names its members; each member sees it with their own role', async () => {
    expect((await owner('GET', '/organizations')).json()).toEqual({ items: [{ id: orgId, name: 'Riverside Chamber', createdAt: '2026-03-01T09:00:00.000Z', role: 'owner' }] });
    expect((await door('GET', '/organizations')).json().items.map((o: { role: string }) => o.role)).toEqual(['door']);
    const detail = (await door('GET', `/organizations/${orgId}`)).json();
    expect(detail.organization).toMatchObject({ name: 'Riverside Chamber', role: 'door' });
    expect(detail.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['owner@chamber.example', 'owner'],
      ['helper@chamber.example', 'organizer'],
      ['door@chamber.example', 'door'],
      ['leaver@chamber.example', 'door'],
    ]);
    const renamed = await owner('PATCH', `/organizations/${orgId}`, { name: 'Riverside Chamber of Commerce' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().organization).toMatchObject({ name: 'Riverside Chamber of Commerce', role: 'owner' });
    expect((await door('PATCH', `/organizations/${orgId}`, { name: 'Taken over' })).json().error.code).toBe('KITH_ORGANIZATION_FORBIDDEN');
    const unknown = await owner('PUT', `/organizations/${orgId}/members`, { email: 'nobody@example.com', role: 'door' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'KITH_ACCOUNT_NOT_FOUND']);
  });

  it('a member may leave, the last owner can be neither demoted nor removed', async () => {
    const left = await as('leaver')('DELETE', `/organizations/${orgId}/members/${accounts.leaver}`);
    expect(left.statusCode, left.body).toBe(204);
    expect((await as('leaver')('GET', `/organizations/${orgId}`)).statusCode).toBe(404);
    expect((await door('DELETE', `/organizations/${orgId}/members/${accounts.helper}`)).statusCode).toBe(403);
    const demoted = await owner('PUT', `/organizations/${orgId}/members`, { email: 'owner@chamber.example', role: 'organizer' });
    expect([demoted.statusCode, demoted.json().error.code]).toEqual([409, 'KITH_ORGANIZATION_LAST_OWNER']);
    const removed = await owner('DELETE', `/organizations/${orgId}/members/${accounts.owner}`);
    expect([removed.statusCode, removed.json().error.code]).toEqual([409, 'KITH_ORGANIZATION_LAST_OWNER']);
    const gone = await owner('DELETE', `/organizations/${orgId}/members/${accounts.outsider}`);
    expect([gone.statusCode, gone.json().error.code]).toEqual([404, 'KITH_MEMBER_NOT_FOUND']);
  });

  it("organizers create, list, read, replace, clone and cancel events; door staff can do none of it", async () => {
    const event = await newEvent({ ...MIXER, questions: [{ id: 'diet', label: 'Dietary needs', required: false }] });
    expect(event).toMatchObject({
      organizationId: orgId,
      title: 'March mixer',
      capacity: 40,
      claimHours: 24,
      requiresApproval: false,
      cancelledAt: null,
      questions: [{ id: 'diet', label: 'Dietary needs', required: false }],
      counts: { confirmed: 0, waitlisted: 0, offered: 0, pending: 0, unconfirmed: 0, cancelled: 0, declined: 0, checkedIn: 0 },
    });
    expect(event.publicPath).toMatch(/^\/e\/[A-Za-z0-9_-]{12}$/);
    const helper = as('helper');
    expect((await helper('GET', `/organizations/${orgId}/events`)).json().items.map((e: { id: string }) => e.id)).toContain(event.id);
    expect((await helper('GET', `/organizations/${orgId}/events?limit=1&offset=0`)).json().items).toHaveLength(1);
    await rsvp(event, { fullName: 'Ada Lovelace', email: 'ada@example.com' });
    expect((await helper('GET', `/organizations/${orgId}/events/${event.id}`)).json().event.counts.confirmed).toBe(1);

    const replaced = await helper('PUT', `/organizations/${orgId}/events/${event.id}`, { ...MIXER, title: 'March mixer & talk', capacity: 60 });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().event).toMatchObject({ title: 'March mixer & talk', capacity: 60, questions: [], publicPath: event.publicPath });
    const partial = await helper('PUT', `/organizations/${orgId}/events/${event.id}`, { capacity: 80 });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['title', 'startsAt', 'timeZone']));

    const next = await helper('POST', `/organizations/${orgId}/events/${event.id}/clone-next-month`);
    expect(next.statusCode, next.body).toBe(201);
    // The 2nd Tuesday of March at 18:00 GMT is the 2nd Tuesday of April at 18:00 BST.
    expect(next.json().event).toMatchObject({ title: 'March mixer & talk', startsAt: '2026-04-14T17:00:00.000Z', seriesId: event.seriesId, counts: { confirmed: 0 } });

    const cancelled = await helper('POST', `/organizations/${orgId}/events/${event.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().event.cancelledAt).toBe('2026-03-01T09:00:00.000Z');

    const refused = [
      await door('GET', `/organizations/${orgId}/events`),
      await door('POST', `/organizations/${orgId}/events`, MIXER),
      await door('GET', `/organizations/${orgId}/events/${event.id}`),
      await door('PUT', `/organizations/${orgId}/events/${event.id}`, MIXER),
      await door('POST', `/organizations/${orgId}/events/${event.id}/clone-next-month`),
      await door('POST', `/organizations/${orgId}/events/${event.id}/cancel`),
      await door('GET', `/organizations/${orgId}/events/${event.id}/registrations`),
      await door('GET', `/organizations/${orgId}/events/${event.id}/registrations.csv`),
    ];
    for (const res of refused) expect([res.statusCode, res.json().error.code], res.body).toEqual([403, 'KITH_ORGANIZATION_FORBIDDEN']);
    expect(refused.some((res) => res.body.includes('Ada'))).toBe(false);
  });

  it('bad input answers 400 and names the field', async () => {
    const issuesOf = async (body: object) => {
      const res = await owner('POST', `/organizations/${orgId}/events`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('KITH_VALIDATION');
      return res.json().error.details.issues as { path: string; message: string }[];
    };
    expect(await issuesOf({ ...MIXER, capacity: 0 })).toEqual([{ path: 'capacity', message: 'a whole number of seats from 1 to 100000, or none for no limit' }]);
    expect(await issuesOf({ ...MIXER, timeZone: 'Mars/Olympus_Mons' })).toEqual([{ path: 'timeZone', message: '"Mars/Olympus_Mons" is not a time zone (e.g. Europe/London)' }]);
    expect(await issuesOf({ ...MIXER, endsAt: '2026-03-10T17:00:00Z' })).toEqual([{ path: 'endsAt', message: 'the end comes after the start' }]);
    const twice = [{ id: 'diet', label: 'Dietary needs', required: false }, { id: 'diet', label: 'Allergies', required: true }];
    expect(await issuesOf({ ...MIXER, questions: twice })).toEqual([{ path: 'questions[1].id', message: 'the id "diet" is used twice' }]);
    expect((await issuesOf({ ...MIXER, startsAt: 'next Tuesday' })).map((i) => i.path)).toEqual(['startsAt']);
    expect((await issuesOf({ ...MIXER, link: 'ftp://example.com' })).map((i) => i.path)).toEqual(['link']);
    expect(await issuesOf({ ...MIXER, claimHours: 500 })).toEqual([{ path: 'claimHours', message: 'from 1 to 168 hours' }]);
    expect((await issuesOf({ ...MIXER, seats: 3 })).map((i) => i.path)).toEqual(['seats']);

    const blankName = await owner('POST', '/organizations', { name: '   ' });
    expect([blankName.statusCode, blankName.json().error.details.issues[0].path]).toEqual([400, 'name']);
    const role = await owner('PUT', `/organizations/${orgId}/members`, { email: 'door@chamber.example', role: 'king' });
    expect([role.statusCode, role.json().error.details.issues[0].path]).toEqual([400, 'role']);
    const status = await owner('GET', `/organizations/${orgId}/events/${orgId}/registrations?status=maybe`);
    expect([status.statusCode, status.json().error.details.issues[0].path]).toEqual([400, 'querystring.status']);
  });

  it('lists registrations by status with their door codes and never a link token; approves and declines them', async () => {
    const event = await newEvent({ ...MIXER, title: 'Board dinner', capacity: 1, requiresApproval: true });
    const [eve, fay, gus] = [
      await rsvp(event, { fullName: 'Eve Adams', email: 'eve@example.com' }),
      await rsvp(event, { fullName: 'Fay Baker', email: 'fay@example.com' }),
      await rsvp(event, { fullName: 'Gus Cole', email: 'gus@example.com' }),
    ];
    const list = await owner('GET', `/organizations/${orgId}/events/${event.id}/registrations?status=pending`);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; fullName: string; status: string; doorCode: string }[];
    expect(items.map((r) => [r.fullName, r.status])).toEqual([['Eve Adams', 'pending'], ['Fay Baker', 'pending'], ['Gus Cole', 'pending']]);
    expect(items[0]).toMatchObject({ email: 'eve@example.com', hostedEventId: event.id, answers: {}, listed: false, checkedInAt: null });
    expect(items[0]!.doorCode).toMatch(/^kith-door-/);
    for (const token of [eve!.token, fay!.token, gus!.token]) expect(list.body).not.toContain(token);
    expect(list.body).not.toMatch(/token/i);

    const decide = (id: string, what: 'approve' | 'decline', caller = owner) => caller('POST', `/organizations/${orgId}/registrations/${id}/${what}`);
    expect((await decide(items[0]!.id, 'approve')).json().registration).toMatchObject({ fullName: 'Eve Adams', status: 'confirmed' });
    expect((await decide(items[1]!.id, 'approve')).json().registration.status).toBe('waitlisted');
    expect((await decide(items[2]!.id, 'decline')).json().registration.status).toBe('declined');
    const again = await decide(items[2]!.id, 'approve');
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'KITH_REGISTRATION_NOT_PENDING']);
    expect((await decide(items[1]!.id, 'decline', door)).statusCode).toBe(403);
    expect((await decide('00000000-0000-7000-8000-00000000ffff', 'approve')).json().error.code).toBe('KITH_REGISTRATION_NOT_FOUND');

    expect((await owner('GET', `/organizations/${orgId}/events/${event.id}/registrations`)).json().items.map((r: { status: string }) => r.status)).toEqual(['confirmed', 'waitlisted', 'declined']);
    expect((await owner('GET', `/organizations/${orgId}/events/${event.id}`)).json().event.counts).toMatchObject({ confirmed: 1, waitlisted: 1, declined: 1, pending: 0 });
  });

  it('exports the registrations as CSV, a column per question, with no cell a spreadsheet would run', async () => {
    const event = await newEvent({ ...MIXER, title: 'Café & Talk: "AI"', questions: [{ id: 'diet', label: 'Dietary needs', required: false }] });
    await rsvp(event, { fullName: '=HYPERLINK("https://evil.example","click")', email: 'mallory@example.com', company: '+44 20 7946 0000', answers: { diet: 'vegetarian, no nuts' } });
    await rsvp(event, { fullName: 'Ada Lovelace', email: 'ada@example.com', company: 'Engines Ltd' });
    const res = await owner('GET', `/organizations/${orgId}/events/${event.id}/registrations.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="registrations-2026-03-10-cafe-talk-ai.csv"');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Name,E-mail,Company,Title,Badge name,Status,Registered at,Checked in at,Dietary needs');
    expect(lines[1]).toBe(`"'=HYPERLINK(""https://evil.example"",""click"")",mallory@example.com,'+44 20 7946 0000,,,confirmed,2026-03-01T09:00:00.000Z,,"vegetarian, no nuts"`);
    expect(lines[2]).toBe('Ada Lovelace,ada@example.com,Engines Ltd,,,confirmed,2026-03-01T09:00:00.000Z,,');
    expect(lines[3]).toBe('');
  });

  it('a non-member gets 404 on every organization route, never 403 and never its data', async () => {
    const event = await newEvent({ ...MIXER, title: 'Members only' });
    await rsvp(event, { fullName: 'Hidden Person', email: 'hidden@example.com' });
    const [registration] = await kit.services.organizer.registrations(accounts.owner!, orgId, event.id, null);
    const org = `/organizations/${orgId}`;
    const calls: [Parameters<typeof outsider>[0], string, object?][] = [
      ['GET', org],
      ['PATCH', org, { name: 'Mine now' }],
      ['PUT', `${org}/members`, { email: 'outsider@chamber.example', role: 'owner' }],
      ['DELETE', `${org}/members/${accounts.door}`],
      ['GET', `${org}/events`],
      ['POST', `${org}/events`, MIXER],
      ['GET', `${org}/events/${event.id}`],
      ['PUT', `${org}/events/${event.id}`, MIXER],
      ['POST', `${org}/events/${event.id}/clone-next-month`],
      ['POST', `${org}/events/${event.id}/cancel`],
      ['GET', `${org}/events/${event.id}/registrations`],
      ['GET', `${org}/events/${event.id}/registrations.csv`],
      ['POST', `${org}/registrations/${registration!.id}/approve`],
      ['POST', `${org}/registrations/${registration!.id}/decline`],
    ];
    for (const [method, url, body] of calls) {
      const res = await outsider(method, url, body);
      expect([res.statusCode, res.json().error.code], `${method} ${url}: ${res.body}`).toEqual([404, 'KITH_ORGANIZATION_NOT_FOUND']);
      for (const secret of ['Riverside', 'Members only', 'Hidden Person', 'hidden@example.com']) expect(res.body).not.toContain(secret);
    }
    expect((await outsider('GET', '/organizations')).json().items).toEqual([]);
    // Nothing changed.
    expect((await owner('GET', `${org}/events/${event.id}`)).json().event).toMatchObject({ title: 'Members only', cancelledAt: null });
    expect((await owner('GET', org)).json().members).toHaveLength(3);
  });

  it("the owner of another organization cannot reach this one's events or registrations through their own", async () => {
    const event = await newEvent({ ...MIXER, title: 'Not yours' });
    await rsvp(event, { fullName: 'Hidden Person', email: 'hidden2@example.com' });
    const [registration] = await kit.services.organizer.registrations(accounts.owner!, orgId, event.id, null);
    const created = await outsider('POST', '/organizations', { name: 'Upstream Guild' });
    expect(created.statusCode).toBe(201);
    const own = `/organizations/${created.json().organization.id}`;
    const calls: [Parameters<typeof outsider>[0], string, object?][] = [
      ['GET', `${own}/events/${event.id}`],
      ['PUT', `${own}/events/${event.id}`, MIXER],
      ['POST', `${own}/events/${event.id}/clone-next-month`],
      ['POST', `${own}/events/${event.id}/cancel`],
      ['GET', `${own}/events/${event.id}/registrations`],
      ['GET', `${own}/events/${event.id}/registrations.csv`],
      ['POST', `${own}/registrations/${registration!.id}/approve`],
      ['POST', `${own}/registrations/${registration!.id}/decline`],
    ];
    for (const [method, url, body] of calls) {
      const res = await outsider(method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
      expect(['KITH_HOSTED_EVENT_NOT_FOUND', 'KITH_REGISTRATION_NOT_FOUND']).toContain(res.json().error.code);
      for (const secret of ['Not yours', 'Hidden Person', 'hidden2@example.com']) expect(res.body).not.toContain(secret);
    }
    expect((await outsider('GET', `${own}/events`)).json().items).toEqual([]);
    expect((await owner('GET', `/organizations/${orgId}/events/${event.id}`)).json().event).toMatchObject({ title: 'Not yours', cancelledAt: null, counts: { confirmed: 1 } });
  });
});
