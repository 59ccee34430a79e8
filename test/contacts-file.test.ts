// The contacts-file reader finds the same records, on the same lines, however the bytes arrive: one chunk, or many
// of any size (a network upload splits cards, lines and multi-byte characters anywhere).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { openContactsFile, type ContactsFileRecord } from '../src/app/contacts-file.js';
import { newId } from '../src/app/ids.js';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'contacts');

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(bytes: Buffer, size: number): Promise<ContactsFileRecord[]> {
  const file = await openContactsFile(chunked(bytes, size));
  const out: ContactsFileRecord[] = [];
  for await (const r of file.records) out.push(r);
  return out;
}

describe('reading a contacts file in chunks', () => {
  for (const name of ['iphone.vcf', 'google.vcf', 'outlook21.vcf', 'truncated.vcf']) {
    it(`${name}: the same records and lines for chunks of 1, 7, 64 and 4096 bytes as for the whole file`, async () => {
      const bytes = readFileSync(path.join(fixtures, name));
      const whole = await records(bytes, bytes.length);
      expect(whole.length).toBeGreaterThan(0);
      for (const size of [1, 7, 64, 4096]) expect(await records(bytes, size)).toEqual(whole);
    });
  }

  it('reads UTF-16 vCards, a last line without a line end, and stray text between cards', async () => {
    const text = 'Exported by a phone\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n\r\nnoise\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Last One\r\nEND:VCARD';
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])]) {
      for (const size of [3, bytes.length]) {
        const found = await records(bytes, size);
        expect(found.map((r) => [r.line, r.contact?.fullName])).toEqual([
          [2, 'Zoë Ångström'],
          [8, 'Last One'],
        ]);
      }
    }
  });

  it('a card missing its END goes with the next card and is reported on its own line', async () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nFN:No End\nBEGIN:VCARD\nVERSION:3.0\nFN:Fine\nEND:VCARD\n';
    const found = await records(Buffer.from(text), 5);
    expect(found.some((r) => r.line === 1 && r.error)).toBe(true);
    expect(found.find((r) => r.contact?.fullName === 'Fine')?.line).toBe(4);
  });
});

describe('ids', () => {
  it('are UUIDv7, unique and in the order they were made', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
