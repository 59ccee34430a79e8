// Seeds one account with N people, fast and faithfully: the account and its API token through the real services,
// then people and everything that comes with them inserted directly in batches, one transaction per batch, with
// the derived columns computed by the same code refreshPerson uses (see seed-people.ts).
import { performance } from 'node:perf_hooks';
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Database } from '../src/db/schema.js';
import type { Store } from '../src/db/store.js';
import type { Services } from '../src/app/services.js';
import type { FollowUpState } from '../src/core/follow-up-schedule.js';
import { localDateOf } from '../src/core/calendar-date.js';
import { mulberry32, pick, uuidV7At, EVENT_NAMES } from './seed-data.js';
import { seedPerson, type SeedEvent } from './seed-people.js';

export interface BenchKit {
  store: Store;
  services: Services;
}

/** Words a person would type the start of: from names, companies and commonalities of seeded people. */
export interface SearchSample {
  fullName: string;
  company: string | null;
  commonalities: string[];
}

export interface SeededAccount {
  accountId: string;
  /** A bearer API token of the account (`kith_…`). */
  token: string;
  timeZone: string;
  personIds: string[];
  samples: SearchSample[];
  rows: Record<string, number>;
  states: Record<FollowUpState, number>;
  seedMs: number;
}

export interface SeedOptions {
  people: number;
  /** People per transaction. */
  batchSize: number;
  seed?: number;
  log?: (line: string) => void;
}

const YEAR_MS = 365 * 86_400_000;
const TIME_ZONE = 'Europe/London';
/** The seeded account's credentials: the web benchmark signs in with them, as a person would. */
export const BENCH_EMAIL = 'bench@example.com';
export const BENCH_PASSWORD = 'correct horse battery staple';
/** Bind parameters per statement: SQLite allows 32 766, PostgreSQL 65 535. */
const MAX_PARAMS = { sqlite: 30_000, postgres: 60_000 } as const;

type TableName = keyof Database;

async function insertChunked<T extends TableName>(trx: Transaction<Database>, table: T, rows: Insertable<Database[T]>[], maxParams: number): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]!).length;
  const chunk = Math.max(1, Math.floor(maxParams / perRow));
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely's generic insert typing cannot follow a table name held in a type parameter.
    await trx.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
  }
}

function makeEvents(accountId: string, nowMs: number, rng: () => number): { rows: Insertable<Database['events']>[]; events: SeedEvent[] } {
  const rows: Insertable<Database['events']>[] = [];
  const events: SeedEvent[] = [];
  // One evening event every three days for three years, up to today.
  for (let startMs = nowMs - 3 * YEAR_MS; startMs <= nowMs; startMs += 3 * 86_400_000) {
    const day = localDateOf(new Date(startMs), TIME_ZONE);
    const startsAt = `${day}T18:00:00.000Z`;
    const id = uuidV7At(Date.parse(startsAt), rng);
    const name = `${pick(rng, EVENT_NAMES)} ${day.slice(0, 7)}`;
    const at = new Date(Math.min(Date.parse(startsAt), nowMs)).toISOString();
    rows.push({
      id, account_id: accountId, name, starts_at: startsAt, ends_at: `${day}T21:00:00.000Z`, time_zone: TIME_ZONE, place: 'Zürich',
      link: null, role: 'attending', goal: 3, created_at: at, updated_at: at,
    });
    events.push({ id, name, day });
  }
  return { rows, events };
}

export async function seedAccount(kit: BenchKit, options: SeedOptions): Promise<SeededAccount> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const rng = mulberry32(options.seed ?? 20_260_310);
  const { store, services } = kit;
  const maxParams = MAX_PARAMS[store.dialect];

  const account = await services.auth.signUp({ email: BENCH_EMAIL, password: BENCH_PASSWORD, timeZone: TIME_ZONE });
  const { token } = await services.auth.createToken(account.id, 'bench');
  const settings = await store.repos.accounts.getSettings(account.id);
  const nowMs = services.ctx.clock.now().getTime();
  const today = localDateOf(new Date(nowMs), settings.timeZone);

  const { rows: eventRows, events } = makeEvents(account.id, nowMs, rng);
  await store.db.transaction().execute((trx) => insertChunked(trx, 'events', eventRows, maxParams));

  const rows: Record<string, number> = { events: eventRows.length };
  const states: Record<FollowUpState, number> = { ok: 0, soon: 0, due: 0, overdue: 0 };
  const personIds: string[] = [];
  const samples: SearchSample[] = [];
  const sampleEvery = Math.max(1, Math.floor(options.people / 2000));
  // People were added over three years, in order: ids, rowids and created_at all grow together, as in real use.
  const firstMs = nowMs - 3 * YEAR_MS;
  const stepMs = (3 * YEAR_MS - 3_600_000) / options.people;

  for (let start = 0; start < options.people; start += options.batchSize) {
    const batch = Array.from({ length: Math.min(options.batchSize, options.people - start) }, (_, k) => {
      const i = start + k;
      return seedPerson({ rng, accountId: account.id, settings, today, nowMs, createdMs: Math.floor(firstMs + i * stepMs + rng() * stepMs * 0.9), events });
    });
    await store.db.transaction().execute(async (trx) => {
      const tables: [TableName, Insertable<Database[TableName]>[]][] = [
        ['people', batch.map((b) => b.person)],
        ['person_contacts', batch.flatMap((b) => b.contacts)],
        ['commonalities', batch.flatMap((b) => b.commonalities)],
        ['interactions', batch.flatMap((b) => b.interactions)],
        ['event_people', batch.flatMap((b) => b.eventPeople)],
        ['promises', batch.flatMap((b) => b.promises)],
        ['stage_history', batch.flatMap((b) => b.stageHistory)],
      ];
      for (const [table, tableRows] of tables) {
        await insertChunked(trx, table, tableRows, maxParams);
        rows[table] = (rows[table] ?? 0) + tableRows.length;
      }
    });
    for (const [k, b] of batch.entries()) {
      personIds.push(b.person.id);
      states[b.state] += 1;
      if ((start + k) % sampleEvery === 0) {
        samples.push({ fullName: b.person.full_name, company: b.person.company ?? null, commonalities: b.commonalities.map((c) => c.text) });
      }
    }
    if ((start / options.batchSize) % 20 === 19) log(`  … ${start + batch.length} people`);
  }
  // PostgreSQL's autovacuum would analyze tables this size within a minute of such a load; do it now, so the planner
  // has the statistics it would have in real use. (SQLite has no such daemon and Kith runs no ANALYZE: left as is.)
  if (store.dialect === 'postgres') await sql`ANALYZE`.execute(store.db);
  // The account's settings and today's date shape the follow-up list; keep them visible in the output.
  log(`  today ${today} (${settings.timeZone}); events ${eventRows.length} from ${eventRows[0]?.starts_at.slice(0, 10)} to ${today}`);
  return { accountId: account.id, token, timeZone: settings.timeZone, personIds, samples, rows, states, seedMs: performance.now() - started };
}
