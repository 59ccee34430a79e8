// Shared test helpers: a fresh database per dialect (SQLite in memory; a PostgreSQL schema of its own inside the
// run's database), a pinned clock, ordered ids, and the app built on them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../src/db/create-db.js';
import type { DialectName } from '../src/db/dialect.js';
import { Store } from '../src/db/store.js';
import { createServices, type Services } from '../src/app/services.js';
import type { Clock } from '../src/app/context.js';
import { buildApp, type App } from '../src/http/build-app.js';
import type { CardReader } from '../src/app/card-scan.service.js';

export const pgUrl = process.env.KITH_TEST_PG_URL || null;

/** The dialects to run on: SQLite always, PostgreSQL when the run has a database (always in CI). */
export const DIALECTS: DialectName[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export async function openTestDatabase(dialect: DialectName): Promise<OpenDatabase> {
  if (dialect === 'sqlite') return openDatabase({ dataDir: ':memory:' });
  if (!pgUrl) throw new Error('no PostgreSQL for this run');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return openDatabase({ databaseUrl: url.toString(), dataDir: ':memory:' });
}

export class PinnedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

/** UUID-shaped ids that sort in the order they were made, like UUIDv7. */
export function orderedIds(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

export interface TestKit {
  store: Store;
  services: Services;
  clock: PinnedClock;
  close(): Promise<void>;
}

export async function createTestKit(dialect: DialectName, now = '2026-03-10T12:00:00Z', options: { cardReader?: () => Promise<CardReader> } = {}): Promise<TestKit> {
  const database = await openTestDatabase(dialect);
  const store = new Store(database);
  const clock = new PinnedClock(new Date(now));
  const services = createServices({ store, clock, newId: orderedIds(), config: { passwordHashCost: 10, sessionDays: 30 } }, options);
  return {
    store,
    services,
    clock,
    close: async () => {
      await services.cards.close();
      await store.close();
    },
  };
}

export interface AppKit extends TestKit {
  app: App;
}

export async function createAppKit(dialect: DialectName, now?: string, options: { cardReader?: () => Promise<CardReader> } = {}): Promise<AppKit> {
  const kit = await createTestKit(dialect, now, options);
  const app = await buildApp({ services: kit.services, docs: true, signInPerMinute: 1000 });
  return {
    ...kit,
    app,
    close: async () => {
      await app.close();
      await kit.close();
    },
  };
}

/** Signs up and returns a bearer header for the new account. */
export async function signUpWithToken(kit: TestKit, email: string, timeZone = 'Europe/London'): Promise<{ accountId: string; headers: Record<string, string> }> {
  const account = await kit.services.auth.signUp({ email, password: 'correct horse battery', timeZone });
  const { token } = await kit.services.auth.createToken(account.id, 'test');
  return { accountId: account.id, headers: { authorization: `Bearer ${token}` } };
}

export type ApiCall = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => Promise<Awaited<ReturnType<App['inject']>>>;

/** Calls /api/v1 as one account; the kit and headers are read at call time (they are set in beforeAll). */
export function apiAs(kit: () => AppKit, headers: () => Record<string, string>): ApiCall {
  return (method, url, payload) =>
    kit().app.inject({ method, url: `/api/v1${url}`, headers: headers(), ...(payload !== undefined ? { payload: payload as object } : {}) });
}
