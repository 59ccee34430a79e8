// A contacts file as a stream of records: the encoding and the format found from the first bytes, then vCards or
// CSV rows read one at a time, each with its line, so that a file of any size is read in bounded memory.
import { Readable } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse';
import { ValidationError } from '../core/errors.js';
import { checkMapping, contactFromCsvRow, detectCsvKind, proposeMapping, type CsvKind, type CsvMapping } from '../core/contacts-csv.js';
import { decodeVCardBytes, parseVCards, type VCardContact } from '../core/vcard.js';
import { KithError } from '../core/errors.js';

export type ContactsFormat = 'vcard' | 'csv';

export interface ContactsFileInfo {
  format: ContactsFormat;
  /** The encoding the text was read in (utf-8, utf-16le, utf-16be, windows-1252...). */
  encoding: string;
  csv: { kind: CsvKind; delimiter: string; columns: string[]; proposedMapping: CsvMapping; mapping: CsvMapping | null } | null;
}

export type ContactsFileRecord = { line: number; contact: VCardContact; error?: undefined } | { line: number; error: string; contact?: undefined };

export interface ContactsFile {
  info: ContactsFileInfo;
  records: AsyncGenerator<ContactsFileRecord>;
}

const SAMPLE_BYTES = 64 * 1024;
/** A single vCard larger than this (a photo of a few MB is fine) is reported, not held in memory. */
const MAX_CARD_BYTES = 16 * 1024 * 1024;

export function unreadable(message: string, details: Record<string, unknown> = {}): KithError {
  return new KithError('KITH_IMPORT_UNREADABLE', message, details);
}

/** Valid UTF-8, allowing the sample to end in the middle of a character. */
function isUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
    }
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function detectEncoding(whole: Buffer): string {
  const sample = whole.subarray(0, SAMPLE_BYTES);
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  // Valid UTF-8 without NULs is UTF-8 (the common case, and chardet's statistics are the slow part of reading a file).
  const hasNul = sample.includes(0);
  if (!hasNul && isUtf8(sample)) return 'utf-8';
  const guess = chardet.detect(sample)?.toLowerCase() ?? null;
  if (guess === 'utf-16le' || guess === 'utf-16be') return guess;
  // A stray NUL in a text file is dropped later; many of them (or a NUL in the first bytes) mean a binary file.
  let nuls = 0;
  if (hasNul) for (const b of sample) if (b === 0) nuls++;
  if (nuls > sample.length / 100 || sample.subarray(0, 16).includes(0)) throw unreadable('this file is not text (it holds binary bytes): export your contacts as vCard (.vcf) or CSV');
  if (isUtf8(sample)) return 'utf-8';
  // Latin-1 guesses are read as Windows-1252, its superset (Outlook's € “ ” – live in 0x80–0x9F).
  if (guess === null || guess === 'iso-8859-1' || guess === 'ascii') return 'windows-1252';
  if (!iconv.encodingExists(guess)) throw unreadable(`this file is in an encoding Kith cannot read (${guess}); save it as UTF-8 and import again`, { encoding: guess });
  return guess;
}

/** The first bytes of a stream, and the stream again from its start. */
async function peek(source: AsyncIterable<Buffer | Uint8Array | string>): Promise<{ sample: Buffer; all: AsyncGenerator<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
    head.push(chunk);
    size += chunk.length;
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
    }
  }
  return { sample: Buffer.concat(head), all: all() };
}

/** Text in another encoding (UTF-16…) as UTF-8 bytes, so that one byte scanner reads every vCard file. */
async function* asUtf8(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<Buffer> {
  for await (const text of Readable.from(chunks).pipe(iconv.decodeStream(encoding)) as AsyncIterable<string>) yield Buffer.from(text, 'utf8');
}

/** `BEGIN:VCARD` or `END:VCARD` (any case, spaces around) between two offsets of a buffer. */
function isMarker(buf: Buffer, from: number, to: number, marker: Buffer): boolean {
  while (from < to && (buf[from] === 0x20 || buf[from] === 0x09)) from++;
  while (to > from && (buf[to - 1] === 0x20 || buf[to - 1] === 0x09 || buf[to - 1] === 0x0d)) to--;
  if (to - from !== marker.length) return false;
  for (let i = 0; i < marker.length; i++) if ((buf[from + i]! | 0x20) !== marker[i]) return false;
  return true;
}

const BEGIN = Buffer.from('begin:vcard');
const END = Buffer.from('end:vcard');

/**
 * Cards are found in the bytes, line by line, and each is decoded and read at its END:VCARD (a card missing its END
 * goes with the next). Only the card being read is kept from one chunk to the next.
 */
async function* vcardRecords(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<ContactsFileRecord> {
  const bytes = encoding === 'utf-8' || encoding === 'windows-1252' ? chunks : asUtf8(chunks, encoding);
  let buf: Buffer = Buffer.alloc(0);
  /** Lines before the start of `buf`. */
  let linesBefore = 0;
  let pending: { line: number; start: number } | null = null;
  const read = (end: number): ContactsFileRecord[] => {
    const text = decodeVCardBytes(buf.subarray(pending!.start, end));
    // NUL never belongs in a contact, and PostgreSQL refuses it in text: dropped here rather than failing the import.
    const { contacts, errors } = parseVCards(text.includes('\0') ? text.replace(/\0/g, '') : text, pending!.line);
    const all: ContactsFileRecord[] = [...contacts.map((c) => ({ line: c.line, contact: c.contact })), ...errors.map((e) => ({ line: e.line, error: e.message }))];
    pending = null;
    return errors.length ? all.sort((a, b) => a.line - b.line) : all;
  };
  const tooLarge = (p: { line: number }): ContactsFileRecord => ({
    line: p.line,
    error: `the card starting on line ${p.line} is larger than ${MAX_CARD_BYTES / 1024 / 1024} MB (or has no END:VCARD)`,
  });
  /** Where the first line not yet scanned starts in `buf`. */
  let scan = 0;
  for await (const chunk of bytes) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    const out: ContactsFileRecord[] = [];
    let line = linesBefore;
    let lineStart = scan;
    for (let nl = buf.indexOf(0x0a, lineStart); nl >= 0; nl = buf.indexOf(0x0a, lineStart)) {
      line++;
      if (!pending) {
        // Text between cards (blank lines, a stray header) is not a record.
        if (isMarker(buf, lineStart, nl, BEGIN)) pending = { line, start: lineStart };
      } else if (isMarker(buf, lineStart, nl, END)) out.push(...read(nl + 1));
      else if (nl - pending.start > MAX_CARD_BYTES) {
        out.push(tooLarge(pending));
        pending = null;
      }
      lineStart = nl + 1;
    }
    linesBefore = line;
    if (pending && buf.length - pending.start > MAX_CARD_BYTES) {
      // A card this large without a line end in sight: reported, and its bytes let go.
      out.push(tooLarge(pending));
      pending = null;
    }
    // Keep the card being read (or else the partial line) for the next chunk.
    const keep: number = pending ? pending.start : lineStart;
    if (pending) pending.start = 0;
    scan = lineStart - keep;
    buf = buf.subarray(keep);
    yield* out;
  }
  // The last line has no line end.
  if (!pending && buf.length > scan && isMarker(buf, scan, buf.length, BEGIN)) pending = { line: linesBefore + 1, start: scan };
  if (pending) yield* read(buf.length);
}

function countOutsideQuotes(line: string, ch: string): number {
  let quoted = false;
  let n = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** `,` `;` or tab: the one that splits most lines into the same number of cells (the LinkedIn notes do not count). */
export function detectDelimiter(sampleText: string): string {
  const lines = sampleText.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 40);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d)).filter((n) => n > 0);
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    const [mode, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    const score = times * 1000 + mode;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

interface CsvRow {
  line: number;
  cells: string[];
}

async function* csvRows(chunks: AsyncIterable<Buffer>, encoding: string, delimiter: string): AsyncGenerator<CsvRow | { line: number; error: string }> {
  const parser = Readable.from(chunks)
    .pipe(iconv.decodeStream(encoding))
    .pipe(parseCsv({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }));
  let previousLines = 0;
  let previousEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = previousLines + 1 + (info.empty_lines - previousEmpty);
      previousLines = info.lines;
      previousEmpty = info.empty_lines;
      yield { line, cells: record };
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    yield { line: previousLines + 1, error: `the CSV cannot be read from line ${previousLines + 1} on: ${message}` };
  }
}

function isRow(r: CsvRow | { line: number; error: string }): r is CsvRow {
  return 'cells' in r;
}

/** Throws KITH_IMPORT_MAPPING when a mapping names columns the file does not have. */
export function requireValidMapping(columns: string[], mapping: CsvMapping): void {
  const problems = checkMapping(columns, mapping);
  if (problems.length) {
    throw new ValidationError(
      problems.map((p) => ({ path: p.column ? `mapping.${p.column}` : 'mapping', message: p.message })),
      'KITH_IMPORT_MAPPING',
    );
  }
}

/**
 * Opens a contacts file. `mapping` is the person's confirmed mapping for a CSV (the proposed one is used for the
 * exports Kith recognises when none is given); a CSV Kith does not recognise needs one (csv.mapping is null then).
 */
export async function openContactsFile(source: AsyncIterable<Buffer | Uint8Array | string>, mapping: CsvMapping | null = null): Promise<ContactsFile> {
  const { sample, all } = await peek(source);
  if (sample.length === 0) throw unreadable('the file is empty');
  const encoding = detectEncoding(sample);
  const sampleText = iconv.decode(sample.subarray(0, SAMPLE_BYTES), encoding).replace(/^\uFEFF/, '');
  const start = sampleText.trimStart();
  if (/^BEGIN:VCARD/i.test(start)) {
    return { info: { format: 'vcard', encoding, csv: null }, records: vcardRecords(all, encoding) };
  }
  if (/^</.test(start) || /<html/i.test(start.slice(0, 1000))) {
    throw unreadable('this file is HTML or XML, not vCard or CSV: export your contacts as vCard (.vcf) or CSV', { line: 1 });
  }
  if (/BEGIN:VCARD/i.test(sampleText.slice(0, 4096))) {
    // Text before the first card (a mail header, a note): still a vCard file.
    return { info: { format: 'vcard', encoding, csv: null }, records: vcardRecords(all, encoding) };
  }
  const delimiter = detectDelimiter(sampleText);
  const rows = csvRows(all, encoding, delimiter);
  // The header is the first row with two cells or more: LinkedIn writes lines of notes before it.
  let header: CsvRow | null = null;
  for (;;) {
    const next = await rows.next();
    if (next.done) break;
    const r = next.value;
    if (!isRow(r)) throw unreadable(r.error, { line: r.line });
    if (r.cells.filter((c) => c.trim() !== '').length >= 2) {
      header = r;
      break;
    }
  }
  if (!header) throw unreadable('this file is neither vCard nor CSV: no BEGIN:VCARD, and no header row of columns', { line: 1 });
  const columns = header.cells.map((c) => c.trim());
  const kind = detectCsvKind(columns);
  const proposedMapping = proposeMapping(columns);
  const chosen = mapping ?? (kind === 'generic' ? null : proposedMapping);
  if (chosen) requireValidMapping(columns, chosen);
  const width = columns.length;
  async function* records(): AsyncGenerator<ContactsFileRecord> {
    if (!chosen) return;
    for await (const r of rows) {
      if (!isRow(r)) {
        yield { line: r.line, error: r.error };
        continue;
      }
      const cells = r.cells.map((c) => c.replace(/\0/g, ''));
      let used = cells.length;
      while (used > width && cells[used - 1]!.trim() === '') used--;
      // More cells than the header: the columns cannot be trusted. Fewer: the missing ones are empty.
      if (used > width) {
        yield { line: r.line, error: `line ${r.line} has ${used} cells, the header has ${width}` };
        continue;
      }
      const contact = contactFromCsvRow(columns, cells, chosen);
      if (!contact.fullName) yield { line: r.line, error: `line ${r.line} has no name, company, e-mail or phone` };
      else yield { line: r.line, contact };
    }
  }
  return { info: { format: 'csv', encoding, csv: { kind, delimiter, columns, proposedMapping, mapping: chosen } }, records: records() };
}
