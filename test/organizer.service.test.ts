// The organizer's desk through its service, on both databases: roles, capacity, the waitlist and its offers with a
// claim window, e-mail confirmation and approval, and what each registrant is mailed (read from the outbox).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailKit, type MailKit } from './mail-kit.js';
import { DIALECTS, signUpWithToken } from './helpers.js';

describe.each(DIALECTS)('the organizer service (%s)', (dialect) => {
  let kit: MailKit;
  let owner: string;
  let door: string;
  let outsider: string;
  let orgId: string;
  const organizer = () => kit.services.organizer;
  const tokenOf = (result: { token: string | null }) => result.token!;
  const mails = async (to: string) => (await kit.store.db.selectFrom('outbox').select(['subject', 'raw', 'from_address']).where('to_address', '=', to).orderBy('created_at').orderBy('id').execute());

  beforeAll(async () => {
    kit = await createMailKit(dialect, '2026-03-01T09:00:00Z');
    owner = (await signUpWithToken(kit, 'owner@chamber.example')).accountId;
    door = (await signUpWithToken(kit, 'door@chamber.example')).accountId;
    outsider = (await signUpWithToken(kit, 'outsider@example.com')).accountId;
    orgId = (await organizer().createOrganization(owner, 'Riverside Chamber')).id;
    await organizer().setMember(owner, orgId, 'door@chamber.example', 'door');
  });
  afterAll(() => kit?.close());

  it('shares the organization with its members only, each as their role allows', async () => {
    expect((await organizer().organizations(door)).map((o) => [o.name, o.role])).toEqual([['Riverside Chamber', 'door']]);
    await expect(organizer().organization(outsider, orgId)).rejects.toMatchObject({ code: 'KITH_ORGANIZATION_NOT_FOUND' });
    await expect(organizer().createEvent(door, orgId, { title: 'x', startsAt: '2026-03-10T18:00:00Z', timeZone: 'Europe/London' })).rejects.toMatchObject({ code: 'KITH_ORGANIZATION_FORBIDDEN' });
    await expect(organizer().setMember(owner, orgId, 'owner@chamber.example', 'organizer')).rejects.toMatchObject({ code: 'KITH_ORGANIZATION_LAST_OWNER' });
    await expect(organizer().setMember(owner, orgId, 'nobody@example.com', 'door')).rejects.toMatchObject({ code: 'KITH_ACCOUNT_NOT_FOUND' });
  });

  it('seats up to capacity, then waitlists; a cancel offers the seat to the first waiting, who claims it in time', async () => {
    const event = await organizer().createEvent(owner, orgId, { title: 'March mixer', startsAt: '2026-03-10T18:00:00Z', timeZone: 'Europe/London', capacity: 2, claimHours: 24, place: 'The Old Mill' });
    const slug = event.publicPath.slice(3);
    const ada = await kit.services.registrations.rsvp(slug, { fullName: 'Ada Lovelace', email: 'ada@example.com', company: 'Engines Ltd', listed: true });
    const bob = await kit.services.registrations.rsvp(slug, { fullName: 'Bob Babbage', email: 'bob@example.com' });
    const cy = await kit.services.registrations.rsvp(slug, { fullName: 'Cy Young', email: 'cy@example.com' });
    const di = await kit.services.registrations.rsvp(slug, { fullName: 'Di Prince', email: 'di@example.com' });
    expect([ada.outcome, bob.outcome, cy.outcome, di.outcome]).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect((await kit.services.registrations.myRegistration(tokenOf(di))).position).toBe(2);
    expect(await kit.services.registrations.publicEvent(slug)).toMatchObject({ seatsLeft: 0, waitlist: 2, organizationName: 'Riverside Chamber' });
    // The same address again: nothing new, the link mailed again.
    expect(await kit.services.registrations.rsvp(slug, { fullName: 'Ada L.', email: 'ADA@example.com' })).toEqual({ outcome: 'already', token: null });

    await kit.services.registrations.act(tokenOf(bob), 'cancel');
    const mailsToCy = await mails('cy@example.com');
    expect(mailsToCy.map((m) => m.subject)).toEqual(['On the waitlist: March mixer', 'A seat is free for you: March mixer']);
    expect(mailsToCy[1]!.from_address).toBe('"Riverside Chamber" <digest@kith.example.org>');
    // The offer e-mail brings a link of its own; the first one still works too.
    const offerLink = /https:\/\/kith\.example\.org\/r\/([A-Za-z0-9_-]{43})/.exec(mailsToCy[1]!.raw.replace(/=\r\n/g, ''))![1]!;
    expect((await kit.services.registrations.myRegistration(tokenOf(cy))).registration.status).toBe('offered');
    await expect(kit.services.registrations.myRegistration('not-a-real-link')).rejects.toMatchObject({ code: 'KITH_REGISTRATION_NOT_FOUND' });
    expect((await kit.services.registrations.myRegistration(offerLink)).registration.status).toBe('offered');
    expect((await kit.services.registrations.publicEvent(slug)).seatsLeft).toBe(0);
    expect((await kit.services.registrations.act(offerLink, 'claim')).registration.status).toBe('confirmed');
    const seat = (await mails('cy@example.com'))[2]!;
    expect(seat.subject).toBe("You're in: March mixer");
    expect(seat.raw).toContain('Content-Type: text/calendar; charset=utf-8; method=REQUEST');
    expect(seat.raw).toMatch(/^Content-ID: <door-qr>/im);
    // Who's coming: only for a confirmed registrant who opted in, and only those who opted in.
    expect((await kit.services.registrations.myRegistration(tokenOf(ada))).attendees).toEqual([{ fullName: 'Ada Lovelace', company: 'Engines Ltd', title: null }]);
    expect((await kit.services.registrations.myRegistration(offerLink)).attendees).toBeNull();
    const counts = (await organizer().event(owner, orgId, event.id)).counts;
    expect(counts).toMatchObject({ confirmed: 2, waitlisted: 1, cancelled: 1 });
  });

  it('an offer not claimed in time goes back to the waitlist, and the seat to the next in line', async () => {
    const event = await organizer().createEvent(owner, orgId, { title: 'Breakfast', startsAt: '2026-03-20T08:00:00Z', timeZone: 'Europe/London', capacity: 1, claimHours: 2 });
    const slug = event.publicPath.slice(3);
    const first = await kit.services.registrations.rsvp(slug, { fullName: 'First Person', email: 'first@example.com' });
    await kit.services.registrations.rsvp(slug, { fullName: 'Slow Sam', email: 'sam@example.com' });
    await kit.services.registrations.rsvp(slug, { fullName: 'Quick Quinn', email: 'quinn@example.com' });
    await kit.services.registrations.act(tokenOf(first), 'cancel');
    const regs = () => organizer().registrations(owner, orgId, event.id, null);
    expect((await regs()).map((r) => [r.fullName, r.status])).toEqual([['First Person', 'cancelled'], ['Slow Sam', 'offered'], ['Quick Quinn', 'waitlisted']]);
    kit.clock.set(new Date(kit.clock.now().getTime() + 3 * 3_600_000));
    // Any visit to the event sweeps expired offers.
    await kit.services.registrations.rsvp(slug, { fullName: 'Late Lee', email: 'lee@example.com' });
    expect((await regs()).map((r) => [r.fullName, r.status])).toEqual([['First Person', 'cancelled'], ['Slow Sam', 'waitlisted'], ['Quick Quinn', 'offered'], ['Late Lee', 'waitlisted']]);
  });

  it('holds no seat until the e-mail is confirmed, and none until the organizer approves', async () => {
    const event = await organizer().createEvent(owner, orgId, { title: 'Board dinner', startsAt: '2026-03-25T19:00:00Z', timeZone: 'Europe/London', capacity: 10, confirmEmail: true, requiresApproval: true, questions: [{ id: 'diet', label: 'Dietary needs?', required: true }] });
    const slug = event.publicPath.slice(3);
    await expect(kit.services.registrations.rsvp(slug, { fullName: '', email: 'not-an-email' })).rejects.toMatchObject({ code: 'KITH_VALIDATION', details: { issues: [{ path: 'fullName' }, { path: 'email' }, { path: 'answers.diet' }] } });
    await expect(kit.services.registrations.rsvp(slug, { fullName: 'Bot', email: 'bot@example.com', answers: { diet: 'x' }, website: 'http://spam' })).rejects.toMatchObject({ code: 'KITH_RSVP_REFUSED' });
    const eve = await kit.services.registrations.rsvp(slug, { fullName: 'Eve Adams', email: 'eve@example.com', answers: { diet: 'vegetarian' } });
    expect(eve.outcome).toBe('unconfirmed');
    expect((await kit.services.registrations.act(tokenOf(eve), 'confirm')).registration.status).toBe('pending');
    const [pending] = await organizer().registrations(owner, orgId, event.id, 'pending');
    expect(pending!.answers).toEqual({ diet: 'vegetarian' });
    expect((await organizer().decide(owner, orgId, pending!.id, true)).status).toBe('confirmed');
    await expect(organizer().decide(owner, orgId, pending!.id, true)).rejects.toMatchObject({ code: 'KITH_REGISTRATION_NOT_PENDING' });
    await expect(organizer().decide(door, orgId, pending!.id, false)).rejects.toMatchObject({ code: 'KITH_ORGANIZATION_FORBIDDEN' });
    expect((await mails('eve@example.com')).map((m) => m.subject)).toEqual(['Confirm your e-mail for Board dinner', 'Registration received: Board dinner', "You're in: Board dinner"]);
  });

  it('clones next month’s meeting of the series, on the same weekday of the month, without registrations', async () => {
    const event = await organizer().createEvent(owner, orgId, { title: 'Monthly lunch', startsAt: '2026-03-10T12:00:00Z', timeZone: 'Europe/London', capacity: 40 });
    const next = await organizer().cloneNextMonth(owner, orgId, event.id);
    expect(next).toMatchObject({ title: 'Monthly lunch', startsAt: '2026-04-14T11:00:00.000Z', seriesId: event.seriesId, capacity: 40, counts: { confirmed: 0 } });
    expect(next.publicPath).not.toBe(event.publicPath);
    const third = await organizer().cloneNextMonth(owner, orgId, event.id);
    expect(third.startsAt).toBe('2026-05-12T11:00:00.000Z');
  });
});
