// Door check-in through the app, on both databases: an organizer's door links (create, list, revoke), what a link
// opens (its event's list only: 404 unknown, 410 revoked or expired), check-ins by name and by QR code, undo,
// walk-ins over capacity, replays of a queued action after bad Wi-Fi, two phones checking in one person at once,
// and the printable badges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailKit, type MailKit } from './mail-kit.js';
import { apiAs, DIALECTS, signUpWithToken } from './helpers.js';

const MIXER = { title: 'March mixer', startsAt: '2026-03-10T18:00:00Z', endsAt: '2026-03-10T21:00:00Z', timeZone: 'Europe/London', place: 'The Old Mill', capacity: 3 };
type Person = { id: string; fullName: string; company: string | null; status: string; checkedInAt: string | null };
type Result = { id: string; outcome: string; person: Person | null; error: { code: string; message: string } | null };

describe.each(DIALECTS)('door check-in on %s', (dialect) => {
  let kit: MailKit;
  let ownerId: string;
  const headers: Record<string, Record<string, string>> = {};
  const as = (who: string) => apiAs(() => kit, () => headers[who]!);
  const owner = as('owner');
  const doorStaff = as('door');
  const outsider = as('outsider');
  let orgId: string;
  let seq = 0;
  const clientId = () => `phone-action-${String(++seq).padStart(4, '0')}`;

  const newEvent = async (body: object = MIXER) => {
    const res = await owner('POST', `/organizations/${orgId}/events`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().event as { id: string; publicPath: string };
  };
  const rsvp = (event: { publicPath: string }, fullName: string, email: string, company?: string) =>
    kit.services.registrations.rsvp(event.publicPath.slice(3), { fullName, email, company, badgeName: fullName.split(' ')[0] });
  const newLink = async (eventId: string, label?: string) => {
    const res = await owner('POST', `/organizations/${orgId}/events/${eventId}/door-links`, label ? { label } : {});
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { link: { id: string; state: string; expiresAt: string }; token: string; path: string };
  };
  const list = (token: string, extra: Record<string, string> = {}) => kit.app.inject({ method: 'GET', url: '/api/door/list', headers: { 'x-door-token': token, ...extra } });
  const act = async (token: string, actions: object[]): Promise<Result[]> => {
    const res = await kit.app.inject({ method: 'POST', url: '/api/door/actions', headers: { 'x-door-token': token }, payload: { actions } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().results as Result[];
  };
  const registration = async (eventId: string, fullName: string) => (await kit.services.organizer.registrations(ownerId, orgId, eventId, null)).find((r) => r.fullName === fullName)!;

  beforeAll(async () => {
    kit = await createMailKit(dialect, '2026-03-10T17:00:00Z');
    for (const who of ['owner', 'door', 'outsider']) {
      const account = await signUpWithToken(kit, `${who}@chamber.example`);
      headers[who] = account.headers;
      if (who === 'owner') ownerId = account.accountId;
    }
    orgId = (await owner('POST', '/organizations', { name: 'Riverside Chamber' })).json().organization.id;
    await owner('PUT', `/organizations/${orgId}/members`, { email: 'door@chamber.example', role: 'door' });
  });
  afterAll(() => kit?.close());

  it('an organizer makes a door link that opens the door list without an account, lists it without its token, and revokes it: 410', async () => {
    const event = await newEvent();
    await rsvp(event, 'Ada Lovelace', 'ada@example.com', 'Engines Ltd');
    const made = await newLink(event.id, 'Front desk');
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.path).toBe(`/door/${made.token}`);
    // 12 hours after the event ends.
    expect(made.link).toMatchObject({ label: 'Front desk', state: 'active', expiresAt: '2026-03-11T09:00:00.000Z', revokedAt: null });

    const opened = await list(made.token);
    expect(opened.statusCode, opened.body).toBe(200);
    const body = opened.json();
    expect(body.event).toMatchObject({ title: 'March mixer', organizationName: 'Riverside Chamber', place: 'The Old Mill', cancelled: false });
    expect(body.people).toEqual([{ id: expect.any(String), fullName: 'Ada Lovelace', company: 'Engines Ltd', title: null, badgeName: 'Ada', status: 'confirmed', checkedInAt: null }]);
    // Door staff see no e-mail, no answers, no door code.
    expect(opened.body).not.toContain('ada@example.com');
    expect(opened.body).not.toContain('kith-door-');

    const links = await owner('GET', `/organizations/${orgId}/events/${event.id}/door-links`);
    expect(links.json().items).toEqual([expect.objectContaining({ id: made.link.id, label: 'Front desk', state: 'active' })]);
    expect(links.body).not.toContain(made.token);
    // Door staff and outsiders cannot make links: 403 and 404.
    expect((await doorStaff('POST', `/organizations/${orgId}/events/${event.id}/door-links`, {})).statusCode).toBe(403);
    expect((await outsider('POST', `/organizations/${orgId}/events/${event.id}/door-links`, {})).statusCode).toBe(404);
    expect((await outsider('POST', `/organizations/${orgId}/door-links/${made.link.id}/revoke`)).statusCode).toBe(404);
    expect((await list(made.token)).statusCode).toBe(200);

    const revoked = await owner('POST', `/organizations/${orgId}/door-links/${made.link.id}/revoke`);
    expect(revoked.json().link).toMatchObject({ state: 'revoked', revokedAt: '2026-03-10T17:00:00.000Z' });
    const gone = await list(made.token);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('KITH_DOOR_LINK_REVOKED');
    const goneActions = await kit.app.inject({ method: 'POST', url: '/api/door/actions', headers: { 'x-door-token': made.token }, payload: { actions: [{ id: clientId(), kind: 'walk-in', fullName: 'Sneaky' }] } });
    expect(goneActions.statusCode).toBe(410);
    expect((await list('A'.repeat(43))).json().error.code).toBe('KITH_DOOR_LINK_NOT_FOUND');
    expect((await kit.app.inject({ method: 'GET', url: '/api/door/list' })).statusCode).toBe(404);
    expect((await registration(event.id, 'Ada Lovelace')).checkedInAt).toBeNull();
  });

  it('a link ends 12 hours after its event ends (410), and none is made for an event over that long', async () => {
    const event = await newEvent({ ...MIXER, title: 'Short one' });
    const made = await newLink(event.id);
    kit.clock.set('2026-03-11T08:59:59Z');
    expect((await list(made.token)).statusCode).toBe(200);
    kit.clock.set('2026-03-11T09:00:00Z');
    const expired = await list(made.token);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('KITH_DOOR_LINK_EXPIRED');
    expect((await owner('GET', `/organizations/${orgId}/events/${event.id}/door-links`)).json().items[0].state).toBe('expired');
    const late = await owner('POST', `/organizations/${orgId}/events/${event.id}/door-links`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('KITH_EVENT_OVER');
    kit.clock.set('2026-03-10T17:00:00Z');
  });

  it('checks in by registration id and by QR code, refuses the waitlisted unless let in, undoes, and keeps the list version', async () => {
    const event = await newEvent({ ...MIXER, title: 'Check-in night', capacity: 2 });
    await rsvp(event, 'Ada Lovelace', 'ada@example.com');
    await rsvp(event, 'Bob Babbage', 'bob@example.com');
    await rsvp(event, 'Cy Young', 'cy@example.com');
    const { token } = await newLink(event.id);
    const first = await list(token);
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"${first.json().version}"`);
    expect((await list(token, { 'if-none-match': etag })).statusCode).toBe(304);
    const people = first.json().people as Person[];
    expect(people.map((p) => [p.fullName, p.status])).toEqual([['Ada Lovelace', 'confirmed'], ['Bob Babbage', 'confirmed'], ['Cy Young', 'waitlisted']]);
    const [ada, bob, cy] = people as [Person, Person, Person];

    const bobCode = (await registration(event.id, 'Bob Babbage')).doorCode;
    const results = await act(token, [
      { id: clientId(), kind: 'check-in', registrationId: ada.id },
      { id: clientId(), kind: 'check-in', doorCode: bobCode },
      { id: clientId(), kind: 'check-in', doorCode: 'kith-door-not-a-code' },
      { id: clientId(), kind: 'check-in', registrationId: cy.id },
    ]);
    expect(results.map((r) => [r.outcome, r.person?.fullName ?? null, r.error?.code ?? null])).toEqual([
      ['checked-in', 'Ada Lovelace', null],
      ['checked-in', 'Bob Babbage', null],
      ['refused', null, 'KITH_DOOR_REGISTRATION_NOT_FOUND'],
      ['refused', 'Cy Young', 'KITH_DOOR_NOT_CONFIRMED'],
    ]);
    expect(results[0]!.person!.checkedInAt).toBe('2026-03-10T17:00:00.000Z');
    // The list changed: the old version no longer matches.
    const after = await list(token, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.json().people.filter((p: Person) => p.checkedInAt).map((p: Person) => p.fullName)).toEqual(['Ada Lovelace', 'Bob Babbage']);

    // Let in anyway: Cy is confirmed (over capacity) and checked in.
    const [letIn] = await act(token, [{ id: clientId(), kind: 'check-in', registrationId: cy.id, admit: true }]);
    expect(letIn!.person).toMatchObject({ status: 'confirmed', checkedInAt: expect.any(String) });
    const [undone, again] = await act(token, [
      { id: clientId(), kind: 'undo', registrationId: bob.id },
      { id: clientId(), kind: 'undo', registrationId: bob.id },
    ]);
    expect([undone!.outcome, again!.outcome]).toEqual(['undone', 'not-in']);
    expect((await registration(event.id, 'Bob Babbage')).checkedInAt).toBeNull();
    const counts = (await owner('GET', `/organizations/${orgId}/events/${event.id}`)).json().event.counts;
    expect(counts).toMatchObject({ confirmed: 3, waitlisted: 0, checkedIn: 2 });
  });

  it("a link of one event cannot touch another event's registrations, by id or by QR code", async () => {
    const mine = await newEvent({ ...MIXER, title: 'Mine' });
    const other = await newEvent({ ...MIXER, title: 'Other' });
    await rsvp(other, 'Olga Other', 'olga@example.com');
    const olga = await registration(other.id, 'Olga Other');
    const { token } = await newLink(mine.id);
    const results = await act(token, [
      { id: clientId(), kind: 'check-in', registrationId: olga.id },
      { id: clientId(), kind: 'check-in', doorCode: olga.doorCode },
      { id: clientId(), kind: 'undo', registrationId: olga.id },
    ]);
    expect(results.map((r) => [r.outcome, r.error?.code, r.person])).toEqual([
      ['refused', 'KITH_DOOR_REGISTRATION_NOT_FOUND', null],
      ['refused', 'KITH_DOOR_REGISTRATION_NOT_FOUND', null],
      ['refused', 'KITH_DOOR_REGISTRATION_NOT_FOUND', null],
    ]);
    expect((await list(token)).body).not.toContain('Olga');
    expect((await registration(other.id, 'Olga Other')).checkedInAt).toBeNull();
  });

  it('a queued action replayed after bad Wi-Fi is done once and answered the same; an old undo never undoes a later check-in', async () => {
    const event = await newEvent({ ...MIXER, title: 'Bad Wi-Fi night' });
    await rsvp(event, 'Ada Lovelace', 'ada@example.com');
    const { token } = await newLink(event.id);
    const ada = (await list(token)).json().people[0] as Person;
    const checkIn = { id: clientId(), kind: 'check-in', registrationId: ada.id };
    const undo = { id: clientId(), kind: 'undo', registrationId: ada.id };
    const walkIn = { id: clientId(), kind: 'walk-in', fullName: 'Wally Walker', company: 'Walks Inc' };
    const first = await act(token, [checkIn, undo, walkIn]);
    expect(first.map((r) => r.outcome)).toEqual(['checked-in', 'undone', 'walked-in']);
    kit.clock.set('2026-03-10T17:05:00Z');
    const checkInAgain = { id: clientId(), kind: 'check-in', registrationId: ada.id };
    expect((await act(token, [checkInAgain]))[0]!.outcome).toBe('checked-in');
    // The phone never heard the first answer: it sends the whole queue again.
    const replay = await act(token, [checkIn, undo, walkIn]);
    expect(replay).toEqual(first);
    const people = (await list(token)).json().people as Person[];
    expect(people.map((p) => [p.fullName, p.checkedInAt])).toEqual([['Ada Lovelace', '2026-03-10T17:05:00.000Z'], ['Wally Walker', '2026-03-10T17:00:00.000Z']]);
    kit.clock.set('2026-03-10T17:00:00Z');
  });

  it('two phones checking in the same person at the same instant make one check-in; the same action sent twice at once is one', async () => {
    const event = await newEvent({ ...MIXER, title: 'Busy door', capacity: null });
    for (let i = 0; i < 5; i++) await rsvp(event, `Guest ${i}`, `guest${i}@example.com`);
    const phoneA = (await newLink(event.id, 'Phone A')).token;
    const phoneB = (await newLink(event.id, 'Phone B')).token;
    const people = (await list(phoneA)).json().people as Person[];
    const results = await Promise.all(people.flatMap((p) => [act(phoneA, [{ id: clientId(), kind: 'check-in', registrationId: p.id }]), act(phoneB, [{ id: clientId(), kind: 'check-in', registrationId: p.id }])]));
    const outcomes = results.flat().map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'checked-in')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'already-in')).toHaveLength(5);
    // One walk-in sent twice at once (a retry racing the original): one person.
    const walkIn = { id: clientId(), kind: 'walk-in', fullName: 'Racing Rita' };
    const [one, two] = await Promise.all([act(phoneA, [walkIn]), act(phoneA, [walkIn])]);
    expect(one).toEqual(two);
    const after = (await list(phoneB)).json().people as Person[];
    expect(after.filter((p) => p.fullName === 'Racing Rita')).toHaveLength(1);
    expect(after.every((p) => p.checkedInAt)).toBe(true);
    const rows = await kit.store.db.selectFrom('door_actions').select(['client_id']).where('hosted_event_id', '=', event.id).execute();
    expect(rows).toHaveLength(11);
  });

  it('a walk-in is confirmed and checked in even over capacity; an e-mail already registered is that registration', async () => {
    const event = await newEvent({ ...MIXER, title: 'Full house', capacity: 1 });
    await rsvp(event, 'Ada Lovelace', 'ada@example.com');
    await rsvp(event, 'Wendy Waiting', 'wendy@example.com');
    const { token } = await newLink(event.id);
    const results = await act(token, [
      { id: clientId(), kind: 'walk-in', fullName: ' Nia Newcomer ', company: 'Startup Co' },
      { id: clientId(), kind: 'walk-in', fullName: 'Nameless Twin' },
      { id: clientId(), kind: 'walk-in', fullName: 'Nameless Twin' },
      { id: clientId(), kind: 'walk-in', fullName: 'Wendy W.', email: 'WENDY@example.com' },
      { id: clientId(), kind: 'walk-in', fullName: 'Bad Mail', email: 'not-an-address' },
    ]);
    expect(results.map((r) => [r.outcome, r.person?.fullName ?? null, r.person?.status ?? null])).toEqual([
      ['walked-in', 'Nia Newcomer', 'confirmed'],
      ['walked-in', 'Nameless Twin', 'confirmed'],
      ['walked-in', 'Nameless Twin', 'confirmed'],
      ['walked-in', 'Wendy Waiting', 'confirmed'],
      ['refused', null, null],
    ]);
    expect(results[4]!.error!.code).toBe('KITH_VALIDATION');
    const event2 = (await owner('GET', `/organizations/${orgId}/events/${event.id}`)).json().event;
    expect(event2.counts).toMatchObject({ confirmed: 5, waitlisted: 0, checkedIn: 4 });
    const nia = await registration(event.id, 'Nia Newcomer');
    expect(nia).toMatchObject({ company: 'Startup Co', email: '', status: 'confirmed' });
    expect(nia.doorCode).toMatch(/^kith-door-/);
  });

  it('prints the confirmed registrants on A4 label sheets of 2 × 7, escaped, for organizers only', async () => {
    const event = await newEvent({ ...MIXER, title: 'Badge night', capacity: 20 });
    for (let i = 0; i < 15; i++) await kit.services.registrations.rsvp(event.publicPath.slice(3), { fullName: `Person ${String(i).padStart(2, '0')}`, email: `p${i}@example.com`, company: i === 0 ? '<Evil & Co>' : null });
    const res = await owner('GET', `/organizations/${orgId}/events/${event.id}/badges`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain('@page{size:A4;margin:0}');
    expect(res.body).toContain('grid-template-columns:99.1mm 99.1mm');
    expect(res.body.match(/class="sheet"/g)).toHaveLength(2);
    expect(res.body.match(/class="badge"/g)).toHaveLength(15);
    expect(res.body).toContain('&lt;Evil &amp; Co&gt;');
    expect(res.body).not.toContain('<Evil');
    expect((await doorStaff('GET', `/organizations/${orgId}/events/${event.id}/badges`)).statusCode).toBe(403);
    expect((await outsider('GET', `/organizations/${orgId}/events/${event.id}/badges`)).statusCode).toBe(404);
  });
});
