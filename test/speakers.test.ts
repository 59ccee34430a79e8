// The speaker pipeline through its API and service, on both databases: speakers of an organization (roles, bad
// input, isolation between organizations), the dated pipeline with answers recorded on the speaker's behalf, the
// invitation e-mail with its single-use link, the one nudge after N days, and the introduction of a confirmed
// speaker to the event's confirmed registrants. E-mails are read from the outbox table.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailKit, type MailKit } from './mail-kit.js';
import { apiAs, DIALECTS, signUpWithToken } from './helpers.js';

const NOW = '2026-03-01T09:00:00.000Z';
const LINK = /https:\/\/kith\.example\.org\/s\/([A-Za-z0-9_-]{43})/g;

describe.each(DIALECTS)('the speaker pipeline on %s', (dialect) => {
  let kit: MailKit;
  const headers: Record<string, Record<string, string>> = {};
  const accounts: Record<string, string> = {};
  const as = (who: string) => apiAs(() => kit, () => headers[who]!);
  const owner = as('owner');
  const helper = as('helper');
  const door = as('door');
  const outsider = as('outsider');
  let orgId: string;
  let eventId: string;
  let eventSlug: string;

  const mails = (to: string) => kit.store.db.selectFrom('outbox').select(['subject', 'text_body', 'from_address', 'kind', 'account_id']).where('to_address', '=', to).orderBy('created_at').orderBy('id').execute();
  const linksIn = (text: string) => [...text.matchAll(LINK)].map((m) => m[1]!);
  const addSpeaker = async (body: object, caller = helper) => {
    const res = await caller('POST', `/organizations/${orgId}/speakers`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().speaker as { id: string; status: string; steps: { status: string; at: string; onBehalf: boolean; note: string | null; byAccountId: string | null }[] };
  };
  const move = (id: string, body: object, caller = helper) => caller('POST', `/organizations/${orgId}/speakers/${id}/status`, body);
  const invite = (id: string, body?: object) => helper('POST', `/organizations/${orgId}/speakers/${id}/invite`, body);

  beforeAll(async () => {
    kit = await createMailKit(dialect, NOW);
    for (const who of ['owner', 'helper', 'door', 'outsider']) {
      const account = await signUpWithToken(kit, `${who}@chamber.example`);
      headers[who] = account.headers;
      accounts[who] = account.accountId;
    }
    orgId = (await owner('POST', '/organizations', { name: 'Riverside Chamber' })).json().organization.id;
    for (const [who, role] of [['helper', 'organizer'], ['door', 'door']]) await owner('PUT', `/organizations/${orgId}/members`, { email: `${who}@chamber.example`, role });
    const event = (await owner('POST', `/organizations/${orgId}/events`, { title: 'March mixer', startsAt: '2026-03-10T18:00:00Z', timeZone: 'Europe/London', place: 'The Old Mill', capacity: 2 })).json().event;
    eventId = event.id;
    eventSlug = event.publicPath.slice('/e/'.length);
  });
  afterAll(() => kit?.close());

  it('organizers add, list, change and remove speakers; door staff get 403, non-members 404', async () => {
    const speaker = await addSpeaker({ fullName: ' Grace Hopper ', email: 'grace@example.com', company: 'Navy', title: 'Rear Admiral', topic: 'Compilers', notes: 'Met at the fair', hostedEventId: eventId });
    expect(speaker).toMatchObject({ fullName: 'Grace Hopper', status: 'prospect', hostedEventId: eventId, invitation: null, steps: [{ status: 'prospect', at: NOW, onBehalf: false, note: null, byAccountId: accounts.helper }] });
    const other = await addSpeaker({ fullName: 'Alan Kay' }, owner);
    const list = async (query = '') => ((await owner('GET', `/organizations/${orgId}/speakers${query}`)).json().items as { id: string }[]).map((s) => s.id);
    expect(await list()).toEqual(expect.arrayContaining([speaker.id, other.id]));
    expect(await list(`?eventId=${eventId}`)).toEqual([speaker.id]);
    expect(await list('?status=spoke')).toEqual([]);

    const changed = await helper('PATCH', `/organizations/${orgId}/speakers/${speaker.id}`, { topic: 'Compilers and COBOL', company: null });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().speaker).toMatchObject({ fullName: 'Grace Hopper', topic: 'Compilers and COBOL', company: null, email: 'grace@example.com', title: 'Rear Admiral' });

    const org = `/organizations/${orgId}`;
    const calls: [Parameters<typeof door>[0], string, object?][] = [
      ['GET', `${org}/speakers`],
      ['POST', `${org}/speakers`, { fullName: 'Door Pick' }],
      ['GET', `${org}/speakers/${speaker.id}`],
      ['PATCH', `${org}/speakers/${speaker.id}`, { topic: 'x' }],
      ['DELETE', `${org}/speakers/${speaker.id}`],
      ['POST', `${org}/speakers/${speaker.id}/status`, { status: 'invited' }],
      ['POST', `${org}/speakers/${speaker.id}/invite`, {}],
      ['POST', `${org}/speakers/${speaker.id}/introduce`, {}],
      ['GET', `${org}/speaker-settings`],
      ['PUT', `${org}/speaker-settings`, { nudgeAfterDays: 1 }],
    ];
    for (const [method, url, body] of calls) {
      const byDoor = await door(method, url, body);
      expect([byDoor.statusCode, byDoor.json().error.code], `${method} ${url}`).toEqual([403, 'KITH_ORGANIZATION_FORBIDDEN']);
      const byOutsider = await outsider(method, url, body);
      expect([byOutsider.statusCode, byOutsider.json().error.code], `${method} ${url}`).toEqual([404, 'KITH_ORGANIZATION_NOT_FOUND']);
      for (const res of [byDoor, byOutsider]) expect(res.body).not.toContain('Grace');
    }
    // Through an organization of their own, an outsider reaches nothing of this one's.
    const own = (await outsider('POST', '/organizations', { name: 'Upstream Guild' })).json().organization.id;
    const through = await outsider('GET', `/organizations/${own}/speakers/${speaker.id}`);
    expect([through.statusCode, through.json().error.code]).toEqual([404, 'KITH_SPEAKER_NOT_FOUND']);
    const foreignEvent = await outsider('POST', `/organizations/${own}/speakers`, { fullName: 'Sneaky', hostedEventId: eventId });
    expect([foreignEvent.statusCode, foreignEvent.json().error.code]).toEqual([404, 'KITH_HOSTED_EVENT_NOT_FOUND']);
    expect((await outsider('GET', `/organizations/${own}/speakers`)).json().items).toEqual([]);

    expect((await helper('DELETE', `${org}/speakers/${other.id}`)).statusCode).toBe(204);
    const gone = await helper('GET', `${org}/speakers/${other.id}`);
    expect([gone.statusCode, gone.json().error.code]).toEqual([404, 'KITH_SPEAKER_NOT_FOUND']);
    expect((await helper('GET', `${org}/speakers/${speaker.id}`)).json().speaker.topic).toBe('Compilers and COBOL');
  });

  it('bad input answers 400 and names the field', async () => {
    const pathsOf = async (res: Awaited<ReturnType<typeof owner>>) => {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('KITH_VALIDATION');
      // A union (text or null) may report its one field more than once.
      return [...new Set((res.json().error.details.issues as { path: string }[]).map((i) => i.path))];
    };
    const speakers = `/organizations/${orgId}/speakers`;
    expect(await pathsOf(await helper('POST', speakers, { fullName: '   ', email: 'not-an-email' }))).toEqual(['fullName', 'email']);
    expect(await pathsOf(await helper('POST', speakers, { fullName: 'Ada', nickname: 'A' }))).toEqual(['nickname']);
    expect(await pathsOf(await helper('POST', speakers, { email: 'ada@example.com' }))).toEqual(['fullName']);
    expect(await pathsOf(await helper('POST', speakers, { fullName: 'Ada', topic: 'x'.repeat(501) }))).toEqual(['topic']);
    const speaker = await addSpeaker({ fullName: 'Ada Lovelace' });
    expect(await pathsOf(await helper('PATCH', `${speakers}/${speaker.id}`, { fullName: '' }))).toEqual(['fullName']);
    expect(await pathsOf(await move(speaker.id, { status: 'maybe' }))).toEqual(['status']);
    expect(await pathsOf(await move(speaker.id, { status: 'accepted' }))).toEqual(['onBehalf']);
    expect(await pathsOf(await move(speaker.id, { status: 'invited', onBehalf: true }))).toEqual(['onBehalf']);
    expect(await pathsOf(await invite(speaker.id, { message: 7 }))).toEqual(['message']);
    expect(await pathsOf(await owner('PUT', `/organizations/${orgId}/speaker-settings`, { nudgeAfterDays: 0 }))).toEqual(['nudgeAfterDays']);
    const unknownEvent = await helper('PATCH', `${speakers}/${speaker.id}`, { hostedEventId: '00000000-0000-7000-8000-00000000ffff' });
    expect([unknownEvent.statusCode, unknownEvent.json().error.code]).toEqual([404, 'KITH_HOSTED_EVENT_NOT_FOUND']);
  });

  it('walks prospect → invited → accepted on their behalf → confirmed → spoke, each step dated; no "spoke" before "confirmed"', async () => {
    const speaker = await addSpeaker({ fullName: 'Katherine Johnson', hostedEventId: eventId });
    expect((await move(speaker.id, { status: 'invited' })).json().speaker.status).toBe('invited');
    kit.clock.set('2026-03-02T10:00:00Z');
    const accepted = await move(speaker.id, { status: 'accepted', onBehalf: true, note: 'said yes on the phone' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const early = await move(speaker.id, { status: 'spoke' });
    expect([early.statusCode, early.json().error.code, early.json().error.details]).toEqual([409, 'KITH_SPEAKER_MOVE_NOT_ALLOWED', { from: 'accepted', to: 'spoke' }]);
    kit.clock.set('2026-03-03T10:00:00Z');
    expect((await move(speaker.id, { status: 'confirmed' })).statusCode).toBe(200);
    const beforeTheEvent = await move(speaker.id, { status: 'spoke' });
    expect([beforeTheEvent.statusCode, beforeTheEvent.json().error.message]).toEqual([409, 'the event has not begun: a speaker is marked as having spoken once it has']);
    kit.clock.set('2026-03-10T19:00:00Z');
    const spoke = await move(speaker.id, { status: 'spoke' });
    expect(spoke.statusCode, spoke.body).toBe(200);
    expect(spoke.json().speaker.steps.map((s: { status: string; at: string; onBehalf: boolean; note: string | null }) => [s.status, s.at, s.onBehalf, s.note])).toEqual([
      ['prospect', NOW, false, null],
      ['invited', NOW, false, null],
      ['accepted', '2026-03-02T10:00:00.000Z', true, 'said yes on the phone'],
      ['confirmed', '2026-03-03T10:00:00.000Z', false, null],
      ['spoke', '2026-03-10T19:00:00.000Z', false, null],
    ]);
    expect((await move(speaker.id, { status: 'prospect' })).statusCode).toBe(409);
    kit.clock.set(NOW);
  });

  it('an invitation e-mails a single-use link in the organization’s name; a new invitation revokes the older link', async () => {
    const speaker = await addSpeaker({ fullName: 'Margaret Hamilton', email: 'margaret@example.com', topic: 'Software that lands on the Moon', hostedEventId: eventId });
    const first = await invite(speaker.id, { message: 'We meet at seven.\nDinner after.' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().speaker).toMatchObject({ status: 'invited', invitation: { sentAt: NOW, nudgeAt: '2026-03-06T09:00:00.000Z', nudgedAt: null, answeredAt: null, message: 'We meet at seven.\nDinner after.' } });
    const [mail] = await mails('margaret@example.com');
    expect(mail).toMatchObject({ subject: 'Invitation to speak: March mixer', from_address: '"Riverside Chamber" <digest@kith.example.org>', kind: 'speaker-invitation', account_id: accounts.owner });
    expect(mail!.text_body).toContain('Riverside Chamber would like to invite you to speak at March mixer (Tuesday, 10 March 2026 at 18:00 GMT, The Old Mill). We would love to hear you on: Software that lands on the Moon.');
    expect(mail!.text_body).toContain('We meet at seven.\nDinner after.');
    const [token] = linksIn(mail!.text_body);
    // Only the token's SHA-256 is stored; the API never shows the link.
    const stored = await kit.store.db.selectFrom('speaker_invitations').select('token_hash').where('speaker_id', '=', speaker.id).execute();
    expect(stored.map((r) => r.token_hash)).toEqual([createHash('sha256').update(token!).digest('hex')]);
    expect(first.body).not.toContain(token!);

    const second = await invite(speaker.id);
    expect(second.statusCode, second.body).toBe(200);
    const [, again] = await mails('margaret@example.com');
    const [newer] = linksIn(again!.text_body);
    expect(newer).not.toBe(token);
    expect((await kit.services.speakers.invitation(token!)).state).toBe('revoked');
    expect((await kit.services.speakers.invitation(newer!)).state).toBe('open');
    expect(second.json().speaker.steps.map((s: { status: string }) => s.status)).toEqual(['prospect', 'invited', 'invited']);

    const noEmail = await addSpeaker({ fullName: 'No Address' });
    const refused = await invite(noEmail.id);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'KITH_SPEAKER_NO_EMAIL']);
    await move(speaker.id, { status: 'accepted', onBehalf: true });
    const past = await invite(speaker.id);
    expect([past.statusCode, past.json().error.code]).toEqual([409, 'KITH_SPEAKER_MOVE_NOT_ALLOWED']);
    // The answer on their behalf closes the open link: it now shows that answer.
    expect((await kit.services.speakers.invitation(newer!)).invitation).toMatchObject({ answer: 'accepted', onBehalf: true });
    // Withdrawing an invitation (back to prospect) revokes its link.
    const withdrawn = await addSpeaker({ fullName: 'Withdrawn Will', email: 'will@example.com' });
    await invite(withdrawn.id);
    const [willToken] = linksIn((await mails('will@example.com'))[0]!.text_body);
    expect((await move(withdrawn.id, { status: 'prospect' })).json().speaker.invitation.revokedAt).toBe(NOW);
    expect((await kit.services.speakers.invitation(willToken!)).state).toBe('revoked');
  });

  it('nudges exactly once after the organization’s N days, with the same link; not after an answer, not when turned off', async () => {
    expect((await owner('GET', `/organizations/${orgId}/speaker-settings`)).json()).toEqual({ nudgeAfterDays: 5 });
    expect((await owner('PUT', `/organizations/${orgId}/speaker-settings`, { nudgeAfterDays: 3 })).json()).toEqual({ nudgeAfterDays: 3 });
    const quiet = await addSpeaker({ fullName: 'Quiet Quincy', email: 'quincy@example.com', hostedEventId: eventId });
    const prompt = await addSpeaker({ fullName: 'Prompt Pat', email: 'pat@example.com', hostedEventId: eventId });
    await invite(quiet.id);
    await invite(prompt.id);
    const [patToken] = linksIn((await mails('pat@example.com'))[0]!.text_body);
    kit.clock.set('2026-03-02T09:00:00Z');
    expect((await kit.services.speakers.answer(patToken!, 'declined', 'Travelling')).recorded).toBe(true);

    kit.clock.set('2026-03-04T08:59:00Z');
    await kit.scheduler.tick();
    expect((await mails('quincy@example.com')).map((m) => m.kind)).toEqual(['speaker-invitation']);
    kit.clock.set('2026-03-04T09:00:00Z');
    await kit.scheduler.tick();
    await kit.scheduler.tick();
    kit.clock.set('2026-03-08T09:00:00Z');
    expect(await kit.services.speakers.sendDue()).toBe(0);
    const toQuincy = await mails('quincy@example.com');
    expect(toQuincy.map((m) => [m.kind, m.subject])).toEqual([
      ['speaker-invitation', 'Invitation to speak: March mixer'],
      ['speaker-nudge', 'Reminder: invitation to speak: March mixer'],
    ]);
    expect(linksIn(toQuincy[1]!.text_body)).toEqual(linksIn(toQuincy[0]!.text_body));
    expect((await mails('pat@example.com')).map((m) => m.kind)).toEqual(['speaker-invitation']);
    expect((await helper('GET', `/organizations/${orgId}/speakers/${quiet.id}`)).json().speaker.invitation).toMatchObject({ nudgeAt: '2026-03-04T09:00:00.000Z', nudgedAt: '2026-03-04T09:00:00.000Z' });

    kit.clock.set(NOW);
    await owner('PUT', `/organizations/${orgId}/speaker-settings`, { nudgeAfterDays: null });
    const never = await addSpeaker({ fullName: 'Never Nudged', email: 'never@example.com' });
    expect((await invite(never.id)).json().speaker.invitation.nudgeAt).toBeNull();
    kit.clock.set('2026-04-01T09:00:00Z');
    expect(await kit.services.speakers.sendDue()).toBe(0);
    expect(await mails('never@example.com')).toHaveLength(1);
    kit.clock.set(NOW);
    await owner('PUT', `/organizations/${orgId}/speaker-settings`, { nudgeAfterDays: 5 });
  });

  it('no nudge once the event has begun: the invitation simply stays open', async () => {
    kit.clock.set('2026-03-08T09:00:00Z');
    const late = await addSpeaker({ fullName: 'Late Invite', email: 'late@example.com', hostedEventId: eventId });
    await invite(late.id);
    kit.clock.set('2026-03-13T09:00:00Z');
    await kit.scheduler.tick();
    expect((await mails('late@example.com')).map((m) => m.kind)).toEqual(['speaker-invitation']);
    expect((await helper('GET', `/organizations/${orgId}/speakers/${late.id}`)).json().speaker).toMatchObject({ status: 'invited', invitation: { nudgedAt: '2026-03-13T09:00:00.000Z', answeredAt: null } });
    kit.clock.set(NOW);
  });

  it('a nudge after the invitation e-mail left the outbox brings a new link that replaces the old one', async () => {
    const speaker = await addSpeaker({ fullName: 'Lost Mail', email: 'lost@example.com' });
    await invite(speaker.id);
    const [oldToken] = linksIn((await mails('lost@example.com'))[0]!.text_body);
    await kit.store.db.deleteFrom('outbox').where('to_address', '=', 'lost@example.com').execute();
    kit.clock.set('2026-03-07T09:00:00Z');
    expect(await kit.services.speakers.sendDue()).toBe(1);
    const [nudge] = await mails('lost@example.com');
    const [newToken] = linksIn(nudge!.text_body);
    expect(newToken).not.toBe(oldToken);
    expect((await kit.services.speakers.invitation(oldToken!)).state).toBe('revoked');
    expect((await kit.services.speakers.invitation(newToken!)).state).toBe('open');
    kit.clock.set(NOW);
  });

  it('an Accept and a Decline sent at the same instant: exactly one is recorded', async () => {
    const speaker = await addSpeaker({ fullName: 'Twin Clicks', email: 'twin@example.com' });
    await invite(speaker.id);
    const [token] = linksIn((await mails('twin@example.com'))[0]!.text_body);
    const results = await Promise.all([kit.services.speakers.answer(token!, 'accepted', null), kit.services.speakers.answer(token!, 'declined', null)]);
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    const after = (await helper('GET', `/organizations/${orgId}/speakers/${speaker.id}`)).json().speaker;
    expect(after.steps.map((s: { status: string }) => s.status)).toEqual(['prospect', 'invited', after.status]);
    expect(after.invitation.answer).toBe(after.status);
  });

  it('introduces a confirmed speaker to the event’s confirmed registrants only, each once', async () => {
    const rsvp = (fullName: string, email: string) => kit.services.registrations.rsvp(eventSlug, { fullName, email });
    await rsvp('Ada Attendee', 'ada.attendee@example.com');
    const bob = await rsvp('Bob Attendee', 'bob.attendee@example.com');
    await rsvp('Cy Waiting', 'cy.waiting@example.com');
    await kit.services.registrations.act(bob.token!, 'cancel');
    // Bob's seat went to Cy as an offer: not confirmed, so not introduced.
    const speaker = await addSpeaker({ fullName: 'Hedy Lamarr', email: 'hedy@example.com', title: 'Inventor', company: 'MGM', topic: 'Frequency hopping', hostedEventId: eventId });
    const early = await helper('POST', `/organizations/${orgId}/speakers/${speaker.id}/introduce`, {});
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'KITH_SPEAKER_NOT_CONFIRMED']);
    await move(speaker.id, { status: 'accepted', onBehalf: true });
    await move(speaker.id, { status: 'confirmed' });
    const res = await helper('POST', `/organizations/${orgId}/speakers/${speaker.id}/introduce`, { message: 'Bring your questions.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ written: 1, alreadySent: 0, unsubscribed: 0 });
    const [intro] = (await mails('ada.attendee@example.com')).filter((m) => m.kind === 'speaker-introduction');
    expect(intro).toMatchObject({ subject: 'Meet our speaker: Hedy Lamarr at March mixer', from_address: '"Riverside Chamber" <digest@kith.example.org>' });
    expect(intro!.text_body).toContain('our speaker is Hedy Lamarr, Inventor, MGM, on: Frequency hopping.');
    expect(intro!.text_body).toContain('Bring your questions.');
    expect(intro!.text_body).not.toContain('hedy@example.com');
    for (const to of ['bob.attendee@example.com', 'cy.waiting@example.com']) expect((await mails(to)).filter((m) => m.kind === 'speaker-introduction')).toEqual([]);
    expect((await helper('POST', `/organizations/${orgId}/speakers/${speaker.id}/introduce`)).json()).toEqual({ written: 0, alreadySent: 1, unsubscribed: 0 });
    expect((await mails('ada.attendee@example.com')).filter((m) => m.kind === 'speaker-introduction')).toHaveLength(1);
    // Cy claims the seat offered: introduced now, and Ada not again.
    expect((await kit.services.organizer.registrations(accounts.owner!, orgId, eventId, 'offered')).map((r) => r.fullName)).toEqual(['Cy Waiting']);
    const offerToken = /\/r\/([A-Za-z0-9_-]{43})/.exec((await mails('cy.waiting@example.com')).at(-1)!.text_body)![1]!;
    await kit.services.registrations.act(offerToken, 'claim');
    expect((await helper('POST', `/organizations/${orgId}/speakers/${speaker.id}/introduce`, {})).json()).toEqual({ written: 1, alreadySent: 1, unsubscribed: 0 });
    expect((await mails('cy.waiting@example.com')).filter((m) => m.kind === 'speaker-introduction')).toHaveLength(1);

    const noEvent = await addSpeaker({ fullName: 'Free Floater' });
    await move(noEvent.id, { status: 'accepted', onBehalf: true });
    await move(noEvent.id, { status: 'confirmed' });
    const refused = await helper('POST', `/organizations/${orgId}/speakers/${noEvent.id}/introduce`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'KITH_SPEAKER_NO_EVENT']);
  });
});
