// A card reader for the API tests that reads the "photo" as text (each line a line of the card): fast and exact,
// so the tests are about the API. The real reader is tested in cards-pipeline.test.ts.
import type { CardReader, CardReading } from '../src/app/card-scan.service.js';
import { ValidationError } from '../src/core/errors.js';

export const PICTURE = { bytes: Buffer.from([0xff, 0xd8, 0xff, 0xd9]), width: 1000, height: 571 };

/** Reads the "photo" as text: each line of it is a line of the card; "bad" fails like a file that is not an image. */
export class StandInReader implements CardReader {
  reads = 0;
  async read(image: Buffer): Promise<CardReading> {
    this.reads++;
    const text = image.toString('utf8');
    if (text === 'not an image') throw new ValidationError([{ path: 'image', message: 'this file is not a picture' }], 'KITH_CARD_NOT_AN_IMAGE');
    return { lines: text.split('\n').map((line) => ({ text: line, confidence: 92 })), qrText: null, thumbnail: PICTURE, timings: { ocrMs: 1 } };
  }
  async close(): Promise<void> {}
}

/** A multipart body as a browser would send it: files as blobs, eventId as a text field. */
export async function multipart(parts: Record<string, string | Buffer>): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value === 'string' && name === 'eventId') form.append(name, value);
    else form.append(name, new Blob([typeof value === 'string' ? value : new Uint8Array(value)]), `${name}.jpg`);
  }
  const response = new Response(form);
  return { payload: Buffer.from(await response.arrayBuffer()), headers: { 'content-type': response.headers.get('content-type')! } };
}

