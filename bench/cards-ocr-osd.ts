// Tesseract's orientation detection (OSD) on the development cards turned four ways, for comparison with the
// text-layout call in src/app/cards/card-orientation.ts: accuracy and time per card. OSD needs the legacy engine
// and a worker of its own.   npx tsx bench/cards-ocr-osd.ts
import { fileURLToPath } from 'node:url';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import Tesseract from 'tesseract.js';
import { prepareCardImage } from '../src/app/cards/card-image.js';
const osdFolder = mkdtempSync(path.join(os.tmpdir(), 'kith-osd-'));
const osdPackage = path.dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/osd/package.json'));
copyFileSync(path.join(osdPackage, '4.0.0', 'osd.traineddata.gz'), path.join(osdFolder, 'osd.traineddata.gz'));
const t0 = performance.now();
const w = await Tesseract.createWorker('osd', Tesseract.OEM.TESSERACT_ONLY, { langPath: osdFolder, gzip: true, cacheMethod: 'none', legacyCore: true, legacyLang: true, errorHandler: () => undefined });
console.log('osd worker', Math.round(performance.now() - t0), 'ms');
const dir = fileURLToPath(new URL('../test/fixtures/cards', import.meta.url));
let ok = 0, n = 0; const times: number[] = [];
for (const f of readdirSync(dir).filter((f) => /^card\d+\.(png|jpg)$/.test(f)).sort()) {
  const prepared = await prepareCardImage(readFileSync(`${dir}/${f}`));
  const row: string[] = [];
  for (const angle of [0, 90, 180, 270]) {
    const img = await sharp(prepared.ocrImage).rotate(angle).resize({ width: 1000 }).png().toBuffer();
    const t = performance.now();
    const { data } = await w.detect(img);
    times.push(performance.now() - t);
    // OSD reports the turn counter-clockwise, sharp's rotate() is clockwise.
    const good = data.orientation_degrees === (360 - angle) % 360;
    ok += good ? 1 : 0; n++;
    row.push(`${angle}:${data.orientation_degrees}/${data.orientation_confidence?.toFixed(1)}${good ? '' : ' BAD'}`);
  }
  console.log(f, row.join('  '));
}
times.sort((a, b) => a - b);
console.log(`OSD right on ${ok}/${n}; median ${Math.round(times[times.length >> 1]!)} ms a card`);
await w.terminate();
