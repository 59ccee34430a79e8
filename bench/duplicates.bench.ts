// Duplicates on an account with 100k people: the whole candidate list (blocking queries, sub-blocking by name keys,
// scoring, dismissed pairs, sorting) through DuplicatesService.findPairs, against its baseline measured in the same
// run: the blocking queries alone (shared e-mails, shared phones, company blocks, e-mails by domain). Comparing all
// pairs is not a baseline anyone could wait for: n(n-1)/2 is about 5·10⁹ comparisons at 100k; the row says how many
// pairs blocking actually scores. Also one merge and its undo on that account, each one transaction.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openPostgresBench, openSqliteBench } from './bench-db.js';
import { formatTable, type FigureRow } from './report.js';
import { seedAccount } from './seed.js';
import { distribution, formatMs, round, timed } from './stats.js';

const TARGET_LIST_MS = 3000;
const TARGET_MERGE_MS = 200;

export async function benchDuplicates(
  options: { dialect?: 'sqlite' | 'postgres'; people?: number; runs?: number; log?: (line: string) => void } = {},
): Promise<FigureRow[]> {
  const dialect = options.dialect ?? 'sqlite';
  const people = options.people ?? 100_000;
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => {});
  const db = dialect === 'sqlite' ? await openSqliteBench() : await openPostgresBench();
  try {
    const { kit } = db;
    log(`seeding ${people} people on ${dialect}…`);
    const seeded = await seedAccount(kit, { people, batchSize: 2000, log });
    const { accountId } = seeded;
    const repo = kit.store.repos.duplicates;
    const blockingOnly = async () => {
      const counts = await Promise.all([repo.sharedContacts(accountId, 'email'), repo.sharedContacts(accountId, 'phone'), repo.companyBlockMembers(accountId), repo.emailsWithNames(accountId)]);
      return counts.reduce((n, rows) => n + rows.length, 0);
    };
    const full = () => kit.services.duplicates.findPairs(accountId);
    await blockingOnly();
    const warm = await full();
    const listTimes: number[] = [];
    const keptTimes: number[] = [];
    const baseTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      baseTimes.push((await timed(blockingOnly)).ms);
      // After a change (someone added), the pairs are found again; with nothing changed, the kept ones are given.
      await kit.services.people.create(accountId, { fullName: `Bench Newcomer ${i}`, emails: [{ value: `newcomer${i}@bench.example` }] });
      listTimes.push((await timed(full)).ms);
      keptTimes.push((await timed(full)).ms);
    }
    const list = distribution(listTimes);
    const kept = distribution(keptTimes);
    const base = distribution(baseTimes);
    const page = await timed(() => kit.services.duplicates.list(accountId, 50, 0));
    const certain = warm.filter((p) => p.certain).length;
    log(`${warm.length} pairs (${certain} certain) in ${formatMs(list.p50)}; blocking alone ${formatMs(base.p50)}`);

    // One merge and its undo, on the best pair.
    const best = warm[0];
    let mergeMs = Number.NaN;
    let undoMs = Number.NaN;
    if (best) {
      const merged = await timed(() => kit.services.duplicates.merge(accountId, best.a, best.b));
      mergeMs = merged.ms;
      undoMs = (await timed(() => kit.services.duplicates.undo(accountId, merged.value.merge.id))).ms;
    }
    const all = (people * (people - 1)) / 2;
    const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    return [
      {
        figure: `Duplicate pairs of ${people.toLocaleString('en')} people, whole list (${label})`,
        measured: `${formatMs(list.p50)} p50 (${warm.length} pairs, ${certain} certain)`,
        baseline: `${formatMs(base.p50)} blocking queries alone`,
        ratio: round(list.p50 / base.p50, 2),
        // The issue names no figure for this; 3 s is Kith's own aim, reported but not gating.
        target: `≤ ${formatMs(TARGET_LIST_MS)} (own aim)`,
        met: list.p50 <= TARGET_LIST_MS,
        gating: false,
      },
      {
        figure: `Duplicate pairs, whole list again with nothing changed (${label})`,
        measured: `${formatMs(kept.p50)} p50`,
        baseline: `${formatMs(list.p50)} found again after a change`,
        ratio: round(kept.p50 / list.p50, 3),
        target: '—',
        met: null,
        gating: false,
      },
      {
        figure: `First page of 50 pairs with both people (${label})`,
        measured: formatMs(page.ms),
        baseline: `${formatMs(list.p50)} whole list found again`,
        ratio: round(page.ms / list.p50, 2),
        target: '—',
        met: null,
        gating: false,
      },
      {
        figure: `Pairs scored after blocking vs all pairs (${label})`,
        measured: `${warm.length.toLocaleString('en')} shown`,
        baseline: `${all.toExponential(1)} all pairs`,
        ratio: null,
        target: '—',
        met: null,
        gating: false,
      },
      {
        figure: `Merge / undo one pair on ${people.toLocaleString('en')} people (${label})`,
        measured: `${formatMs(mergeMs)} / ${formatMs(undoMs)}`,
        baseline: '—',
        ratio: null,
        target: `≤ ${formatMs(TARGET_MERGE_MS)} each`,
        met: mergeMs <= TARGET_MERGE_MS && undoMs <= TARGET_MERGE_MS,
        gating: false,
      },
    ];
  } finally {
    await db.remove();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { postgres: { type: 'boolean' }, people: { type: 'string' }, runs: { type: 'string' } } });
  const rows = await benchDuplicates({
    dialect: values.postgres ? 'postgres' : 'sqlite',
    ...(values.people ? { people: Number(values.people) } : {}),
    ...(values.runs ? { runs: Number(values.runs) } : {}),
    log: (line) => console.log(line),
  });
  console.log(`\n${formatTable(rows)}`);
}
