// The speaker's invitation page through the app, on both databases: opening the link changes nothing; Accept and
// Decline are forms that POST; the link answers once and then shows the answer; a revoked link and an unknown one
// say so; everything typed by an organizer is escaped under a strict CSP; answers are rate-limited per address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailKit, type MailKit } from './mail-kit.js';
import { DIALECTS, signUpWithToken } from './helpers.js';

const NOW = '2026-03-01T09:00:00Z';

describe.each(DIALECTS)('the speaker’s invitation page (%s)', (dialect) => {
  let kit: MailKit;
  let owner: string;
  let orgId: string;
  let eventId: string;
  let nextIp = 1;
  const freshIp = () => `10.2.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;
  const speakers = () => kit.services.speakers;

  const get = (url: string) => kit.app.inject({ method: 'GET', url, remoteAddress: '10.3.0.1' });
  const post = (url: string, fields: Record<string, string> = {}, ip = freshIp()) =>
    kit.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(), remoteAddress: ip });
  /** A speaker invited by e-mail; returns the speaker's id and the token of the link in the e-mail. */
  const invited = async (fullName: string, email: string, input: { topic?: string; hostedEventId?: string | null; message?: string } = {}) => {
    const speaker = await speakers().create(owner, orgId, { fullName, email, topic: input.topic ?? null, hostedEventId: input.hostedEventId === undefined ? eventId : input.hostedEventId });
    await speakers().invite(owner, orgId, speaker.id, input.message ?? null);
    return { id: speaker.id, token: await latestToken(email) };
  };
  const latestToken = async (email: string) => {
    const rows = await kit.store.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return /\/s\/([A-Za-z0-9_-]{43})/.exec(rows[0]!.text_body)![1]!;
  };
  const status = async (id: string) => (await speakers().get(owner, orgId, id)).status;

  beforeAll(async () => {
    kit = await createMailKit(dialect, NOW);
    owner = (await signUpWithToken(kit, 'owner@chamber.example')).accountId;
    orgId = (await kit.services.organizer.createOrganization(owner, 'Riverside <Chamber> & Co')).id;
    eventId = (await kit.services.organizer.createEvent(owner, orgId, { title: 'March <mixer>', startsAt: '2026-03-10T18:00:00Z', timeZone: 'Europe/London', place: 'The Old Mill' })).id;
  });
  afterAll(() => kit?.close());

  it('shows the organization, the event with its date, the topic and two buttons that POST; opening it changes nothing', async () => {
    const { id, token } = await invited('Grace Hopper', 'grace@example.com', { topic: 'Compilers <script>alert(1)</script>', message: 'Dinner after.\nOn us.' });
    const res = await get(`/s/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const html = res.body;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<p class="org">Riverside &lt;Chamber&gt; &amp; Co</p>');
    expect(html).toContain('<h1>Invitation to speak: March &lt;mixer&gt;</h1>');
    expect(html).toContain('Tuesday, 10 March 2026 at 18:00 GMT, The Old Mill');
    expect(html).toContain('Topic: Compilers &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<p class="note">Dinner after.<br>On us.</p>');
    expect(html).toContain(`<form method="post" action="/s/${token}/accept">`);
    expect(html).toContain(`formaction="/s/${token}/decline">Decline</button>`);
    expect(html).toContain('<label for="f-note">A note for the organizers (optional)</label>');
    expect(html).not.toMatch(/\b(src|href)="https?:/);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(8 * 1024);
    // Opened again and again (a mail scanner, a preview): still invited, nothing answered.
    await get(`/s/${token}`);
    await get(`/s/${token}`);
    expect(await status(id)).toBe('invited');
    expect((await speakers().get(owner, orgId, id)).invitation).toMatchObject({ answeredAt: null, answer: null });
  });

  it('Accept through the page moves the speaker to accepted; the used link then shows the answer and cannot change it', async () => {
    const { id, token } = await invited('Ada Lovelace', 'ada@example.com');
    const res = await post(`/s/${token}/accept`, { note: 'Happy to <talk>' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('<h1>Thank you: you accepted</h1>');
    expect(res.body).toContain('Thank you for accepting to speak at March &lt;mixer&gt;.');
    const speaker = await speakers().get(owner, orgId, id);
    expect(speaker.status).toBe('accepted');
    expect(speaker.steps.at(-1)).toEqual({ status: 'accepted', at: '2026-03-01T09:00:00.000Z', onBehalf: false, note: 'Happy to <talk>', byAccountId: null });

    const used = await get(`/s/${token}`);
    expect(used.statusCode).toBe(200);
    expect(used.body).toContain('You accepted this invitation on 1 March 2026.');
    expect(used.body).toContain('With the note: “Happy to &lt;talk&gt;”');
    expect(used.body).not.toContain('<form');
    const again = await post(`/s/${token}/decline`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('You accepted this invitation on 1 March 2026.');
    expect(await status(id)).toBe('accepted');
  });

  it('Decline through the page moves the speaker to declined, with the optional note', async () => {
    const { id, token } = await invited('Alan Turing', 'alan@example.com', { hostedEventId: null });
    const res = await post(`/s/${token}/decline`, { note: 'Travelling that month' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('<h1>Thank you: you declined</h1>');
    const speaker = await speakers().get(owner, orgId, id);
    expect(speaker).toMatchObject({ status: 'declined', invitation: { answer: 'declined', note: 'Travelling that month', onBehalf: false } });
    expect((await get(`/s/${token}`)).body).toContain('You declined this invitation on 1 March 2026.');
  });

  it('an older link, revoked by a newer invitation, says it is no longer valid and answers nothing', async () => {
    const { id, token: old } = await invited('Hedy Lamarr', 'hedy@example.com');
    await speakers().invite(owner, orgId, id, null);
    const newer = await latestToken('hedy@example.com');
    const res = await get(`/s/${old}`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This invitation link is no longer valid.');
    expect(res.body).not.toContain('<form');
    const refused = await post(`/s/${old}/accept`);
    expect(refused.statusCode).toBe(410);
    expect(await status(id)).toBe('invited');
    expect((await post(`/s/${newer}/accept`)).statusCode).toBe(200);
    expect(await status(id)).toBe('accepted');
  });

  it('a yes recorded on the speaker’s behalf closes the link, which then says so', async () => {
    const { id, token } = await invited('Katherine Johnson', 'katherine@example.com');
    await speakers().move(owner, orgId, id, { status: 'accepted', onBehalf: true, note: 'by phone' });
    const res = await get(`/s/${token}`);
    expect(res.body).toContain('The organizers recorded that you accepted on 1 March 2026.');
    expect((await post(`/s/${token}/decline`)).statusCode).toBe(409);
    expect(await status(id)).toBe('accepted');
  });

  it('an unknown or malformed link is a 404 page', async () => {
    for (const url of [`/s/${'A'.repeat(43)}`, '/s/not!a!token', `/s/${'B'.repeat(43)}/accept`]) {
      const res = url.endsWith('/accept') ? await post(url) : await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<h1>This invitation link is not valid</h1>');
    }
    const unknownAnswer = await post(`/s/${'C'.repeat(43)}/maybe`);
    expect(unknownAnswer.statusCode).toBe(404);
    // A removed speaker's link names nothing any more.
    const removed = await invited('Removed Rita', 'rita@example.com');
    await speakers().remove(owner, orgId, removed.id);
    expect((await get(`/s/${removed.token}`)).statusCode).toBe(404);
  });

  it('an invitation to an event cancelled since has nothing to answer', async () => {
    const other = (await kit.services.organizer.createEvent(owner, orgId, { title: 'April lunch', startsAt: '2026-04-14T11:00:00Z', timeZone: 'Europe/London' })).id;
    const { id, token } = await invited('Cancelled Carl', 'carl@example.com', { hostedEventId: other });
    await kit.services.organizer.cancelEvent(owner, orgId, other);
    const res = await get(`/s/${token}`);
    expect(res.body).toContain('This event is cancelled:');
    expect(res.body).not.toContain('<form');
    expect((await post(`/s/${token}/accept`)).statusCode).toBe(409);
    expect(await status(id)).toBe('invited');
  });

  it('answers are rate-limited per address', async () => {
    const ip = '10.9.9.9';
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await post(`/s/${'D'.repeat(43)}/accept`, {}, ip)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 404)).toBe(true);
    expect(codes[10]).toBe(429);
    // Another address is not held back.
    expect((await post(`/s/${'D'.repeat(43)}/accept`, {}, '10.9.9.10')).statusCode).toBe(404);
  });
});
