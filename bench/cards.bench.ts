// `npm run bench:cards [folder]`: how well and how fast Kith reads business cards, against the ground truth of a
// folder of cards (cardNN.json + its image; default: ../shared/fixtures/cards, else test/fixtures/cards), and the
// same cards read by Debian's `tesseract` CLI with the same field extractor, as a baseline measured in this run.
//
// Printed: per field and overall, the share of fields read exactly (normalised as src/core/card-accuracy.ts says);
// seconds per card after a warm-up (median, p90); the reader's start-up; the process's peak RSS while reading.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createCardReader } from '../src/app/card-reader.js';
import { extractCardFields } from '../src/core/card-fields.js';
import { parseQrPayload } from '../src/core/card-qr.js';
import { fieldsExact, SCORED_CARD_FIELDS, type CardTruth, type ScoredCardField } from '../src/core/card-accuracy.js';
import { median, percentile } from './stats.js';
import { formatTable, type FigureRow } from './report.js';

const run = promisify(execFile);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Card {
  id: string;
  image: string;
  degradation: string;
  truth: CardTruth;
}

function loadCards(folder: string): Card[] {
  return readdirSync(folder)
    .filter((f) => /^card.*\.json$/.test(f))
    .sort()
    .map((f) => {
      const json = JSON.parse(readFileSync(join(folder, f), 'utf8')) as CardTruth & { id: string; image: string; degradation?: string };
      return { id: json.id, image: join(folder, json.image), degradation: json.degradation ?? '?', truth: json };
    })
    .filter((c) => existsSync(c.image));
}

interface Scored {
  exact: Record<ScoredCardField, boolean>;
  seconds: number;
}

function present(truth: CardTruth, field: ScoredCardField): boolean {
  const value = { name: truth.name, title: truth.title, company: truth.company, email: truth.email, phone: truth.phone?.length ? 'x' : null, website: truth.website, address: truth.address }[field];
  return Boolean(value);
}

function shares(cards: Card[], scores: Scored[]) {
  const perField = Object.fromEntries(
    SCORED_CARD_FIELDS.map((field) => {
      const judged = cards.map((c, i) => ({ c, s: scores[i]! })).filter(({ c }) => present(c.truth, field));
      return [field, { exact: judged.filter(({ s }) => s.exact[field]).length, of: judged.length }];
    }),
  ) as Record<ScoredCardField, { exact: number; of: number }>;
  const exact = Object.values(perField).reduce((n, f) => n + f.exact, 0);
  const of = Object.values(perField).reduce((n, f) => n + f.of, 0);
  return { perField, overall: { exact, of } };
}

const pct = (x: { exact: number; of: number }) => (x.of ? (100 * x.exact) / x.of : Number.NaN);
const fmtPct = (x: { exact: number; of: number }) => `${pct(x).toFixed(1)}% (${x.exact}/${x.of})`;

async function tesseractCli(): Promise<string | null> {
  try {
    const { stdout } = await run('tesseract', ['--list-langs']);
    return ['eng', 'deu', 'fra'].every((l) => stdout.includes(l)) ? 'eng+deu+fra' : 'eng';
  } catch {
    return null;
  }
}

async function main() {
  const args = process.argv.slice(2);
  // --no-baseline: skip the CLI side (while trying changes; the figures quoted always include it).
  const withBaseline = !args.includes('--no-baseline');
  const folderArg = args.find((a) => !a.startsWith('--'));
  const folder = resolve(folderArg ?? (existsSync(join(repo, '../shared/fixtures/cards')) ? join(repo, '../shared/fixtures/cards') : join(repo, 'test/fixtures/cards')));
  const cards = loadCards(folder);
  if (cards.length === 0) throw new Error(`no cardNN.json with its image in ${folder}`);
  console.log(`Reading ${cards.length} cards from ${folder}\n`);

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

  const started = performance.now();
  const reader = await createCardReader();
  const startupMs = performance.now() - started;
  await reader.allWarm();
  const allWarmMs = performance.now() - started;
  const kith: Scored[] = [];
  try {
    // One unmeasured card: the first read pays for lazy set-up (OpenCV, the workers' first page).
    await reader.read(readFileSync(cards[0]!.image));
    for (const card of cards) {
      const image = readFileSync(card.image);
      const t = performance.now();
      const reading = await reader.read(image);
      const draft = extractCardFields(reading.lines, { defaultRegion: card.truth.country, qr: reading.qrText ? parseQrPayload(reading.qrText) : null });
      const seconds = (performance.now() - t) / 1000;
      const exact = fieldsExact(draft, card.truth);
      kith.push({ exact, seconds });
      const wrong = SCORED_CARD_FIELDS.filter((f) => present(card.truth, f) && !exact[f]);
      console.log(`  ${card.id} ${card.degradation.padEnd(12)} ${seconds.toFixed(2)} s  ${wrong.length ? `wrong: ${wrong.join(', ')}` : 'all exact'}`);
    }
  } finally {
    clearInterval(sampler);
    await reader.close();
  }

  const cliLanguages = withBaseline ? await tesseractCli() : null;
  const cli: Scored[] = [];
  if (cliLanguages) {
    console.log(`\nBaseline: Debian's tesseract CLI (-l ${cliLanguages}, OMP_THREAD_LIMIT=1, default page segmentation), same extractor`);
    for (const card of cards) {
      const t = performance.now();
      const { stdout } = await run('tesseract', [card.image, 'stdout', '-l', cliLanguages], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 24 });
      const seconds = (performance.now() - t) / 1000;
      const lines = stdout.split('\n').map((text) => ({ text, confidence: 90 })).filter((l) => l.text.trim());
      cli.push({ exact: fieldsExact(extractCardFields(lines, { defaultRegion: card.truth.country, qr: null }), card.truth), seconds });
    }
  } else {
    console.log('\nBaseline skipped: Debian\'s tesseract is not installed (apt-get install -y tesseract-ocr tesseract-ocr-deu tesseract-ocr-fra)');
  }

  const k = shares(cards, kith);
  const c = cli.length ? shares(cards, cli) : null;
  const ks = kith.map((s) => s.seconds);
  const cs = cli.map((s) => s.seconds);
  const photoLike = cards.map((card, i) => ({ card, i })).filter(({ card }) => /photo|persp/.test(card.degradation));
  const kPhoto = shares(photoLike.map((p) => p.card), photoLike.map((p) => kith[p.i]!));
  const cPhoto = c ? shares(photoLike.map((p) => p.card), photoLike.map((p) => cli[p.i]!)) : null;

  const rows: FigureRow[] = [
    { figure: 'fields exact, overall', measured: fmtPct(k.overall), baseline: c ? `${fmtPct(c.overall)} CLI` : '—', ratio: c ? pct(k.overall) / pct(c.overall) : null, target: '≥ 90%', met: pct(k.overall) >= 90, gating: true },
    ...SCORED_CARD_FIELDS.map((field): FigureRow => {
      const target = field === 'email' || field === 'phone' ? '≥ 95%' : 'context';
      return { figure: `  ${field}`, measured: fmtPct(k.perField[field]), baseline: c ? fmtPct(c.perField[field]) : '—', ratio: null, target, met: target === 'context' ? null : pct(k.perField[field]) >= 95, gating: target !== 'context' };
    }),
    { figure: 'fields exact, photo-like cards', measured: fmtPct(kPhoto.overall), baseline: cPhoto ? `${fmtPct(cPhoto.overall)} CLI` : '—', ratio: null, target: 'context', met: null, gating: false },
    { figure: 'seconds per card, median', measured: `${median(ks).toFixed(2)} s`, baseline: cs.length ? `${median(cs).toFixed(2)} s CLI` : '—', ratio: cs.length ? median(ks) / median(cs) : null, target: '≤ 1.0 s', met: median(ks) <= 1, gating: true },
    { figure: 'seconds per card, p90', measured: `${percentile(ks, 90).toFixed(2)} s`, baseline: cs.length ? `${percentile(cs, 90).toFixed(2)} s CLI` : '—', ratio: cs.length ? percentile(ks, 90) / percentile(cs, 90) : null, target: '≤ 2 s', met: percentile(ks, 90) <= 2, gating: true },
    { figure: 'start-up: first worker warm, OpenCV loaded', measured: `${(startupMs / 1000).toFixed(2)} s`, baseline: '—', ratio: null, target: '≤ 1 s', met: startupMs <= 1000, gating: true },
    { figure: 'start-up: every worker warm', measured: `${(allWarmMs / 1000).toFixed(2)} s`, baseline: '—', ratio: null, target: 'context', met: null, gating: false },
    { figure: 'peak RSS while reading', measured: `${Math.round(peakRss / 1048576)} MB`, baseline: '—', ratio: null, target: '≤ 600 MB', met: peakRss <= 600 * 1048576, gating: true },
  ];
  console.log(`\n${formatTable(rows)}\n`);
  const results = join(repo, 'bench/results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'cards.json'), `${JSON.stringify({ folder, cards: cards.length, at: new Date().toISOString(), rows, perCard: cards.map((card, i) => ({ id: card.id, degradation: card.degradation, seconds: kith[i]!.seconds, exact: kith[i]!.exact, cli: cli[i] ?? null })) }, null, 2)}\n`);
  console.log(`Written to ${join(results, 'cards.json')} (medians over ${cards.length} cards after one warm-up read)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
