// Runs Kith's benchmarks and prints one table: figure, measured, baseline (measured in the same run), ratio,
// target, result. Writes the same as JSON to bench/results/latest.json. Exits 0 when every figure was measured,
// whether or not its target was met (it reports, it does not gate); 1 when a figure could not be measured.
//
//   npm run bench                                   everything, 100k people (builds first)
//   npx tsx bench/run-all.ts search follow-ups      a subset (see PARTS), on SQLite
//   npx tsx bench/run-all.ts postgres --people 20000
//   npx tsx bench/run-all.ts web                    the web app's figures (needs `npm run build` and Chromium)
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openPostgresBench, openSqliteBench, type BenchDatabase } from './bench-db.js';
import { seedAccount, type SeededAccount } from './seed.js';
import { benchSearch, searchPrefixes } from './search.bench.js';
import { benchFollowUps, benchSuggestions } from './follow-ups.bench.js';
import { benchHttp } from './http.bench.js';
import { benchStartup } from './startup.bench.js';
import { stopAllChildren } from './child-server.js';
import { closeAllBrowsers } from './browsers.js';
import { benchWebApp } from './web-app.bench.js';
import { benchShareMatching } from './shares.bench.js';
import { benchCalendarFeed } from './calendar-feed.bench.js';
import { benchDigests } from './digest.bench.js';
import { benchCardDav } from './carddav.bench.js';
import { benchDuplicates } from './duplicates.bench.js';
import { benchImport } from './import.bench.js';
import { benchOrganizer } from './organizer.bench.js';
import { errorRow, followUpRows, httpRows, searchRows, seedRows, startupRows, suggestionRows } from './figure-rows.js';
import { formatTable, missedTargets, writeResults, type FigureRow } from './report.js';

const PARTS = ['search', 'follow-ups', 'http', 'startup', 'web', 'shares', 'feed', 'digest', 'duplicates', 'carddav', 'import', 'organizer', 'pg-search', 'pg-follow-ups'] as const;
type Part = (typeof PARTS)[number];
const ALIASES: Record<string, Part[]> = { postgres: ['pg-search', 'pg-follow-ups'], pg: ['pg-search', 'pg-follow-ups'] };

const USAGE = `usage: tsx bench/run-all.ts [part…] [--people N] [--duration S] [--startup-runs N] [--prefixes N] [--calls N]
                             [--lighthouse-runs N] [--page-runs N]
parts: ${PARTS.join(', ')} (postgres = pg-search + pg-follow-ups); none = all`;

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const OPTIONS = {
  people: { type: 'string', default: '100000' },
  duration: { type: 'string', default: '10' },
  'startup-runs': { type: 'string', default: '5' },
  prefixes: { type: 'string', default: '300' },
  calls: { type: 'string', default: '50' },
  'lighthouse-runs': { type: 'string', default: '3' },
  'page-runs': { type: 'string', default: '7' },
  help: { type: 'boolean', default: false },
} as const;

const { values: flags, positionals } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
})();
const count = (name: keyof typeof flags) => {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n <= 0) usageError(`--${name} must be a positive whole number`);
  return n;
};
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}
const people = count('people');
const parts = new Set<Part>(
  positionals.length === 0
    ? PARTS
    : positionals.flatMap((p) => {
        if (ALIASES[p]) return ALIASES[p];
        if ((PARTS as readonly string[]).includes(p)) return [p as Part];
        return usageError(`unknown part "${p}"`);
      }),
);

const rows: FigureRow[] = [];
const details: Record<string, unknown> = {};
const opened: BenchDatabase[] = [];
let failed = false;
let interrupted = false;
const log = (line: string) => console.log(line);

/** Stops the servers and removes the databases, once: the signal handler and the normal end share it. */
let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await closeAllBrowsers();
    await stopAllChildren();
    for (const db of opened.splice(0)) await db.remove().catch((e: unknown) => console.error(`cleanup: ${String(e)}`));
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: removing the bench databases…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Runs one figure; an error becomes a row of its own and the other figures still run. */
async function figure(name: string, work: () => Promise<FigureRow[]>): Promise<void> {
  log(`\n▶ ${name}`);
  try {
    const produced = await work();
    rows.push(...produced);
    for (const r of produced) log(`  ${r.figure}: ${r.measured} (baseline ${r.baseline})`);
  } catch (error) {
    failed = true;
    if (!interrupted) console.error(error);
    rows.push(errorRow(name, error));
  }
}

async function seed(db: BenchDatabase, batchSize: number): Promise<SeededAccount> {
  log(`\n▶ seeding ${people} people on ${db.kit.store.dialect} (batches of ${batchSize})`);
  const seeded = await seedAccount(db.kit, { people, batchSize, log });
  rows.push(...seedRows(db.kit.store.dialect, seeded));
  const version = db.kit.store.dialect === 'sqlite' ? sql<{ v: string }>`SELECT sqlite_version() AS v` : sql<{ v: string }>`SELECT version() AS v`;
  const engine = (await version.execute(db.kit.store.db)).rows[0]?.v ?? null;
  details[`seed_${db.kit.store.dialect}`] = { engine, seedMs: seeded.seedMs, rows: seeded.rows, states: seeded.states };
  log(`  ${(seeded.seedMs / 1000).toFixed(1)} s; rows ${JSON.stringify(seeded.rows)}; follow-up states ${JSON.stringify(seeded.states)}`);
  return seeded;
}

function requireBuild(): void {
  if (!existsSync(fileURLToPath(new URL('../dist/server.js', import.meta.url)))) {
    throw new Error('dist/server.js is missing: run `npm run build` first (npm run bench does)');
  }
}

async function searchAndFollowUps(db: BenchDatabase, seeded: SeededAccount, gating: boolean, which: { search: boolean; followUps: boolean }) {
  const dialect = db.kit.store.dialect;
  if (which.search) {
    await figure(`search on ${dialect}`, async () => {
      const f = await benchSearch(db.kit, seeded, searchPrefixes(seeded.samples, count('prefixes')));
      details[`search_${dialect}`] = f;
      log(`  slowest: ${f.slowest.map((s) => `"${s.prefix}" ${s.ms.toFixed(1)} ms`).join(', ')}; ids only p50 ${f.kithIdsOnly.p50.toFixed(2)} ms p99 ${f.kithIdsOnly.p99.toFixed(2)} ms`);
      log(`  prefixes finding nobody: ${f.empty.kith} (Kith), ${f.empty.baseline} (LIKE)`);
      return searchRows(f, gating);
    });
  }
  if (which.followUps) {
    await figure(`follow-up list on ${dialect}`, async () => {
      const f = await benchFollowUps(db.kit, seeded, count('calls'));
      details[`follow_ups_${dialect}`] = f;
      log(`  shown ${JSON.stringify(f.shown)}`);
      return followUpRows(f, gating);
    });
    await figure(`suggestions on ${dialect}`, async () => {
      const f = await benchSuggestions(db.kit, seeded, count('calls'));
      details[`suggestions_${dialect}`] = f;
      return suggestionRows(f, gating);
    });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  log(`Kith benchmarks: ${people} people; parts ${[...parts].join(', ')}; node ${process.version}; ${cpus().length} CPUs`);
  if (parts.has('search') || parts.has('follow-ups') || parts.has('http') || parts.has('startup') || parts.has('web')) {
    const db = await openSqliteBench();
    opened.push(db);
    const seeded = await seed(db, 500);
    await searchAndFollowUps(db, seeded, true, { search: parts.has('search'), followUps: parts.has('follow-ups') });
    // The servers open the file themselves: close ours, which also checkpoints the write-ahead log into it.
    await db.close();
    if (parts.has('http')) {
      await figure('GET /api/v1/people/:id under load', async () => {
        requireBuild();
        const f = await benchHttp({ dataDir: db.dataDir!, token: seeded.token, personIds: seeded.personIds, durationS: count('duration'), log });
        details.http = f;
        return httpRows(f);
      });
    }
    if (parts.has('startup')) {
      await figure('start to first 200', async () => {
        requireBuild();
        const f = await benchStartup(db.dataDir!, count('startup-runs'));
        details.startup = f;
        log(`  ${f.kithCommand}: ${f.kith.map((ms) => ms.toFixed(0)).join(', ')} ms; baseline ${f.baseline.map((ms) => ms.toFixed(0)).join(', ')} ms`);
        return startupRows(f);
      });
    }
    if (parts.has('web')) {
      await benchWebApp({ dataDir: db.dataDir!, lighthouseRuns: count('lighthouse-runs'), pageRuns: count('page-runs'), details, log }, figure);
    }
    await db.remove();
  }
  // Issue 5: each part seeds a database of its own, shaped for what it measures, and removes it.
  if (parts.has('shares')) await figure('things to share (100k people × 5 commonalities)', () => benchShareMatching({ dialect: 'sqlite', people, log }));
  if (parts.has('feed')) await figure('calendar feed (10k items)', () => benchCalendarFeed({ dialect: 'sqlite', log }));
  if (parts.has('digest')) {
    await figure('digests for 1,000 accounts over SMTP', async () => {
      const db = await openSqliteBench();
      opened.push(db);
      try {
        return await benchDigests(db.kit.store, { accounts: 1000, log });
      } finally {
        await db.remove();
      }
    });
  }
  // Issue 6.
  if (parts.has('duplicates')) await figure('duplicate pairs (100k people)', () => benchDuplicates({ people, log }));
  if (parts.has('import')) await figure('import: 10k vCards into 100k people; 1M-row LinkedIn CSV', () => benchImport({ log }));
  if (parts.has('carddav')) await figure('CardDAV sync with vdirsyncer (10k cards)', async () => (await benchCardDav({ log })).rows);
  // Issue 7.
  if (parts.has('organizer')) await figure('organizer: the public event page; 300 RSVPs at once on PostgreSQL', () => benchOrganizer({ log }));
  if (parts.has('pg-search') || parts.has('pg-follow-ups')) {
    await figure('PostgreSQL', async () => {
      const db = await openPostgresBench();
      opened.push(db);
      const seeded = await seed(db, 1000);
      await searchAndFollowUps(db, seeded, false, { search: parts.has('pg-search'), followUps: parts.has('pg-follow-ups') });
      await db.remove();
      return [];
    });
  }

  if (interrupted) return;
  const total = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\nResults (${people} people, ${total} s in all; medians and percentiles over the samples, ratios within this run)\n`);
  console.log(formatTable(rows));
  const missed = missedTargets(rows);
  console.log(missed.length === 0 ? '\nEvery target was met.' : `\nTargets MISSED (${missed.length}):\n${missed.map((r) => `  ✗ ${r.figure}: ${r.measured} (target ${r.target})`).join('\n')}`);
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = null;
  }
  const file = writeResults({
    date: new Date().toISOString(),
    command: `tsx bench/run-all.ts ${process.argv.slice(2).join(' ')}`.trim(),
    commit,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    people,
    parts: [...parts],
    seconds: Number(total),
    rows,
    missed: missed.map((r) => r.figure),
    details,
  });
  console.log(`\nWritten to ${file}`);
}

try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await cleanUp();
}
process.exit(interrupted ? 130 : failed ? 1 : 0);
