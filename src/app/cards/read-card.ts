// A business card photo in, its printed lines out: the image prepared (card found, flattened, upright), read by a
// warm OCR worker, and the lines put in reading order. The lines go on to field extraction (src/core/card-fields.ts).
import sharp from 'sharp';
import { ValidationError } from '../../core/errors.js';
import { prepareCardImage, type PrepareCardOptions } from './card-image.js';
import { withoutNoise, type OcrLine } from './ocr-lines.js';
import type { OcrPool, OcrResult } from './ocr-pool.js';

export interface ReadCard {
  /** Printed lines in reading order, noise (graphics read as letters) left out. */
  lines: OcrLine[];
  /** The lines joined with "\n". */
  text: string;
  /** Raw text of the card's QR code (often a vCard), or null. */
  qrText: string | null;
  /** JPEG of the flattened, upright card, ~1000 px wide. */
  thumbnail: Buffer;
  /** Milliseconds per step (decode, findCard, orient, qr, encode, ocr, …) and in total. */
  timings: Record<string, number>;
}

/**
 * When the up/down call from the text layout is unsure and the OCR confidence is not high either, the card is read
 * the other way up too and the more confident reading kept. Measured on the 20 development cards turned four ways:
 * the layout call was right 79 times in 80, and every time its certainty was 0.75 or more; tesseract's confidence
 * was 70 or more for upright cards (50 with eng as the first language) and 53 or less for upside-down ones
 * (bench/cards-ocr-flipconf.ts), so a reading above 75 is not upside down.
 */
const SURE_UPRIGHT = 0.75;
const SURE_CONFIDENCE = 75;

export async function readCard(pool: OcrPool, input: Buffer, options?: PrepareCardOptions): Promise<ReadCard> {
  const started = performance.now();
  const prepared = await prepareCardImage(input, options);
  const timings = { ...prepared.timings };

  let mark = performance.now();
  let ocr = await pool.recognize(prepared.ocrImage);
  timings.ocr = Math.round(performance.now() - mark);

  let thumbnail = prepared.thumbnail;
  if (prepared.uprightCertainty < SURE_UPRIGHT && ocr.confidence < SURE_CONFIDENCE) {
    mark = performance.now();
    const turned = await pool.recognize(await sharp(prepared.ocrImage).rotate(180).png({ compressionLevel: 1 }).toBuffer());
    if (betterRead(turned, ocr)) {
      ocr = turned;
      thumbnail = await sharp(prepared.thumbnail).rotate(180).jpeg({ quality: 80 }).toBuffer();
    }
    timings.ocrTurned = Math.round(performance.now() - mark);
  }

  const lines = withoutNoise(ocr.lines);
  if (lines.length === 0 && prepared.qrText === null) {
    throw new ValidationError([{ path: 'image', message: 'no text found on the card; take the photo again, closer and in better light' }], 'KITH_CARD_NO_TEXT');
  }
  timings.total = Math.round(performance.now() - started);
  return { lines, text: lines.map((l) => l.text).join('\n'), qrText: prepared.qrText, thumbnail, timings };
}

function betterRead(a: OcrResult, b: OcrResult): boolean {
  return a.confidence > b.confidence;
}
