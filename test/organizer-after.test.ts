// The organizer's timed and after-event e-mails on both databases: the reminder the day before (once, to confirmed
// registrants, honouring unsubscribes), unsubscribing from an organization's mail (own confirmations still go), and
// the wrap-up: those who came into the organizer's contacts, met at the event, a thank-you and a no-show note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailKit, type MailKit } from './mail-kit.js';
import { DIALECTS, signUpWithToken } from './helpers.js';

describe.each(DIALECTS)('reminders, unsubscribes and the wrap-up (%s)', (dialect) => {
  let kit: MailKit;
  let owner: string;
  let ownerHeaders: Record<string, string>;
  let door: string;
  let orgId: string;
  const organizer = () => kit.services.organizer;
  const mails = async (to: string) => kit.store.db.selectFrom('outbox').select(['subject', 'raw']).where('to_address', '=', to).orderBy('created_at').orderBy('id').execute();
  const subjects = async (to: string) => (await mails(to)).map((m) => m.subject);
  const checkIn = (registrationId: string) => kit.store.db.updateTable('registrations').set({ checked_in_at: kit.clock.now().toISOString() }).where('id', '=', registrationId).execute();

  beforeAll(async () => {
    kit = await createMailKit(dialect, '2026-03-01T09:00:00Z');
    const o = await signUpWithToken(kit, 'owner@chamber.example');
    owner = o.accountId;
    ownerHeaders = o.headers;
    door = (await signUpWithToken(kit, 'door@chamber.example')).accountId;
    orgId = (await organizer().createOrganization(owner, 'Riverside Chamber')).id;
    await organizer().setMember(owner, orgId, 'door@chamber.example', 'door');
  });
  afterAll(() => kit?.close());

  it('reminds each confirmed registrant once, the day before, with a way to stop the organization’s mail', async () => {
    const event = await organizer().createEvent(owner, orgId, { title: 'Spring mixer', startsAt: '2026-03-03T18:00:00Z', timeZone: 'Europe/London', capacity: 1 });
    const slug = event.publicPath.slice(3);
    await kit.services.registrations.rsvp(slug, { fullName: 'Ada Lovelace', email: 'ada@example.com' });
    await kit.services.registrations.rsvp(slug, { fullName: 'Bob Babbage', email: 'bob@example.com' });
    expect(await kit.services.organizerMail.sendDue()).toBe(0);
    kit.clock.set('2026-03-02T19:00:00Z');
    expect(await kit.services.organizerMail.sendDue()).toBe(1);
    expect(await kit.services.organizerMail.sendDue()).toBe(0);
    expect(await subjects('ada@example.com')).toEqual(["You're in: Spring mixer", 'Tomorrow: Spring mixer']);
    expect(await subjects('bob@example.com')).toEqual(['On the waitlist: Spring mixer']);
    // Quoted-printable soft breaks and folded header lines joined.
    const reminder = (await mails('ada@example.com'))[1]!.raw.replace(/=\r\n/g, '').replace(/\r\n /g, ' ');
    const link = /List-Unsubscribe: +<(https:\/\/kith\.example\.org\/unsubscribe\/o\/([A-Za-z0-9_-]{43}))>/.exec(reminder);
    expect(link).not.toBeNull();
    expect(reminder).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const token = link![2]!;
    // The page asks first; the POST (its button, or a mail program's one-click) unsubscribes.
    const page = await kit.app.inject({ method: 'GET', url: `/unsubscribe/o/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No more e-mail from Riverside Chamber?');
    expect(await kit.services.organizerMail.isUnsubscribed(kit.store.repos, orgId, 'ada@example.com')).toBe(false);
    expect((await kit.app.inject({ method: 'POST', url: `/unsubscribe/o/${token}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(200);
    expect(await kit.services.organizerMail.isUnsubscribed(kit.store.repos, orgId, 'ADA@example.com')).toBe(true);
    expect((await kit.app.inject({ method: 'GET', url: '/unsubscribe/o/not-a-real-token' })).statusCode).toBe(404);

    // Unsubscribed: no reminder for the next event, but the confirmation of her own registration still comes.
    const next = await organizer().createEvent(owner, orgId, { title: 'April mixer', startsAt: '2026-03-03T18:30:00Z', timeZone: 'Europe/London' });
    await kit.services.registrations.rsvp(next.publicPath.slice(3), { fullName: 'Ada Lovelace', email: 'ada@example.com' });
    await kit.services.registrations.rsvp(next.publicPath.slice(3), { fullName: 'Cy Young', email: 'cy@example.com' });
    expect(await kit.services.organizerMail.sendDue()).toBe(1);
    expect(await subjects('ada@example.com')).toEqual(["You're in: Spring mixer", 'Tomorrow: Spring mixer', "You're in: April mixer"]);
    expect(await subjects('cy@example.com')).toEqual(["You're in: April mixer", 'Tomorrow: April mixer']);

    // Speaker e-mails honour it too: no invitation to her (the organizer is told), and none of the introductions.
    const speaker = await kit.services.speakers.create(owner, orgId, { fullName: 'Ada Lovelace', email: 'ada@example.com', hostedEventId: next.id });
    await expect(kit.services.speakers.invite(owner, orgId, speaker.id, null)).rejects.toMatchObject({ code: 'KITH_SPEAKER_UNSUBSCRIBED' });
    const cySpeaker = await kit.services.speakers.create(owner, orgId, { fullName: 'Grace Hopper', email: 'grace@example.com', hostedEventId: next.id });
    await kit.services.speakers.move(owner, orgId, cySpeaker.id, { status: 'accepted', onBehalf: true });
    await kit.services.speakers.move(owner, orgId, cySpeaker.id, { status: 'confirmed' });
    expect(await kit.services.speakers.introduce(owner, orgId, cySpeaker.id, null)).toEqual({ written: 1, alreadySent: 0, unsubscribed: 1 });
    const intro = (await mails('cy@example.com')).at(-1)!.raw.replace(/\r\n /g, ' ');
    expect(intro).toMatch(/List-Unsubscribe: +<https:\/\/kith\.example\.org\/unsubscribe\/o\//);
  });

  it('wraps up: those who came into my contacts, met at the event, thank-you and no-show notes, once', async () => {
    kit.clock.set('2026-03-05T09:00:00Z');
    const event = await organizer().createEvent(owner, orgId, {
      title: 'March breakfast',
      startsAt: '2026-03-10T07:30:00Z',
      endsAt: '2026-03-10T09:00:00Z',
      timeZone: 'Europe/London',
      questions: [{ id: 'looking', label: 'Looking for?', required: false }],
    });
    const slug = event.publicPath.slice(3);
    // Dana is in my contacts already (the same e-mail, in another case).
    const dana = await kit.services.people.create(owner, { fullName: 'Dana Scully', emails: [{ value: 'dana@fbi.example' }] });
    for (const [fullName, email, looking] of [['Dana Scully', 'DANA@fbi.example', 'a new lab'], ['Eli Newcomer', 'eli@example.com', 'an accountant'], ['Fay Absent', 'fay@example.com', '']] as const) {
      await kit.services.registrations.rsvp(slug, { fullName, email, company: 'Acme', answers: { looking } });
    }
    const regs = await organizer().registrations(owner, orgId, event.id, null);
    await expect(kit.services.wrapUp.wrapUp(owner, orgId, event.id)).rejects.toMatchObject({ code: 'KITH_EVENT_NOT_OVER' });
    kit.clock.set('2026-03-12T10:00:00Z');
    for (const r of regs.filter((x) => x.fullName !== 'Fay Absent')) await checkIn(r.id);
    await expect(kit.services.wrapUp.wrapUp(door, orgId, event.id)).rejects.toMatchObject({ code: 'KITH_ORGANIZATION_FORBIDDEN' });

    const res = await kit.app.inject({ method: 'POST', url: `/api/v1/organizations/${orgId}/events/${event.id}/wrap-up`, headers: ownerHeaders, payload: { thankYou: 'Lovely to see you.\n\nSlides are on the website.' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().figures).toMatchObject({ registered: 3, came: 2, noShows: 1, waitlist: 0, cancelled: 0, inContacts: 2, newPeople: 1 });

    const eli = (await kit.services.people.search(owner, 'eli newcomer', 5, 0)).items;
    expect(eli).toHaveLength(1);
    const eliDetail = await kit.services.people.get(owner, eli[0]!.id);
    expect(eliDetail.person).toMatchObject({ source: 'rsvp', company: 'Acme', notes: 'At March breakfast: Looking for? an accountant', metOn: '2026-03-10' });
    expect(eliDetail.events).toEqual([expect.objectContaining({ name: 'March breakfast', metOn: '2026-03-10', isNew: true })]);
    // Dana was met again, not made twice; her answer joins her notes.
    const danaDetail = await kit.services.people.get(owner, dana.person.id);
    expect(danaDetail.events).toEqual([expect.objectContaining({ name: 'March breakfast', isNew: false })]);
    expect(danaDetail.person.notes).toContain('Looking for? a new lab');
    expect((await kit.services.people.search(owner, 'dana', 5, 0)).items).toHaveLength(1);
    // My own event of it, as host.
    const mine = (await kit.services.events.list(owner, 50, 0)).items.find((e) => e.name === 'March breakfast');
    expect(mine).toMatchObject({ role: 'hosting', startsAt: '2026-03-10T07:30:00.000Z' });

    expect(await subjects('eli@example.com')).toEqual(["You're in: March breakfast", 'Thank you for coming: March breakfast']);
    expect((await mails('eli@example.com'))[1]!.raw.replace(/=\r\n/g, '')).toContain('Slides are on the website.');
    expect(await subjects('fay@example.com')).toEqual(["You're in: March breakfast", 'We missed you: March breakfast']);

    // Again: no one new, no one mailed twice.
    const again = await kit.services.wrapUp.wrapUp(owner, orgId, event.id);
    expect(again).toMatchObject({ came: 2, inContacts: 2, newPeople: 1 });
    expect(await subjects('eli@example.com')).toHaveLength(2);
    expect((await kit.services.people.search(owner, 'eli newcomer', 5, 0)).items).toHaveLength(1);
    expect((await kit.services.wrapUp.figures(owner, orgId, event.id)).wrappedUpAt).not.toBeNull();
  });

  it('the export of my data holds the organizations I run, with their events, registrations and speakers, and no secrets', async () => {
    const res = await kit.app.inject({ method: 'GET', url: '/api/v1/export', headers: ownerHeaders });
    expect(res.statusCode).toBe(200);
    const { organizations } = res.json() as { organizations: { name: string; role: string; members: { role: string }[]; events: { title: string }[]; registrations: { fullName: string; email: string }[]; speakers: { fullName: string; steps: unknown[] }[] }[] };
    expect(organizations).toHaveLength(1);
    const [org] = organizations;
    expect(org).toMatchObject({ name: 'Riverside Chamber', role: 'owner' });
    expect(org!.members.map((m) => m.role).sort()).toEqual(['door', 'owner']);
    expect(org!.events.map((e) => e.title).sort()).toEqual(['April mixer', 'March breakfast', 'Spring mixer']);
    expect(org!.registrations.map((r) => r.email)).toContain('eli@example.com');
    expect(org!.speakers.map((sp) => sp.fullName).sort()).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(org!.speakers.every((sp) => sp.steps.length > 0)).toBe(true);
    expect(res.body).not.toMatch(/token_?hash|tokenHash/i);
    // Door staff run no organization: theirs is not in their export.
    const doorExport = await kit.services.exports.exportAccount(door);
    expect(doorExport.organizations).toEqual([]);
  });
});
