// The databases a bench run seeds: SQLite in a fresh temporary folder, PostgreSQL in a fresh database of its own
// (kith_bench_<pid>_<time>). Each comes with a cleanup that removes it, run at the end and on failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { newId } from '../src/app/ids.js';
import { openDatabase } from '../src/db/create-db.js';
import { Store } from '../src/db/store.js';
import { createServices } from '../src/app/services.js';
import { DEFAULT_APP_CONFIG, systemClock } from '../src/app/context.js';
import type { BenchKit } from './seed.js';

export const PG_ADMIN_URL = process.env.KITH_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  kit: BenchKit;
  /** The SQLite data folder (KITH_DATA_DIR for a server), or null on PostgreSQL. */
  dataDir: string | null;
  /** Closes the connection; the data stays until `remove`. */
  close(): Promise<void>;
  /** Closes and deletes the data. Safe to call twice. */
  remove(): Promise<void>;
}

function kitOn(store: Store): BenchKit {
  // The production wiring (system clock, UUIDv7 ids, the real scrypt cost), as `kith serve` builds it.
  return { store, services: createServices({ store, clock: systemClock, newId, config: DEFAULT_APP_CONFIG }) };
}

/** `work` the first time it is called; later calls wait for that same run. */
function once(work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= work());
}

export async function openSqliteBench(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kith-bench-'));
  const store = new Store(await openDatabase({ dataDir }));
  const close = once(() => store.close());
  return {
    kit: kitOn(store),
    dataDir,
    close,
    remove: once(async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    }),
  };
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function openPostgresBench(): Promise<BenchDatabase> {
  const name = `kith_bench_${process.pid}_${Date.now().toString(36)}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  let store: Store;
  try {
    store = new Store(await openDatabase({ databaseUrl: url.toString(), dataDir: ':memory:' }));
  } catch (error) {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    throw error;
  }
  const close = once(() => store.close());
  return {
    kit: kitOn(store),
    dataDir: null,
    close,
    remove: once(async () => {
      await close();
      // pg's pool.end() resolves before its sockets have closed; forcing the drop then kills a closing connection,
      // whose error has no handler left. Wait (up to 5 s) until the server has seen them go.
      await admin(async (c) => {
        for (let waited = 0; waited < 5000; waited += 50) {
          const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (Number(rows[0]?.n ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    }),
  };
}
