// Reading business card photos end to end: the image pipeline (card found, flattened, turned upright), the OCR pool
// and the errors a person sees for files that are not card photos. Real OCR on the development cards, no mocks.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrPool } from '../src/app/cards/ocr-pool.js';
import { readCard } from '../src/app/cards/read-card.js';
import { prepareCardImage } from '../src/app/cards/card-image.js';
import type { KithError } from '../src/core/errors.js';

const folders = [fileURLToPath(new URL('./fixtures/cards/', import.meta.url)), fileURLToPath(new URL('../../shared/fixtures/cards/', import.meta.url))];
const folder = folders.find((f) => existsSync(`${f}card01.json`));

interface Truth {
  image: string;
  name: string;
  email: string;
  qr: string | null;
}

function card(id: string): { image: Buffer; truth: Truth } {
  if (!folder) throw new Error(`no fixture cards in ${folders.join(' or ')}`);
  const truth = JSON.parse(readFileSync(`${folder}${id}.json`, 'utf8')) as Truth;
  return { image: readFileSync(`${folder}${truth.image}`), truth };
}

/** Case and spacing as OCR may give them. */
const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');

/** A PNG whose header claims width × height pixels, with a few bytes of pixel data: a decompression bomb's outside. */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const idat = deflateSync(Buffer.alloc(1024));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as KithError).code;
  }
  return 'no error';
}

describe('reading a business card photo', () => {
  let pool: OcrPool;

  beforeAll(async () => {
    pool = new OcrPool({ size: 2 });
    await pool.start();
  });
  afterAll(() => pool.close());

  it('a clean card gives its name and e-mail as lines of text', async () => {
    const { image, truth } = card('card01');
    const read = await readCard(pool, image);
    const lines = read.lines.map((l) => fold(l.text));
    expect(lines).toContain(fold(truth.name));
    expect(lines).toContain(fold(truth.email));
    expect(read.text).toBe(read.lines.map((l) => l.text).join('\n'));
    expect(read.qrText).toBeNull();
  });

  it('a photo of a card lying at an angle on a table is found, flattened and read', async () => {
    const { image, truth } = card('card13');
    const prepared = await prepareCardImage(image);
    expect(prepared.cardFound).toBe(true);
    const read = await readCard(pool, image);
    expect(fold(read.text)).toContain(fold(truth.name));
    expect(fold(read.text)).toContain(fold(truth.email));
  });

  it('a card photographed upside down is turned and read', async () => {
    const { image, truth } = card('card02');
    const read = await readCard(pool, await sharp(image).rotate(180).toBuffer());
    expect(fold(read.text)).toContain(fold(truth.name));
    expect(fold(read.text)).toContain(fold(truth.email));
  });

  it('a card photographed sideways is turned and read', async () => {
    const { image, truth } = card('card01');
    const read = await readCard(pool, await sharp(image).rotate(90).toBuffer());
    expect(fold(read.text)).toContain(fold(truth.name));
    expect(fold(read.text)).toContain(fold(truth.email));
  });

  it('a card with a QR code gives the vCard in it, and the code is not read as text', async () => {
    const { image, truth } = card('card05');
    const read = await readCard(pool, image);
    expect(read.qrText).toBe(truth.qr);
    expect(read.qrText).toMatch(/^BEGIN:VCARD/);
    expect(fold(read.text)).toContain(fold(truth.name));
    // QR modules read as letters would come out as many short lines of noise.
    expect(read.lines.length).toBeLessThanOrEqual(9);
  });

  it('a phone photo stored sideways with an EXIF orientation is taken the way the camera says', async () => {
    const { image } = card('card01');
    // Pixels turned a quarter anticlockwise, and the tag (6) that tells viewers to turn them back clockwise.
    const sideways = await sharp(image).rotate(-90).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const prepared = await prepareCardImage(sideways);
    expect(Math.abs(prepared.rotation)).toBeLessThan(1);
  });

  it('WebP and AVIF photos are read too', async () => {
    const { image } = card('card02');
    for (const converted of [await sharp(image).webp().toBuffer(), await sharp(image).avif().toBuffer()]) {
      const prepared = await prepareCardImage(converted);
      expect((await sharp(prepared.ocrImage).metadata()).width).toBe(1500);
    }
  });

  it('keeps a JPEG thumbnail of the flattened card, about 1000 px wide', async () => {
    const read = await readCard(pool, card('card13').image);
    const thumbnail = await sharp(read.thumbnail).metadata();
    expect(thumbnail.format).toBe('jpeg');
    expect(thumbnail.width).toBeGreaterThan(900);
    expect(thumbnail.width).toBeLessThanOrEqual(1000);
    // Flattened: a business card's proportions, not the photo's.
    expect(thumbnail.width! / thumbnail.height!).toBeGreaterThan(1.5);
    expect(read.timings.total).toBeGreaterThan(0);
  });

  describe('files that are not card photos are refused with a code, and the reader keeps working', () => {
    it('random bytes are not an image', async () => {
      expect(await codeOf(readCard(pool, randomBytes(4096)))).toBe('KITH_CARD_NOT_AN_IMAGE');
    });

    it('an SVG drawing is not taken as a photo', async () => {
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#fff"/></svg>');
      expect(await codeOf(readCard(pool, svg))).toBe('KITH_CARD_NOT_AN_IMAGE');
    });

    it('a JPEG cut off halfway through the upload is truncated', async () => {
      const jpeg = card('card13').image;
      expect(await codeOf(readCard(pool, jpeg.subarray(0, Math.floor(jpeg.length * 0.6))))).toBe('KITH_CARD_TRUNCATED');
    });

    it('an image claiming 120 megapixels is refused before it is decoded', async () => {
      expect(await codeOf(readCard(pool, pngHeader(12_000, 10_000)))).toBe('KITH_CARD_TOO_MANY_PIXELS');
    });

    it('a file over 12 MB is refused unread', async () => {
      expect(await codeOf(readCard(pool, Buffer.alloc(13 * 1024 * 1024)))).toBe('KITH_CARD_TOO_LARGE');
    });

    it('a blank white card has no text', async () => {
      const blank = await sharp({ create: { width: 1050, height: 600, channels: 3, background: '#ffffff' } }).png().toBuffer();
      expect(await codeOf(readCard(pool, blank))).toBe('KITH_CARD_NO_TEXT');
    });

    it('after all of these the pool still reads a card', async () => {
      const { image, truth } = card('card09');
      const read = await readCard(pool, image);
      expect(fold(read.text)).toContain(fold(truth.name));
      expect(pool.liveWorkers).toBe(2);
    });
  });
});

describe('the OCR pool', () => {
  it('a worker that hangs is replaced, and its request fails with KITH_CARD_OCR_FAILED', async () => {
    // A 1 ms deadline makes every recognition look hung: the request is retried once on a fresh worker, then fails.
    const pool = new OcrPool({ size: 1, recognizeTimeoutMs: 1 });
    try {
      await pool.start();
      const png = (await prepareCardImage(card('card01').image)).ocrImage;
      expect(await codeOf(pool.recognize(png))).toBe('KITH_CARD_OCR_FAILED');
      // The hung worker was stopped and a new one started in its place.
      await expect.poll(() => pool.liveWorkers, { timeout: 10_000 }).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('a language whose data is not installed is reported before any worker starts', async () => {
    const pool = new OcrPool({ size: 1, languages: ['xyz'] });
    expect(await codeOf(pool.start())).toBe('KITH_CARD_OCR_UNAVAILABLE');
    expect(pool.liveWorkers).toBe(0);
  });

  it('a damaged copy of the language data is replaced from the installed package, and the pool starts', async () => {
    // A file the size of the real model with its inside overwritten: a size check alone would keep it.
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kith-tessdata-test-'));
    try {
      const real = createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json');
      const model = readFileSync(path.join(path.dirname(real), '4.0.0_best_int', 'eng.traineddata.gz'));
      const damaged = Buffer.from(model);
      damaged.fill(0x5a, 100, 5000);
      writeFileSync(path.join(folder, 'eng.traineddata.gz'), damaged);
      const pool = new OcrPool({ size: 1, languages: ['eng'], languageFolder: folder });
      try {
        await pool.start();
        expect(pool.liveWorkers).toBe(1);
        expect(readFileSync(path.join(folder, 'eng.traineddata.gz')).equals(model)).toBe(true);
      } finally {
        await pool.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('after close, waiting and new requests fail instead of hanging', async () => {
    const pool = new OcrPool({ size: 1 });
    await pool.start();
    await pool.close();
    expect(await codeOf(pool.recognize(Buffer.alloc(10)))).toBe('KITH_CARD_OCR_FAILED');
  });
});
