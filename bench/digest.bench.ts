// Figure (issue 5): digests for 1,000 accounts, SMTP to a local peer: the time, and zero duplicates. 1,000 accounts,
// each with a few people overdue for a follow-up, all with a daily digest due now; the scheduler runs one round
// (claim the jobs, write 1,000 digests to the outbox, send them through nodemailer's SMTP transport to an
// smtp-server peer on 127.0.0.1) and the peer counts what arrived per account. Baseline in the same run: the same
// 1,000 rendered messages sent straight through nodemailer to the same peer, with no database and no scheduler.
// Alone: `npx tsx bench/digest.bench.ts [--accounts 1000] [--sqlite-only]`.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { newId } from '../src/app/ids.js';
import type { Store } from '../src/db/store.js';
import { createServices } from '../src/app/services.js';
import { defaultSettings } from '../src/app/auth.service.js';
import type { Clock } from '../src/app/context.js';
import { createMailer } from '../src/mail/create-mailer.js';
import { createScheduler } from '../src/jobs/scheduler.js';
import { formatTable, type FigureRow } from './report.js';

export interface DigestBenchOptions {
  accounts?: number;
  peoplePerAccount?: number;
  log?: (line: string) => void;
}

interface CountingPeer {
  url: string;
  perRecipient: Map<string, number>;
  total(): number;
  close(): Promise<void>;
}

async function startCountingPeer(): Promise<CountingPeer> {
  const perRecipient = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 1_048_576,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) perRecipient.set(r.address, (perRecipient.get(r.address) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    perRecipient,
    total: () => [...perRecipient.values()].reduce((a, b) => a + b, 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

class MovableClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

const FIRST_NAMES = ['Jane', 'Omar', 'Li', 'Ana', 'Kofi', 'Sofia', 'Raj', 'Emma', 'Yuki', 'Lars'];
const LAST_NAMES = ['Doe', 'Haddad', 'Wei', 'Silva', 'Mensah', 'Rossi', 'Patel', 'Berg', 'Sato', 'Olsen'];
const TOPICS = ['opera', 'sailing', 'hiring engineers', 'marathons', 'jazz'];

export async function benchDigests(store: Store, options: DigestBenchOptions = {}): Promise<FigureRow[]> {
  const accounts = options.accounts ?? 1000;
  const perAccount = options.peoplePerAccount ?? 3;
  const log = options.log ?? (() => {});
  const dialect = store.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const now = new Date();
  // People added 20 days ago are overdue now (14 days for someone just met).
  const clock = new MovableClock(new Date(now.getTime() - 20 * 86_400_000));
  const services = createServices({ store, clock, newId, config: { passwordHashCost: 10, sessionDays: 30 } });

  const seedStarted = performance.now();
  const emails: string[] = [];
  for (let a = 0; a < accounts; a++) {
    const id = newId();
    const email = `digest-${a}@bench.example`;
    await store.transaction((repos) => repos.accounts.create({ id, email, passwordHash: 'bench: no sign-in', createdAt: clock.now().toISOString() }, defaultSettings('Europe/London')));
    for (let p = 0; p < perAccount; p++) {
      const k = a * perAccount + p;
      await services.people.create(id, {
        fullName: `${FIRST_NAMES[k % 10]} ${LAST_NAMES[Math.floor(k / 10) % 10]}`,
        emails: [{ value: `p${k}@people.example` }],
        commonalities: [{ kind: 'interest', text: TOPICS[k % TOPICS.length]! }],
      });
    }
    await services.mail.digest.updateSettings(id, { frequency: 'daily', hour: 8 });
    emails.push(email);
    if (a % 200 === 199) log(`  … ${a + 1} accounts`);
  }
  // Every digest due at the same moment, now.
  await store.db.updateTable('jobs').set({ run_at: new Date(now.getTime() - 60_000).toISOString() }).execute();
  const seedMs = performance.now() - seedStarted;
  clock.current = new Date();

  const peer = await startCountingPeer();
  const mailer = createMailer({ smtpUrl: peer.url, outboxDir: null, messageIdDomain: 'bench.example' });
  services.mail.configure(mailer, { publicUrl: 'https://kith.bench.example', from: 'Kith <digest@bench.example>' });
  const scheduler = createScheduler(services, { tickMs: 3_600_000, owner: 'bench' });
  try {
    const started = performance.now();
    const report = await scheduler.tick();
    const ms = performance.now() - started;
    // A second round must find nothing to do: no digest is written or sent twice.
    clock.current = new Date();
    const second = await scheduler.tick();
    const unique = emails.filter((e) => peer.perRecipient.has(e)).length;
    const duplicates = peer.total() - unique;
    const missing = accounts - unique;
    log(`  ${dialect}: round ${Math.round(ms)} ms, ${JSON.stringify(report)}; second round ${JSON.stringify(second)}`);

    // Baseline: the same rendered messages, straight through nodemailer to a fresh peer.
    const raws = await store.db.selectFrom('outbox').select(['to_address', 'from_address', 'raw']).execute();
    const basePeer = await startCountingPeer();
    const transport = nodemailer.createTransport({ url: basePeer.url, pool: true, maxConnections: 2, maxMessages: 500 } as Parameters<typeof nodemailer.createTransport>[0]);
    const baseStarted = performance.now();
    for (const r of raws) await transport.sendMail({ envelope: { from: 'digest@bench.example', to: [r.to_address] }, raw: r.raw });
    const baseMs = performance.now() - baseStarted;
    transport.close();
    await basePeer.close();

    const perSecond = (n: number, t: number) => Math.round((n / t) * 1000);
    return [
      {
        figure: `digests for ${accounts.toLocaleString('en')} accounts, SMTP to a local peer (${dialect})`,
        measured: `${(ms / 1000).toFixed(2)} s (${perSecond(unique, ms)}/s), ${duplicates} duplicates, ${missing} missing`,
        baseline: `${(baseMs / 1000).toFixed(2)} s: ${raws.length} rendered messages through nodemailer alone`,
        ratio: baseMs > 0 ? ms / baseMs : null,
        target: 'the time; zero duplicates, none missing',
        met: duplicates === 0 && missing === 0 && second.mail.sent === 0 && second.jobs.ran === 0,
        gating: store.dialect === 'sqlite',
      },
      {
        figure: `  seeding ${accounts.toLocaleString('en')} accounts × ${perAccount} people and digest settings (${dialect})`,
        measured: `${(seedMs / 1000).toFixed(1)} s`,
        baseline: '—',
        ratio: null,
        target: '—',
        met: null,
        gating: false,
      },
    ];
  } finally {
    await scheduler.stop();
    await mailer.close();
    await peer.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const accounts = Number(args[args.indexOf('--accounts') + 1] ?? 1000) || 1000;
  const { openSqliteBench, openPostgresBench } = await import('./bench-db.js');
  const rows: FigureRow[] = [];
  const openers = args.includes('--sqlite-only') ? [openSqliteBench] : [openSqliteBench, openPostgresBench];
  for (const open of openers) {
    let db: Awaited<ReturnType<typeof open>> | null = null;
    try {
      db = await open();
      console.log(`digests: ${db.kit.store.dialect}, ${accounts} accounts…`);
      const measured = await benchDigests(db.kit.store, { accounts, log: console.log });
      console.log(formatTable(measured));
      rows.push(...measured);
    } catch (error) {
      console.error(`digests on ${db?.kit.store.dialect ?? 'a database'} could not run:`, error);
      process.exitCode = 1;
    } finally {
      // pg-pool's end() resolves before its sockets have closed; a DROP DATABASE … WITH (FORCE) at once can kill a
      // closing connection, whose error then has no listener. A moment between the two avoids it.
      await db?.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await db?.remove();
    }
  }
  if (rows.length > 2) console.log(`\n${formatTable(rows)}`);
}
