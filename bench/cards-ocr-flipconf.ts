// OCR confidence of each development card read upright and upside down, with the text-layout certainty: the
// figures behind the turned-reading rule in src/app/cards/read-card.ts.   npx tsx bench/cards-ocr-flipconf.ts
import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import sharp from 'sharp';
import { OcrPool } from '../src/app/cards/ocr-pool.js';
import { prepareCardImage } from '../src/app/cards/card-image.js';
const pool = new OcrPool({ pageSegMode: process.argv[2] ?? '11' });
await pool.start();
const dir = fileURLToPath(new URL('../test/fixtures/cards', import.meta.url));
for (const f of readdirSync(dir).filter((f) => /^card\d+\.(png|jpg)$/.test(f)).sort()) {
  const p = await prepareCardImage(readFileSync(`${dir}/${f}`));
  const t = performance.now();
  const [a, b] = await Promise.all([pool.recognize(p.ocrImage), sharp(p.ocrImage).rotate(180).png().toBuffer().then((x) => pool.recognize(x))]);
  console.log(f, p.rotation, p.uprightCertainty.toFixed(2), 'conf', Math.round(a.confidence), 'turned', Math.round(b.confidence), 'lines', a.lines.length, b.lines.length, Math.round(performance.now() - t), JSON.stringify(p.timings));
}
await pool.close();
