// The card reader the services use: a pool of warm OCR workers and the image pipeline of src/app/cards, behind the
// small CardReader interface (tests use a stand-in). Loaded only when a card is first read.
import sharp from 'sharp';
import type { CardReader } from './card-scan.service.js';
import { OcrPool, type OcrPoolOptions } from './cards/ocr-pool.js';
import { readCard } from './cards/read-card.js';
import { warmUpCardImage } from './cards/card-image.js';

export async function createCardReader(options: OcrPoolOptions = {}): Promise<CardReader> {
  const pool = new OcrPool(options);
  // OpenCV loads while the workers start, so the first card does not pay for it.
  await Promise.all([pool.start(), warmUpCardImage()]);
  return {
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
