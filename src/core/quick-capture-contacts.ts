// Cutting the unambiguous contact details (e-mails, links, @handles, phone numbers) out of a piece of a quick-capture
// line, so that "Bob Stone bob@stone.co" still yields a name. A label typed just before a detail ("office:",
// "email", "m:") travels with it, and decides the phone label; text around the details is returned as it was.
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import type { LabelledValue } from './types.js';
import { TITLE_WORD } from './quick-capture-words.js';

export type ContactReading =
  | { role: 'email'; value: LabelledValue }
  | { role: 'link'; value: LabelledValue }
  | { role: 'phone'; value: LabelledValue; extension: string | null };

/** A run of the text: a contact detail (with any label typed before it), or the plain text between details. */
export interface ContactPiece {
  text: string;
  reading: ContactReading | null;
}

interface Span {
  start: number;
  end: number;
  reading: ContactReading;
  /** libphonenumber's type of a phone number (MOBILE, FIXED_LINE…), which decides its label when none is typed. */
  phoneType?: string | undefined;
}

// A detail starts and ends at a word boundary in any script, so that no word is cut in two.
const WORD_BEFORE = String.raw`(?<![\p{L}\p{M}\p{N}])`;
const WORD_AFTER = String.raw`(?![\p{L}\p{M}\p{N}])`;
const EMAIL = new RegExp(String.raw`(?<![\p{L}\p{M}\p{N}._%+-])[\p{L}\p{M}\p{N}._%+-]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)*\.\p{L}{2,}${WORD_AFTER}`, 'gu');
const TLDS = 'com|org|net|edu|gov|io|co|ai|dev|app|me|info|biz|us|uk|de|fr|nl|es|it|ca|au|in|ch|se|no|dk|fi|eu|ie|nz|xyz|tech|design|studio|so|ly|gg|tv|fm|page|site|online|blog';
const URL = new RegExp(
  `${WORD_BEFORE}(?:https?://|www\\.)[^\\s<>"]+|(?<![\\p{L}\\p{M}\\p{N}_@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLDS})${WORD_AFTER}(?:/[^\\s<>"]*)?`,
  'giu',
);
const HANDLE = /(?<=^|[\s(])@([A-Za-z0-9_]{1,30})(?![\p{L}\p{M}\p{N}_@.-])/gu;
const LABEL_BEFORE = /(?:^|[\s(])((?:e-?mail|mail|web(?:site)?|site|url|linkedin|twitter|phone|ph|tel(?:ephone)?|mobile|mob|cell(?:phone)?|office|work|direct|landline)\s*[:.]?\s*|[emtowpx]\s*:\s*)$/iu;
const LABEL_AFTER = /^\s*\((?:mobile|mob|cell|m|work|office|w|o)\)/iu;

function linkLabel(url: string): string {
  const host = url.replace(/^https?:\/\//i, '').replace(/^www\./i, '').split(/[/?#]/)[0]?.toLowerCase() ?? '';
  const site = /(?:^|\.)(linkedin|github|instagram|facebook|youtube)\.com$/.exec(host)?.[1];
  if (site) return site;
  if (/(?:^|\.)(?:x|twitter)\.com$/.test(host)) return 'x';
  return 'website';
}

function phoneLabel(text: string, type: string | undefined): string | null {
  if (/\b(?:mobile|mob|cell(?:phone)?)\b|(?:^|[\s(])m\s*[:)]/i.test(text)) return 'mobile';
  if (/\b(?:office|work|direct|landline)\b|(?:^|[\s(])[wo]\s*[:)]/i.test(text)) return 'work';
  if (type === 'MOBILE') return 'mobile';
  if (/\b(?:tel(?:ephone)?)\b|(?:^|[\s(])t\s*:/i.test(text)) return 'work';
  return null;
}

function overlaps(spans: Span[], start: number, end: number): boolean {
  return spans.some((s) => start < s.end && end > s.start);
}

function findLinks(text: string, spans: Span[]): void {
  for (const match of text.matchAll(URL)) {
    // Trailing punctuation belongs to the sentence, not the address ("see acme.io.").
    let raw = match[0].replace(/[.,;:!?'"]+$/, '');
    if (raw.endsWith(')') && !raw.includes('(')) raw = raw.slice(0, -1);
    const start = match.index;
    if (overlaps(spans, start, start + raw.length)) continue;
    const value = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
    spans.push({ start, end: start + raw.length, reading: { role: 'link', value: { value, label: linkLabel(value) } } });
  }
  for (const match of text.matchAll(HANDLE)) {
    const start = match.index;
    // "CTO @Acme" is a title at a company, not an X handle.
    if (overlaps(spans, start, start + match[0].length) || new RegExp(`${TITLE_WORD}\\s*$`, 'iu').test(text.slice(0, start))) continue;
    const value = { value: `https://x.com/${match[1] ?? ''}`, label: 'x' };
    spans.push({ start, end: start + match[0].length, reading: { role: 'link', value } });
  }
}

function findPhones(text: string, spans: Span[], defaultRegion: CountryCode): void {
  let found: ReturnType<typeof findPhoneNumbersInText>;
  try {
    found = findPhoneNumbersInText(text, { defaultCountry: defaultRegion });
  } catch {
    // An unknown region: no phone number is recognised and the digits stay in the note.
    return;
  }
  for (const { number, startsAt, endsAt } of found) {
    const cutsAWord = /[\p{L}\p{M}\p{N}]/u.test(text.charAt(startsAt - 1) + text.charAt(endsAt));
    if (cutsAWord || overlaps(spans, startsAt, endsAt)) continue;
    const reading: ContactReading = { role: 'phone', value: { value: number.number, label: null }, extension: number.ext ?? null };
    spans.push({ start: startsAt, end: endsAt, reading, phoneType: number.getType() });
  }
}

/** Cuts e-mails, links, @handles and phone numbers out of `text`; every character stays in one of the pieces. */
export function cutContactDetails(text: string, defaultRegion: CountryCode): ContactPiece[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(EMAIL)) {
    spans.push({ start: match.index, end: match.index + match[0].length, reading: { role: 'email', value: { value: match[0].toLowerCase(), label: null } } });
  }
  findLinks(text, spans);
  findPhones(text, spans, defaultRegion);
  spans.sort((a, b) => a.start - b.start);
  const pieces: ContactPiece[] = [];
  let cursor = 0;
  for (const span of spans) {
    const before = text.slice(cursor, span.start);
    const start = span.start - (LABEL_BEFORE.exec(before)?.[1]?.length ?? 0);
    const after = span.reading.role === 'phone' ? LABEL_AFTER.exec(text.slice(span.end)) : null;
    const end = span.end + (after?.[0].length ?? 0);
    if (span.reading.role === 'phone') span.reading.value.label = phoneLabel(text.slice(start, end), span.phoneType);
    pieces.push({ text: text.slice(cursor, start), reading: null }, { text: text.slice(start, end).trim(), reading: span.reading });
    cursor = end;
  }
  pieces.push({ text: text.slice(cursor), reading: null });
  return pieces.filter((p) => p.reading !== null || /[\p{L}\p{N}]/u.test(p.text));
}
