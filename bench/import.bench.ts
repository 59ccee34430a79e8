// Imports, as the issue measures them, each against a baseline measured in the same run:
// - a 10,000-card vCard file into an account that already has 100k people, fully searchable at the end, against
//   the time ical.js takes just to parse the same file (target ≤ 6× that, and ≤ 3 s);
// - a 1,000,000-row LinkedIn-format CSV, streamed from disk: it completes, every row is accounted for, and the peak
//   RSS of the process stays ≤ 500 MB; baseline: reading the same file alone (decode + CSV parse + row mapping).
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { openPostgresBench, openSqliteBench } from './bench-db.js';
import { formatTable, type FigureRow } from './report.js';
import { seedAccount } from './seed.js';
import { formatMs, round, timed } from './stats.js';
import { openContactsFile } from '../src/app/contacts-file.js';

const TARGET_VCARD_RATIO = 6;
const TARGET_VCARD_MS = 3000;
const TARGET_RSS_MB = 500;

function vcards(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `UID:bench-${i}`,
        `FN:Imported Zebulon${i} Quixote`,
        `N:Quixote;Imported Zebulon${i};;;`,
        `ORG:Company ${i % 500}\\, Ltd;Sales`,
        'TITLE:Account Manager',
        `item1.EMAIL;TYPE=INTERNET:imported${i}@bench.example`,
        'item1.X-ABLabel:_$!<Other>!$_',
        `TEL;TYPE=CELL:+44 7700 ${String(900000 + (i % 100000)).padStart(6, '0')}`,
        'NOTE:Met at the bench\\; likes benchmarks\\, mostly.',
        'CATEGORIES:Benchmarks,Sailing',
        'END:VCARD',
      ].join('\r\n') + '\r\n',
    );
  }
  return out.join('');
}

async function writeLinkedInCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n\r\n');
  out.write('First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n');
  for (let i = 0; i < rows; i++) {
    const line = `Row${i},Person,https://www.linkedin.com/in/row${i},${i % 5 === 0 ? `row${i}@csv.example` : ''},"Company ${i % 1000}, Inc",Engineer,12 Mar 2024\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Samples the RSS while `work` runs; returns the peak in MB. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export async function benchImport(
  options: { dialect?: 'sqlite' | 'postgres'; people?: number; cards?: number; rows?: number; log?: (line: string) => void } = {},
): Promise<FigureRow[]> {
  const dialect = options.dialect ?? 'sqlite';
  const people = options.people ?? 100_000;
  const cards = options.cards ?? 10_000;
  const rows = options.rows ?? 1_000_000;
  const log = options.log ?? (() => {});
  const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const gating = dialect === 'sqlite';
  const db = dialect === 'sqlite' ? await openSqliteBench() : await openPostgresBench();
  const dir = mkdtempSync(path.join(tmpdir(), 'kith-import-bench-'));
  try {
    const { kit } = db;
    // The big CSV first, streamed from disk into an empty account: the peak RSS is the import's, not the seeding's.
    const file = path.join(dir, 'Connections.csv');
    log(`writing a ${rows}-row LinkedIn CSV…`);
    await writeLinkedInCsv(file, rows);
    const baseline = await timed(async () => {
      const opened = await openContactsFile(createReadStream(file));
      let n = 0;
      for await (const _ of opened.records) n++;
      return n;
    });
    const fresh = await kit.services.auth.signUp({ email: 'csv-bench@example.com', password: 'correct horse battery staple', timeZone: 'UTC' });
    const csv = await peakRss(() => timed(() => kit.services.imports.import(fresh.id, createReadStream(file), { onProgress: (n) => n % 100_000 === 0 && log(`  ${n} rows…`) })));
    const csvReport = csv.value.value;
    const accounted = csvReport.total === rows && csvReport.imported + csvReport.merged + csvReport.skipped === rows;
    const rate = rows / (csv.value.ms / 1000);
    log(`${rows} CSV rows: ${formatMs(csv.value.ms)} (${Math.round(rate)} rows/s), peak RSS ${Math.round(csv.peakMb)} MB, parse alone ${formatMs(baseline.ms)}`);

    log(`seeding ${people} people on ${dialect}…`);
    const { accountId } = await seedAccount(kit, { people, batchSize: 2000, log });

    // vCards into the seeded account.
    const text = vcards(cards);
    const parse = await timed(async () => ICAL.parse(text));
    const imported = await timed(() => kit.services.imports.import(accountId, [text]));
    const found = await kit.services.people.search(accountId, `zebulon${cards - 1}`, 5, 0);
    const searchable = found.items.some((p) => p.fullName === `Imported Zebulon${cards - 1} Quixote`);
    const report = imported.value;
    log(`${cards} vCards: ${formatMs(imported.ms)} (ical.js parse ${formatMs(parse.ms)}), ${report.imported} imported, ${report.skipped} skipped, searchable: ${searchable}`);

    return [
      {
        figure: `Import ${cards.toLocaleString('en')} vCards into ${people.toLocaleString('en')} people, searchable (${label})`,
        measured: `${formatMs(imported.ms)} (${report.imported} imported${searchable ? ', searchable' : ', NOT searchable'})`,
        baseline: `${formatMs(parse.ms)} ical.js parse alone`,
        ratio: round(imported.ms / parse.ms, 2),
        target: `≤ ${TARGET_VCARD_RATIO}× and ≤ ${formatMs(TARGET_VCARD_MS)}`,
        met: searchable && report.imported === cards && imported.ms <= TARGET_VCARD_MS && imported.ms / parse.ms <= TARGET_VCARD_RATIO,
        gating,
      },
      {
        figure: `Import a ${rows.toLocaleString('en')}-row LinkedIn CSV (${label})`,
        measured: `${formatMs(csv.value.ms)}, ${Math.round(rate).toLocaleString('en')} rows/s, peak RSS ${Math.round(csv.peakMb)} MB, ${csvReport.total.toLocaleString('en')} rows accounted`,
        baseline: `${formatMs(baseline.ms)} reading alone (${baseline.value.toLocaleString('en')} rows)`,
        ratio: round(csv.value.ms / baseline.ms, 2),
        target: `completes, every row accounted, peak RSS ≤ ${TARGET_RSS_MB} MB`,
        met: accounted && csv.peakMb <= TARGET_RSS_MB,
        gating,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.remove();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { postgres: { type: 'boolean' }, people: { type: 'string' }, cards: { type: 'string' }, rows: { type: 'string' } } });
  const rows = await benchImport({
    dialect: values.postgres ? 'postgres' : 'sqlite',
    ...(values.people ? { people: Number(values.people) } : {}),
    ...(values.cards ? { cards: Number(values.cards) } : {}),
    ...(values.rows ? { rows: Number(values.rows) } : {}),
    log: (line) => console.log(line),
  });
  console.log(`\n${formatTable(rows)}`);
}
