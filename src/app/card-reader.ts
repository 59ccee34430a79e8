// The card reader the services use: a pool of warm OCR workers and the image pipeline of src/app/cards, behind the
// small CardReader interface (tests use a stand-in). Loaded only when a card is first read.
import sharp from 'sharp';
import type { CardReader } from './card-scan.service.js';
import { OcrPool, type OcrPoolOptions } from './cards/ocr-pool.js';
import { readCard } from './cards/read-card.js';
import { warmUpCardImage } from './cards/card-image.js';

/** Resolves when the reader can read a card (one warm worker, OpenCV loaded); `allWarm` when every worker is up. */
export async function createCardReader(options: OcrPoolOptions = {}): Promise<CardReader & { allWarm(): Promise<void> }> {
  const pool = new OcrPool(options);
  // OpenCV loads while the first worker starts, so the first card does not pay for it.
  await Promise.all([pool.start(), warmUpCardImage()]);
  return {
    allWarm: () => pool.allWarm(),
    async read(image) {
      const read = await readCard(pool, image);
      const { width = 0, height = 0 } = await sharp(read.thumbnail).metadata();
      return {
        lines: read.lines.map((l) => ({ text: l.text, confidence: l.confidence })),
        qrText: read.qrText,
        thumbnail: { bytes: read.thumbnail, width, height },
        timings: read.timings,
      };
    },
    close: () => pool.close(),
  };
}
