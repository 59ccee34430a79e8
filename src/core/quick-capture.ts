// The one-line quick capture: "Jane Doe, CTO at Acme, jane@acme.com, loves opera; promised the white paper" becomes
// a contact. The line is cut at separators, contact details are cut out of each piece, and each remaining piece gets
// one role; whatever fits no role lands in the note, so nothing typed is lost. `parts` lets the web app show how the
// line was read while it is being typed. Pure: `today` comes from the caller and resolves "by Friday".
import type { CountryCode } from 'libphonenumber-js/max';
import type { CalendarDate } from './calendar-date.js';
import { cutContactDetails, type ContactReading } from './quick-capture-contacts.js';
import { extractDueDate } from './quick-capture-dates.js';
import { couldBeCompany, readPhrase, readPiece, type ReadingContext, type TextReading } from './quick-capture-rules.js';
import { normalizeTopic } from './topic.js';
import type { Commonality, LabelledValue, PromiseDirection } from './types.js';

export type CapturePartRole =
  | 'name'
  | 'company'
  | 'title'
  | 'email'
  | 'phone'
  | 'link'
  | 'commonality'
  | 'promise'
  | 'introduced_by'
  | 'note';

export interface CapturePart {
  text: string;
  role: CapturePartRole;
}

export interface CapturedPromise {
  direction: PromiseDirection;
  text: string;
  dueOn: CalendarDate | null;
}

export interface QuickCaptureResult {
  fullName: string | null;
  company: string | null;
  title: string | null;
  /** Lower-cased, label null. */
  emails: LabelledValue[];
  /** E.164, label 'mobile' | 'work' | null from the number type or a label typed beside it. */
  phones: LabelledValue[];
  /** URLs (https:// added when missing), label 'linkedin' | 'x' | 'github' | … | 'website'. */
  links: LabelledValue[];
  commonalities: Commonality[];
  promises: CapturedPromise[];
  introducedBy: string | null;
  /** Every part that fit nowhere, joined with '; '. */
  note: string | null;
  /** The line cut into parts, in order, each with the role it got. */
  parts: CapturePart[];
}

export interface QuickCaptureOptions {
  defaultRegion: CountryCode;
  today: CalendarDate;
}

interface ReadPart {
  text: string;
  reading: TextReading | ContactReading;
}

// Commas between digits ("1,000") do not separate; a hyphen separates only with spaces around it ("Müller-Lüdenscheidt").
const SEPARATOR = /\r\n|\r|\n|;|(?<!\d),|,(?!\d)|[—–•]|\s+-+\s+|\|/u;
const BULLET = /^(?:[-*•·]+\s+)/u;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** A piece cut out of its surroundings, without the punctuation that only joined it to them. */
function trimPiece(text: string): string {
  return text.replace(/^[\s:;,.\-–—]+|[\s:;,\-–—]+$/gu, '');
}

function cutParentheses(text: string): { text: string; parenthetical: boolean }[] {
  const pieces: { text: string; parenthetical: boolean }[] = [];
  let cursor = 0;
  for (const match of text.matchAll(/\(([^()]*)\)/gu)) {
    pieces.push({ text: text.slice(cursor, match.index), parenthetical: false }, { text: match[1] ?? '', parenthetical: true });
    cursor = match.index + match[0].length;
  }
  pieces.push({ text: text.slice(cursor), parenthetical: false });
  return pieces.map((p) => ({ ...p, text: trimPiece(p.text) })).filter((p) => HAS_WORD.test(p.text));
}

function contextOf(parts: ReadPart[]): ReadingContext {
  const roles = new Set(parts.map((p) => p.reading.role));
  return {
    hasName: roles.has('name'),
    hasTitle: roles.has('title'),
    hasCompany: roles.has('company'),
    isFirstText: !parts.some((p) => p.reading.role !== 'email' && p.reading.role !== 'phone' && p.reading.role !== 'link'),
    previousRole: parts.at(-1)?.reading.role ?? null,
  };
}

function readLine(line: string, defaultRegion: CountryCode): ReadPart[] {
  const parts: ReadPart[] = [];
  for (const rawSegment of line.split(SEPARATOR)) {
    const segment = trimPiece(rawSegment.trim().replace(BULLET, ''));
    if (!HAS_WORD.test(segment)) continue;
    // A piece that reads as a phrase ("promised to send the deck to jane@acme.com") keeps its contact details.
    const phrase = readPhrase(segment);
    if (phrase) {
      parts.push({ text: segment, reading: phrase });
      continue;
    }
    for (const piece of cutContactDetails(segment, defaultRegion)) {
      if (piece.reading) {
        parts.push({ text: piece.text, reading: piece.reading });
        continue;
      }
      for (const { text, parenthetical } of cutParentheses(piece.text)) {
        parts.push(...readPiece(text, parenthetical, contextOf(parts)));
      }
    }
  }
  return parts;
}

/** "Head of Sales, Acme": a name-like piece beside the title, left in the note, is the company. */
function findCompanyBesideTitle(parts: ReadPart[]): void {
  if (parts.some((p) => p.reading.role === 'company')) return;
  const titleAt = parts.findIndex((p) => p.reading.role === 'title');
  if (titleAt < 0) return;
  for (const index of [titleAt + 1, titleAt - 1]) {
    const part = parts[index];
    if (part && part.reading.role === 'note' && couldBeCompany(part.text)) {
      part.reading = { role: 'company', value: part.reading.value };
      return;
    }
  }
}

function emptyResult(): QuickCaptureResult {
  return {
    fullName: null, company: null, title: null, emails: [], phones: [], links: [], commonalities: [], promises: [],
    introducedBy: null, note: null, parts: [],
  };
}

function addUnique(list: LabelledValue[], value: LabelledValue): void {
  if (!list.some((v) => v.value === value.value)) list.push({ ...value });
}

/** Parses one typed line into the fields of a new contact. Never throws; an empty line gives an empty result. */
export function parseQuickCapture(line: string, options: QuickCaptureOptions): QuickCaptureResult {
  const result = emptyResult();
  const parts = readLine(line, options.defaultRegion);
  findCompanyBesideTitle(parts);
  const notes: string[] = [];
  for (const { text, reading } of parts) {
    let role: CapturePartRole = reading.role;
    if (reading.role === 'email') addUnique(result.emails, reading.value);
    else if (reading.role === 'link') addUnique(result.links, reading.value);
    else if (reading.role === 'phone') {
      addUnique(result.phones, reading.value);
      // E.164 has no room for an extension, so it is kept in the note.
      if (reading.extension) notes.push(`${reading.value.value} ext. ${reading.extension}`);
    } else if (reading.role === 'commonality') {
      result.commonalities.push({ kind: reading.kind, text: reading.value, topic: normalizeTopic(reading.value) });
    } else if (reading.role === 'promise') {
      const { text: promised, dueOn } = extractDueDate(reading.value, options.today);
      result.promises.push({ direction: reading.direction, text: promised, dueOn });
    } else if (reading.role === 'note') {
      notes.push(text);
    } else {
      const field = ({ name: 'fullName', company: 'company', title: 'title', introduced_by: 'introducedBy' } as const)[reading.role];
      // A second name, company, title or introducer is kept in the note rather than overwrite the first.
      if (result[field] === null && reading.value.length > 0) result[field] = reading.value;
      else {
        role = 'note';
        notes.push(text);
      }
    }
    result.parts.push({ text, role });
  }
  result.note = notes.length > 0 ? notes.join('; ') : null;
  return result;
}
