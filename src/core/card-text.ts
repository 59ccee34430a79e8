// The OCR text of a card as the extractors see it: lines cut into segments at wide gaps (two columns read as one
// line), and segments from which each extractor claims the part it understood, so that what is left over is the note.
import type { OcrLine } from './card-types.js';
import { foldText } from './text-fold.js';

/** A run of text on one OCR line; `text` has the claimed parts replaced by tabs. */
export interface CardSegment {
  /** Index of the OCR line in reading order. */
  line: number;
  /** The whole OCR line, as read. */
  source: string;
  text: string;
  /** The OCR confidence of the line, 0–1. */
  confidence: number;
}

/** What is left of a segment once the contact details are claimed: one unclaimed stretch of text. */
export interface CardFragment {
  line: number;
  source: string;
  text: string;
  confidence: number;
}

/** Three or more spaces, a tab, or a lone separator glyph: where OCR joined two columns or a card printed "T … | M …". */
const COLUMN_GAP = /\s{3,}|\t+|\s+[|•·▪◦]\s+/;

export function segmentLines(lines: readonly OcrLine[]): CardSegment[] {
  const segments: CardSegment[] = [];
  lines.forEach((ocr, line) => {
    const confidence = Math.max(0, Math.min(1, ocr.confidence / 100));
    for (const part of cleanOcrText(ocr.text).split(COLUMN_GAP)) {
      const text = part.trim();
      if (text) segments.push({ line, source: ocr.text.trim(), text, confidence });
    }
  });
  return segments;
}

/** Unicode composed, typographic quotes and dashes made plain, control characters dropped. */
export function cleanOcrText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[‘’‚‛´`]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/\s[–—]\s/g, '   ') // "3 rue du Moulin — 44000 Nantes": a dash between spaces separates like a gap
    .replace(/[‐‑‒–—]/g, '-')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
}

/** Marks `text[start, end)` of a segment as understood; the tabs left behind also keep its neighbours apart. */
export function claim(segment: CardSegment, start: number, end: number): void {
  segment.text = segment.text.slice(0, start) + '\t'.repeat(end - start) + segment.text.slice(end);
}

/** The unclaimed stretches of the segments, trimmed of stray punctuation; stretches with no letter or digit are noise. */
export function fragmentsOf(segments: readonly CardSegment[]): CardFragment[] {
  const fragments: CardFragment[] = [];
  for (const segment of segments) {
    for (const part of segment.text.split(/\t+/)) {
      const text = trimNoise(part);
      if (/[\p{L}\p{N}]/u.test(text)) fragments.push({ line: segment.line, source: segment.source, text, confidence: segment.confidence });
    }
  }
  return fragments;
}

/** Trims spaces and the punctuation OCR strews at the edges of a line ("| ", " ,", "~", "»"); keeps closing dots of "Inc.". */
export function trimNoise(text: string): string {
  return text
    .replace(/^[\s|/\\,;:.~_*»«<>=+\-'"^°]+/u, '')
    .replace(/[\s|/\\,;:~_*»«<>=+\-^°]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Letters and digits only, folded ("Lin & Associates, PLLC" → "linassociatespllc"). */
export function foldedKey(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The ways a word may be spelled in an e-mail address: "Schäfer" → schafer, schaefer; "O'Brien" → obrien. */
export function spellings(word: string): string[] {
  const german = word.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
  return [...new Set([foldedKey(word), foldedKey(german)])].filter((w) => w.length > 0);
}

export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** 1 for the same letters and digits (case, accents and punctuation ignored), falling towards 0 with each edit. */
export function similarity(a: string, b: string): number {
  const x = foldedKey(a);
  const y = foldedKey(b);
  if (!x || !y) return 0;
  return 1 - levenshtein(x, y) / Math.max(x.length, y.length);
}

export function round2(value: number): number {
  return Math.round(Math.max(0, Math.min(1, value)) * 100) / 100;
}
