// The hard one: two `kith serve` processes on one fresh PostgreSQL database and one SMTP peer, many accounts due at
// the same moment. Each server's scheduler ticks every second and claims jobs and messages in the database; each
// digest must arrive exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/create-db.js';
import { Store } from '../src/db/store.js';
import { createServices } from '../src/app/services.js';
import { buildApp } from '../src/http/build-app.js';
import { orderedIds, PinnedClock, pgUrl, type AppKit } from './helpers.js';
import { accountWithSomeoneToContact } from './mail-kit.js';
import { startSmtpPeer, waitFor, type SmtpPeer } from './smtp-peer.js';

const ACCOUNTS = 60;
const children: ChildProcess[] = [];

async function freshSchemaUrl(): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl! });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(pgUrl!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

function startKith(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--no-log'], {
    env: { ...process.env, KITH_SERVER: '', KITH_TOKEN: '', KITH_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return waitFor(() => output.includes('Kith is running at') || child.exitCode !== null, 60_000).then(() => {
    if (child.exitCode !== null) throw new Error(`kith serve exited: ${output}`);
    return { child, output: () => output };
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

describe.skipIf(!pgUrl)('two Kith servers on one PostgreSQL', () => {
  let peer: SmtpPeer | null = null;
  afterAll(async () => {
    await Promise.all(children.map(stop));
    await peer?.close();
  });

  it('send each of many digests due at the same moment exactly once', { timeout: 120_000 }, async () => {
    peer = await startSmtpPeer();
    const databaseUrl = await freshSchemaUrl();

    // The accounts, made three days ago by the clock of this process: everyone met then is overdue now.
    const database = await openDatabase({ databaseUrl, dataDir: ':memory:' });
    const store = new Store(database);
    const clock = new PinnedClock(new Date(Date.now() - 3 * 86_400_000));
    const services = createServices({ store, clock, newId: orderedIds(), config: { passwordHashCost: 10, sessionDays: 30 } });
    const app = await buildApp({ services, docs: false });
    const kit = { store, services, clock, app, close: async () => {} } as AppKit;
    const emails: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const email = `person${i}@example.com`;
      const account = await accountWithSomeoneToContact(kit, email, `Jane ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}lder`);
      const res = await account.inject('PATCH', '/digest', { frequency: 'daily', hour: i % 24 });
      expect(res.statusCode).toBe(200);
      emails.push(email);
    }
    // Held back until both servers run, then all due at once.
    await store.db.updateTable('jobs').set({ run_at: '9999-01-01T00:00:00.000Z' }).execute();

    const env = { DATABASE_URL: databaseUrl, KITH_SMTP_URL: peer.url, KITH_JOBS_TICK_SECONDS: '1', KITH_PUBLIC_URL: 'https://kith.example.org' };
    const servers = await Promise.all([
      startKith({ ...env, KITH_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kith-a-')) }),
      startKith({ ...env, KITH_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kith-b-')) }),
    ]);
    await store.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 60_000).toISOString() }).execute();

    await waitFor(() => peer!.received.length >= ACCOUNTS, 60_000);
    // A few more ticks of both servers: nothing else may arrive.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const received = peer.received.map((m) => m.to[0]).sort();
    expect(received).toEqual([...emails].sort());
    const rows = await store.db.selectFrom('outbox').select(['status', 'attempts']).execute();
    expect(rows).toHaveLength(ACCOUNTS);
    expect(rows.every((r) => r.status === 'sent' && Number(r.attempts) === 1)).toBe(true);
    const jobs = await store.db.selectFrom('jobs').select(['run_at', 'lease_owner']).execute();
    expect(jobs.every((j) => j.run_at > new Date().toISOString() && j.lease_owner === null)).toBe(true);

    await Promise.all(servers.map((s) => stop(s.child)));
    for (const server of servers) expect(server.output()).toContain('Kith has stopped.');
    await app.close();
    await store.close();
  });
});
