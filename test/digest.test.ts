// The e-mail digest, end to end: settings, preview, the scheduler writing the digest at the person's hour, a real
// SMTP peer receiving it, the one-click unsubscribe, missed slots after downtime, and days with nothing to say.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers.js';
import { accountWithSomeoneToContact, createMailKit, PUBLIC_URL, type MailKit } from './mail-kit.js';
import { decodeHeader, readMessage, startSmtpPeer, type SmtpPeer } from './smtp-peer.js';

describe.each(DIALECTS)('the e-mail digest on %s', (dialect) => {
  let peer: SmtpPeer;
  let kit: MailKit;

  beforeEach(async () => {
    peer = await startSmtpPeer();
    // A Tuesday, noon in London.
    kit = await createMailKit(dialect, '2026-03-10T12:00:00Z', { smtpUrl: peer.url });
  });
  afterEach(async () => {
    await kit.close();
    await peer.close();
  });

  it('is off until chosen; a bad hour, weekday or frequency is refused with the field named, and nothing changes', async () => {
    const a = await accountWithSomeoneToContact(kit, 'a@example.com');
    const get = () => kit.app.inject({ method: 'GET', url: '/api/v1/digest', headers: a.headers });
    expect((await get()).json()).toEqual({ frequency: 'off', hour: 8, weekday: 'monday', timeZone: 'Europe/London', unsubscribedAt: null, nextDigestAt: null });
    for (const [body, field] of [
      [{ hour: 24 }, 'hour'],
      [{ hour: -1 }, 'hour'],
      [{ hour: 7.5 }, 'hour'],
      [{ frequency: 'hourly' }, 'frequency'],
      [{ frequency: 'weekly', weekday: 'funday' }, 'weekday'],
      [{ colour: 'blue' }, 'colour'],
    ] as const) {
      const res = await a.inject('PATCH', '/digest', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('KITH_VALIDATION');
      expect(res.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    expect((await get()).json().frequency).toBe('off');
    expect(await kit.store.repos.jobs.get('digest', a.accountId)).toBeNull();
  });

  it("a daily digest at 8 is next due at 8:00 in the account's own time zone", async () => {
    const a = await accountWithSomeoneToContact(kit, 'a@example.com', 'Jane Doe', 'America/New_York');
    // 12:00 UTC is 08:00 in New York (daylight time since 8 March): today's slot has just passed.
    const res = await a.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ frequency: 'daily', hour: 8, timeZone: 'America/New_York', nextDigestAt: '2026-03-11T12:00:00.000Z' });
    const weekly = await a.inject('PATCH', '/digest', { frequency: 'weekly', weekday: 'friday', hour: 18 });
    expect(weekly.json().nextDigestAt).toBe('2026-03-13T22:00:00.000Z');
  });

  it("the preview shows today's suggestions with reason, commonality, draft and link, escaped, and sends nothing", async () => {
    const a = await accountWithSomeoneToContact(kit, 'a@example.com');
    const res = await kit.app.inject({ method: 'POST', url: '/api/v1/digest/preview', headers: a.headers });
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.count).toBe(1);
    expect(preview.subject).toBe('Kith: 1 person to contact today (Tuesday 10 March)');
    expect(preview.text).toContain('You met Jane at Chamber <mixer> today');
    expect(preview.text).toContain('Mention: opera (interest)');
    expect(preview.text).toContain(`Open: ${PUBLIC_URL}/people/${a.personId}`);
    expect(preview.html).toContain('Chamber &lt;mixer&gt;');
    expect(preview.html).not.toContain('<mixer>');
    expect(preview.html).toContain(`href="${PUBLIC_URL}/people/${a.personId}"`);
    expect(await kit.store.repos.outbox.count(a.accountId)).toBe(0);
    expect(peer.received).toHaveLength(0);
  });

  it('at the chosen hour the digest arrives at a real SMTP peer, with List-Unsubscribe, text and HTML, and the link to the person', async () => {
    const a = await accountWithSomeoneToContact(kit, 'a@example.com');
    await a.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    kit.clock.set('2026-03-11T07:59:00Z');
    expect((await kit.scheduler.tick()).jobs.ran).toBe(0);
    kit.clock.set('2026-03-11T08:00:20Z');
    const report = await kit.scheduler.tick();
    expect(report).toEqual({ jobs: { ran: 1, failed: 0 }, mail: { sent: 1, failed: 0 } });
    expect(peer.received).toHaveLength(1);
    const [arrived] = peer.received;
    expect(arrived!.to).toEqual(['a@example.com']);
    expect(arrived!.from).toBe('digest@kith.example.org');
    const message = readMessage(arrived!.raw);
    expect(decodeHeader(message.headers.get('subject')!)).toBe('Kith: 1 person to contact today (Wednesday 11 March)');
    expect(message.headers.get('list-unsubscribe')).toMatch(new RegExp(`^<${PUBLIC_URL}/unsubscribe/u_[A-Za-z0-9_-]{43}>$`));
    expect(message.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(message.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(message.text).toContain('You met Jane at Chamber <mixer> yesterday');
    expect(message.text).toContain(`${PUBLIC_URL}/people/${a.personId}`);
    expect(message.html).toContain(`href="${PUBLIC_URL}/people/${a.personId}"`);
    expect(message.html).toContain('Unsubscribe (one click)');

    // The outbox has it, sent, and the .eml file is the very message that arrived.
    const list = (await kit.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: a.headers })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kind: 'digest', status: 'sent', to: 'a@example.com', attempts: 1, lastError: null, sentAt: '2026-03-11T08:00:20.000Z' });
    const id = list.items[0].id as string;
    expect(message.headers.get('message-id')).toBe(`<${id}@kith.example.org>`);
    expect(readFileSync(path.join(kit.outboxDir, `${id}.eml`), 'utf8').replace(/\r\n/g, '\n').trim()).toBe(arrived!.raw.replace(/\r\n/g, '\n').trim());

    // Later ticks the same day send nothing more; the job waits for tomorrow.
    kit.clock.set('2026-03-11T15:00:00Z');
    expect(await kit.scheduler.tick()).toEqual({ jobs: { ran: 0, failed: 0 }, mail: { sent: 0, failed: 0 } });
    expect(peer.received).toHaveLength(1);
    expect((await kit.app.inject({ method: 'GET', url: '/api/v1/digest', headers: a.headers })).json().nextDigestAt).toBe('2026-03-12T08:00:00.000Z');
  });

  it('names and words beyond ASCII arrive intact (UTF-8), in the text and the HTML', async () => {
    const a = await accountWithSomeoneToContact(kit, 'a@example.com', 'Zoë Ångström-Müller');
    await a.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    kit.clock.set('2026-03-11T08:00:00Z');
    await kit.scheduler.tick();
    const message = readMessage(peer.received[0]!.raw);
    expect(message.text).toContain('1. Zoë Ångström-Müller');
    expect(message.html).toContain('>Zoë Ångström-Müller</a>');
    expect(peer.received[0]!.raw).toMatch(/charset=utf-8/i);
  });

  it('the unsubscribe link works without signing in (page, then one click) and stops further digests', async () => {
    const a = await accountWithSomeoneToContact(kit, 'a@example.com');
    await a.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    kit.clock.set('2026-03-11T08:00:00Z');
    await kit.scheduler.tick();
    const link = /^<([^>]+)>/.exec(readMessage(peer.received[0]!.raw).headers.get('list-unsubscribe')!)![1]!;
    const url = new URL(link).pathname;
    expect(readMessage(peer.received[0]!.raw).text).toContain(link);

    // Opening the link (a person, or a link checker) changes nothing.
    const page = await kit.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain(`<form method="post" action="${url}">`);
    expect((await kit.app.inject({ method: 'GET', url: '/api/v1/digest', headers: a.headers })).json().unsubscribedAt).toBeNull();

    // A mail program's one-click POST (RFC 8058), no session, no CSRF token.
    const done = await kit.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('You are unsubscribed');
    const settings = (await kit.app.inject({ method: 'GET', url: '/api/v1/digest', headers: a.headers })).json();
    expect(settings).toMatchObject({ frequency: 'daily', unsubscribedAt: '2026-03-11T08:00:00.000Z', nextDigestAt: null });
    // Twice is fine (the button after the mail program).
    expect((await kit.app.inject({ method: 'POST', url })).statusCode).toBe(200);

    kit.clock.set('2026-03-12T08:00:00Z');
    await kit.scheduler.tick();
    kit.clock.set('2026-03-13T09:00:00Z');
    await kit.scheduler.tick();
    expect(peer.received).toHaveLength(1);

    // Choosing daily again subscribes anew.
    const again = await a.inject('PATCH', '/digest', { frequency: 'daily' });
    expect(again.json()).toMatchObject({ unsubscribedAt: null, nextDigestAt: '2026-03-14T08:00:00.000Z' });
  });

  it('a malformed or unknown unsubscribe link gets a plain 404 page, and nothing is changed', async () => {
    const a = await accountWithSomeoneToContact(kit, 'a@example.com');
    await a.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    for (const token of ['nonsense', 'u_' + 'A'.repeat(43), 'u_' + 'A'.repeat(42) + '%3C', '..%2F..%2Fapi']) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await kit.app.inject({ method, url: `/unsubscribe/${token}` });
        expect(res.statusCode, `${method} ${token}`).toBe(404);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toContain('This unsubscribe link is not valid');
        expect(res.body).not.toContain('<script');
      }
    }
    const settings = (await kit.app.inject({ method: 'GET', url: '/api/v1/digest', headers: a.headers })).json();
    expect(settings).toMatchObject({ frequency: 'daily', unsubscribedAt: null, nextDigestAt: '2026-03-11T08:00:00.000Z' });
  });

  it('after downtime the missed slots give one digest, not one per slot', async () => {
    const a = await accountWithSomeoneToContact(kit, 'a@example.com');
    await a.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    // No server ran from Tuesday noon to Saturday noon: four 8 o'clocks went by.
    kit.clock.set('2026-03-14T12:00:00Z');
    await kit.scheduler.tick();
    await kit.scheduler.tick();
    expect(peer.received).toHaveLength(1);
    expect(decodeHeader(readMessage(peer.received[0]!.raw).headers.get('subject')!)).toContain('(Saturday 14 March)');
    const job = await kit.store.repos.jobs.get('digest', a.accountId);
    expect(job).toMatchObject({ runAt: '2026-03-15T08:00:00.000Z', leaseOwner: null });
    // The same slot written again is refused by the outbox's key, whoever tries.
    const again = await kit.services.mail.digest.runJob(a.accountId);
    expect(again.result).toBe('already-written');
    expect(await kit.store.repos.outbox.count(a.accountId)).toBe(1);
  });

  it('a day with no suggestions sends no digest, and the next slot is kept', async () => {
    const a = await accountWithSomeoneToContact(kit, 'a@example.com');
    const b = await accountWithSomeoneToContact(kit, 'b@example.com', 'Bob Roe');
    // b has nobody to contact: the person is snoozed well past the slot.
    await b.inject('POST', `/people/${b.personId}/snooze`, { days: 30 });
    await a.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    await b.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    kit.clock.set('2026-03-11T08:00:00Z');
    expect((await kit.scheduler.tick()).jobs.ran).toBe(2);
    expect(peer.received.map((m) => m.to[0])).toEqual(['a@example.com']);
    expect(await kit.store.repos.outbox.count(b.accountId)).toBe(0);
    expect((await kit.store.repos.jobs.get('digest', b.accountId))?.runAt).toBe('2026-03-12T08:00:00.000Z');
    expect(existsSync(kit.outboxDir)).toBe(true);
  });
});
