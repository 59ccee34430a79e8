// The outbox: kept without SMTP (database, .eml file, API); with SMTP, refusals and a server that is down leave the
// message queued with the reason and retried with backoff, sent once when the server accepts; two senders at once
// send it once; and one account never sees another's messages or digest settings.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers.js';
import { accountWithSomeoneToContact, createMailKit, type MailKit } from './mail-kit.js';
import { freePort, startSmtpPeer, type SmtpPeer } from './smtp-peer.js';
import { createScheduler } from '../src/jobs/scheduler.js';
import { retryDelayMs } from '../src/app/outbox.service.js';

const SLOT = '2026-03-11T08:00:00Z';

describe('the retry delay', () => {
  it('doubles from one minute and stays at one hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 30].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});

describe.each(DIALECTS)('the outbox on %s', (dialect) => {
  let kit: MailKit | null = null;
  let peer: SmtpPeer | null = null;
  afterEach(async () => {
    await kit?.close();
    await peer?.close();
    kit = null;
    peer = null;
  });

  async function subscribed(k: MailKit, email: string) {
    const a = await accountWithSomeoneToContact(k, email);
    await a.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    return a;
  }

  /** An account whose daily digest is due now. */
  async function dueDigest(k: MailKit, email = 'a@example.com') {
    const a = await subscribed(k, email);
    k.clock.set(SLOT);
    return a;
  }

  it('without an SMTP server the digest is kept: in the database, as an .eml file, and in the API', async () => {
    kit = await createMailKit(dialect, '2026-03-10T12:00:00Z');
    const a = await dueDigest(kit);
    expect(await kit.scheduler.tick()).toEqual({ jobs: { ran: 1, failed: 0 }, mail: { sent: 0, failed: 0 } });
    const list = (await kit.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: a.headers })).json();
    expect(list).toMatchObject({ total: 1, sending: false });
    expect(list.items[0]).toMatchObject({ kind: 'digest', status: 'kept', attempts: 0, sentAt: null, nextAttemptAt: null });
    const detail = (await kit.app.inject({ method: 'GET', url: `/api/v1/outbox/${list.items[0].id}`, headers: a.headers })).json().message;
    expect(detail.text).toContain('You met Jane at Chamber <mixer> yesterday');
    expect(detail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(readdirSync(kit.outboxDir)).toEqual([`${detail.id}.eml`]);
    expect(readFileSync(path.join(kit.outboxDir, `${detail.id}.eml`), 'utf8')).toBe(detail.raw);
    // Kept means kept: later ticks do not send it.
    kit.clock.set('2026-03-11T20:00:00Z');
    expect((await kit.scheduler.tick()).mail.sent).toBe(0);
  });

  it.each(['refuse-550', 'refuse-451'] as const)('a server that refuses (%s) leaves the message queued with its reason; it is retried with backoff and sent once when accepted', async (mode) => {
    peer = await startSmtpPeer();
    peer.mode = mode;
    kit = await createMailKit(dialect, '2026-03-10T12:00:00Z', { smtpUrl: peer.url });
    const a = await dueDigest(kit);
    expect((await kit.scheduler.tick()).mail).toEqual({ sent: 0, failed: 1 });
    const first = (await kit.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: a.headers })).json().items[0];
    expect(first).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: '2026-03-11T08:01:00.000Z' });
    expect(first.lastError).toContain(mode === 'refuse-550' ? '550' : '451');

    // Not before its time; then again, a minute later: two minutes to wait.
    kit.clock.set('2026-03-11T08:00:59Z');
    expect((await kit.scheduler.tick()).mail).toEqual({ sent: 0, failed: 0 });
    kit.clock.set('2026-03-11T08:01:00Z');
    expect((await kit.scheduler.tick()).mail).toEqual({ sent: 0, failed: 1 });
    expect(await kit.store.repos.outbox.get(a.accountId, first.id)).toMatchObject({ status: 'queued', attempts: 2, nextAttemptAt: '2026-03-11T08:03:00.000Z' });

    peer.mode = 'accept';
    kit.clock.set('2026-03-11T08:03:00Z');
    expect((await kit.scheduler.tick()).mail).toEqual({ sent: 1, failed: 0 });
    kit.clock.set('2026-03-11T09:00:00Z');
    expect((await kit.scheduler.tick()).mail).toEqual({ sent: 0, failed: 0 });
    expect(peer.received).toHaveLength(1);
    expect(await kit.store.repos.outbox.get(a.accountId, first.id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null, sentAt: '2026-03-11T08:03:00.000Z' });
  });

  it('a server that is down leaves the messages queued with the reason; they are sent once when the server is back', async () => {
    const port = await freePort();
    kit = await createMailKit(dialect, '2026-03-10T12:00:00Z', { smtpUrl: `smtp://127.0.0.1:${port}` });
    await subscribed(kit, 'b@example.com');
    await subscribed(kit, 'c@example.com');
    const a = await dueDigest(kit);
    // One attempt finds the server down; the others wait for the next round instead of timing out in turn.
    expect(await kit.scheduler.tick()).toEqual({ jobs: { ran: 3, failed: 0 }, mail: { sent: 0, failed: 1 } });
    const rows = await kit.store.db.selectFrom('outbox').select(['status', 'attempts', 'last_error']).orderBy('attempts', 'desc').execute();
    expect(rows.map((r) => [r.status, Number(r.attempts)])).toEqual([['queued', 1], ['queued', 0], ['queued', 0]]);
    expect(rows[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);
    const [first] = await kit.store.repos.outbox.list(a.accountId, 10, 0);

    peer = await startSmtpPeer(port);
    kit.clock.set('2026-03-11T08:01:00Z');
    expect((await kit.scheduler.tick()).mail).toEqual({ sent: 3, failed: 0 });
    kit.clock.set('2026-03-11T09:00:00Z');
    expect((await kit.scheduler.tick()).mail).toEqual({ sent: 0, failed: 0 });
    expect(peer.received.map((m) => m.to[0]).sort()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
    expect(peer.received.some((m) => m.raw.includes(`Message-ID: <${first!.id}@kith.example.org>`))).toBe(true);
  });

  it('two servers ticking at the same moment write and send each digest once', async () => {
    peer = await startSmtpPeer();
    kit = await createMailKit(dialect, '2026-03-10T12:00:00Z', { smtpUrl: peer.url });
    const emails = ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'];
    for (const email of emails) {
      const account = await accountWithSomeoneToContact(kit, email);
      await account.inject('PATCH', '/digest', { frequency: 'daily', hour: 8 });
    }
    kit.clock.set(SLOT);
    const servers = ['one', 'two', 'three', 'four'].map((owner) => createScheduler(kit!.services, { tickMs: 3_600_000, owner }));
    const reports = await Promise.all(servers.map((server) => server.tick()));
    expect(reports.reduce((n, r) => n + r.jobs.ran, 0)).toBe(4);
    expect(peer.received.map((m) => m.to[0]).sort()).toEqual(emails);
  });

  it('work left by a server that died (a job or a message under lease) is taken up once its lease runs out, once', async () => {
    peer = await startSmtpPeer();
    kit = await createMailKit(dialect, '2026-03-10T12:00:00Z', { smtpUrl: peer.url });
    const a = await dueDigest(kit);
    // The other server claimed the job at 08:00 and died: its five-minute lease holds the job until 08:05.
    const claimed = await kit.store.repos.jobs.claimDue('dead-server', '2026-03-11T08:00:00.000Z', '2026-03-11T08:05:00.000Z', 10);
    expect(claimed.map((j) => j.accountId)).toEqual([a.accountId]);
    kit.clock.set('2026-03-11T08:04:59Z');
    expect((await kit.scheduler.tick()).jobs.ran).toBe(0);
    kit.clock.set('2026-03-11T08:05:01Z');
    expect(await kit.scheduler.tick()).toEqual({ jobs: { ran: 1, failed: 0 }, mail: { sent: 1, failed: 0 } });

    // The same for a message: claimed for sending by a server that died before the SMTP server answered.
    const b = await subscribed(kit, 'b@example.com');
    kit.clock.set('2026-03-12T08:00:00Z');
    const stalled = createScheduler(kit.services, { tickMs: 3_600_000, owner: 'dying-server' });
    await kit.services.mail.jobs.runDue(stalled.owner, kit.services.mail.jobHandlers);
    const [message] = await kit.store.repos.outbox.list(b.accountId, 10, 0);
    await kit.store.db.updateTable('outbox').set({ status: 'sending', attempts: 1, lease_until: '2026-03-12T08:05:00.000Z' }).where('id', '=', message!.id).execute();
    // a's digest of the day goes; b's waits for the lease.
    expect((await kit.scheduler.tick()).mail.sent).toBe(1);
    expect(peer.received.filter((m) => m.to[0] === 'b@example.com')).toHaveLength(0);
    kit.clock.set('2026-03-12T08:05:01Z');
    expect((await kit.scheduler.tick()).mail.sent).toBe(1);
    kit.clock.set('2026-03-12T09:00:00Z');
    expect((await kit.scheduler.tick()).mail.sent).toBe(0);
    expect(peer.received.filter((m) => m.to[0] === 'b@example.com')).toHaveLength(1);
    expect(await kit.store.repos.outbox.get(b.accountId, message!.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it("one account never sees another's outbox or digest settings", async () => {
    kit = await createMailKit(dialect, '2026-03-10T12:00:00Z');
    const a = await dueDigest(kit);
    const b = await accountWithSomeoneToContact(kit, 'b@example.com', 'Bob Roe');
    await kit.scheduler.tick();
    const [message] = await kit.store.repos.outbox.list(a.accountId, 10, 0);
    const asB = (method: 'GET' | 'POST', url: string) => kit!.app.inject({ method, url: `/api/v1${url}`, headers: b.headers });
    expect((await asB('GET', '/outbox')).json()).toEqual({ items: [], total: 0, sending: false });
    const other = await asB('GET', `/outbox/${message!.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('KITH_OUTBOX_MESSAGE_NOT_FOUND');
    expect((await asB('GET', '/digest')).json()).toMatchObject({ frequency: 'off', nextDigestAt: null });
    const preview = (await asB('POST', '/digest/preview')).json();
    expect(preview.text).not.toContain('Jane');
    expect(preview.text).toContain('Bob Roe');
    expect(existsSync(path.join(kit.outboxDir, `${message!.id}.eml`))).toBe(true);
  });
});
