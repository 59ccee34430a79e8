// OCR pool start-up, measured in a fresh process each time (run it a few times): from `new OcrPool()` to warm
// workers, for 1 and 2 workers, and the first card read after it.   npx tsx bench/cards-ocr-startup.ts [workers]
import { readFileSync } from 'node:fs';
import { OcrPool } from '../src/app/cards/ocr-pool.js';
import { readCard } from '../src/app/cards/read-card.js';

const size = Number(process.argv[2] ?? 2);
const t0 = performance.now();
const pool = new OcrPool({ size });
await pool.start();
const started = performance.now() - t0;
const t1 = performance.now();
await readCard(pool, readFileSync(new URL('../test/fixtures/cards/card01.png', import.meta.url)));
const first = performance.now() - t1;
console.log(`${size} worker(s): start ${Math.round(started)} ms, first card ${Math.round(first)} ms (OpenCV loads with it), rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
await pool.close();
