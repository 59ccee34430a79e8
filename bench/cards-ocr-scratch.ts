// Card reading measured on the development set (shared fixtures/cards): share of each card's printed lines found in
// the OCR text, per degradation; time per card (median and p90 after a warm-up card); pool start-up; peak RSS;
// event-loop delay while reading. The baseline in the same run reads the same cards with the plain preparation
// (grey, normalise, 1500 px wide: no card finding, no turning), through the same pool.
//
//   npx tsx bench/cards-ocr-scratch.ts [--psm 11] [--dir test/fixtures/cards] [--turned] [--show] [--dump /tmp/x]
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { OcrPool } from '../src/app/cards/ocr-pool.js';
import { readCard } from '../src/app/cards/read-card.js';
import { prepareCardImage } from '../src/app/cards/card-image.js';
import { withoutNoise } from '../src/app/cards/ocr-lines.js';

const { values: args } = parseArgs({
  options: {
    psm: { type: 'string' },
    dir: { type: 'string', default: fileURLToPath(new URL('../test/fixtures/cards', import.meta.url)) },
    turned: { type: 'boolean', default: false },
    show: { type: 'boolean', default: false },
    dump: { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
    size: { type: 'string' },
    langs: { type: 'string' },
    only: { type: 'string' },
  },
});

interface Truth {
  image: string;
  degradation: string;
  printedLines: string[];
  qr: string | null;
}

interface Sample {
  name: string;
  degradation: string;
  truth: Truth;
  image: Buffer;
}

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function recall(truth: string[], text: string): { found: number; missed: string[]; exact: number } {
  const haystack = fold(text);
  const missed = truth.filter((line) => !haystack.includes(fold(line)));
  // Stricter: the printed line is one OCR line, neither split nor merged with its neighbours.
  const lines = new Set(text.split('\n').map(fold));
  const exact = truth.filter((line) => lines.has(fold(line))).length;
  return { found: truth.length - missed.length, missed, exact };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);

const samples: Sample[] = [];
for (const file of readdirSync(args.dir).filter((f) => f.endsWith('.json')).sort()) {
  const truth = JSON.parse(readFileSync(path.join(args.dir, file), 'utf8')) as Truth;
  const image = readFileSync(path.join(args.dir, truth.image));
  const name = file.replace('.json', '');
  if (args.only && !new RegExp(args.only).test(truth.degradation)) continue;
  samples.push({ name, degradation: truth.degradation, truth, image });
  if (args.turned) {
    for (const angle of [90, 180, 270]) {
      samples.push({ name: `${name}@${angle}`, degradation: `turned${angle}`, truth, image: await sharp(image).rotate(angle).toBuffer() });
    }
  }
}

const startedAt = performance.now();
const pool = new OcrPool({ pageSegMode: args.psm, size: args.size ? Number(args.size) : undefined, languages: args.langs?.split('+') });
await pool.start();
const startup = performance.now() - startedAt;
console.log(`pool: ${pool.size} workers started in ${Math.round(startup)} ms, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);

// Warm-up (OpenCV load, first recognitions): not counted.
if (samples.length === 0) throw new Error(`no cards in ${args.dir}`);
await readCard(pool, samples[0]!.image).catch(() => undefined);
await readCard(pool, (samples[1] ?? samples[0])!.image).catch(() => undefined);

interface Outcome {
  found: number;
  exact: number;
  total: number;
  ms: number;
}
const results = new Map<string, { pipeline: Outcome; baseline?: Outcome }>();
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const steps: Record<string, number[]> = {};
let qrFound = 0;
let qrWanted = 0;
for (const sample of samples) {
  const t0 = performance.now();
  let text = '';
  try {
    const card = await readCard(pool, sample.image);
    text = card.text;
    for (const [step, ms] of Object.entries(card.timings)) (steps[step] ??= []).push(ms);
    if (sample.truth.qr) {
      qrWanted += 1;
      if (card.qrText === sample.truth.qr) qrFound += 1;
    }
    if (args.dump) {
      mkdirSync(args.dump, { recursive: true });
      const prepared = await prepareCardImage(sample.image);
      writeFileSync(path.join(args.dump, `${sample.name}.png`), prepared.ocrImage);
    }
  } catch (error) {
    console.log(sample.name, 'failed:', (error as Error).message);
  }
  const ms = performance.now() - t0;
  const { found, missed, exact } = recall(sample.truth.printedLines, text);
  results.set(sample.name, { pipeline: { found, exact, total: sample.truth.printedLines.length, ms } });
  const line = `${sample.name.padEnd(10)} ${sample.degradation.padEnd(12)} ${String(Math.round(ms)).padStart(5)} ms  ${found}/${sample.truth.printedLines.length}`;
  console.log(line, missed.length ? `missed: ${JSON.stringify(missed)}` : '');
  if (args.show) console.log('   ', JSON.stringify(text.split('\n')));
}
loopDelay.disable();

if (!args['no-baseline']) {
  for (const sample of samples) {
    const t0 = performance.now();
    const plain = await sharp(sample.image).rotate().grayscale().normalise().resize({ width: 1500 }).png().toBuffer();
    const ocr = await pool.recognize(plain);
    const text = withoutNoise(ocr.lines)
      .map((l) => l.text)
      .join('\n');
    const { found, exact } = recall(sample.truth.printedLines, text);
    results.get(sample.name)!.baseline = { found, exact, total: sample.truth.printedLines.length, ms: performance.now() - t0 };
  }
}
await pool.close();
clearInterval(rssTimer);

const byKind = new Map<string, { found: number; exact: number; total: number; baseFound: number; cards: number }>();
for (const sample of samples) {
  const r = results.get(sample.name)!;
  const kind = byKind.get(sample.degradation) ?? { found: 0, exact: 0, total: 0, baseFound: 0, cards: 0 };
  kind.found += r.pipeline.found;
  kind.exact += r.pipeline.exact;
  kind.total += r.pipeline.total;
  kind.baseFound += r.baseline?.found ?? 0;
  kind.cards += 1;
  byKind.set(sample.degradation, kind);
}
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`.padStart(6);
console.log('\nprinted lines found in the text, per degradation: pipeline | plain baseline  (pipeline, line read exactly as one OCR line)');
let all = { found: 0, exact: 0, total: 0, base: 0 };
for (const [kind, k] of [...byKind.entries()].sort()) {
  console.log(`  ${kind.padEnd(14)} ${String(k.cards).padStart(3)} cards  ${pct(k.found, k.total)} | ${pct(k.baseFound, k.total)}   (${pct(k.exact, k.total)})`);
  all = { found: all.found + k.found, exact: all.exact + k.exact, total: all.total + k.total, base: all.base + k.baseFound };
}
console.log(`  ${'all'.padEnd(14)} ${String(samples.length).padStart(3)} cards  ${pct(all.found, all.total)} | ${pct(all.base, all.total)}   (${pct(all.exact, all.total)})`);
const times = [...results.values()].map((r) => r.pipeline.ms);
const baseTimes = [...results.values()].flatMap((r) => (r.baseline ? [r.baseline.ms] : []));
console.log(`\ntime per card: median ${Math.round(quantile(times, 0.5))} ms, p90 ${Math.round(quantile(times, 0.9))} ms (plain: median ${baseTimes.length ? Math.round(quantile(baseTimes, 0.5)) : '-'} ms)`);
console.log('steps (median ms):', Object.entries(steps).map(([k, v]) => `${k} ${Math.round(quantile(v, 0.5))}`).join(', '));
console.log(`QR codes read: ${qrFound}/${qrWanted}`);
console.log(`pool start-up ${Math.round(startup)} ms; peak RSS ${Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1e6)} MB`);
console.log(`event-loop delay while reading: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`);
