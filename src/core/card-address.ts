// The postal address on a card: a postcode-and-city line ("San Francisco, CA 94111", "London W1G 9DQ", "75002 Paris")
// anchors it; the street lines just above it and a country just below it join it, in reading order, with ", ".
import { round2, trimNoise, type CardFragment } from './card-text.js';
import type { CardField } from './card-types.js';
import {
  ADDRESS_UNIT_WORDS,
  COMPANY_WORDS,
  COUNTRY_NAMES,
  COUNTRY_PHRASES,
  JOB_WORDS,
  LEGAL_FORMS,
  STREET_SUFFIX,
  STREET_WORDS,
  US_STATES,
} from './card-vocabulary.js';
import { foldText } from './text-fold.js';

const US_CITY_LINE = new RegExp(String.raw`\p{Lu}[\p{L}.' -]*?,?\s+(?:${[...US_STATES].join('|')})\.?,?\s+\d{5}(?:-\d{4})?(?!\d)`, 'u');
/** A UK postcode; OCR may read its digits as I, l or O ("WCIR 4JS"), mended in the value. */
const UK_POSTCODE = /\b([A-Z]{1,2})([0-9IlO])([A-Z0-9]?)\s?([0-9IlO])([A-Z]{2})\b/;
const CITY = String.raw`\p{Lu}[\p{L}'.-]*(?:[ -](?:\p{Lu}[\p{L}'.-]*|am|an|im|in|der|de|du|la|le|les|sur|sous|en|bei|ob|\d{1,2}))*(?: \([\p{L} .-]+\))?`;
const POSTCODE_CITY_5 = new RegExp(String.raw`(?:\b[A-Z]{1,2}-|(?<![\d-]))\d{5}\s+${CITY}`, 'u');
const POSTCODE_CITY_4 = new RegExp(String.raw`(?:\b[A-Z]{1,2}-|(?<![\d-]))\d{4}(?:\s?[A-Z]{2})?\s+${CITY}`, 'u');
/** Regions whose postcodes have four digits ("8001 Zürich", "1010 Wien", "1012 AB Amsterdam"). */
const FOUR_DIGIT_REGIONS = new Set(['AT', 'CH', 'BE', 'LU', 'NL', 'DK', 'NO', 'AU', 'NZ', 'HU', 'LI', 'SI', 'ZA']);
const PO_BOX = /\b(?:p\.?\s?o\.?\s?box|postfach|bp|cs)\s*\d+/i;
const FLOOR = /\b\d+(?:st|nd|rd|th|e|er|ème|\.)?\s+(?:floor|étage|etage|stock|og)\b/i;
const LEADING_NUMBER = /^\d+[a-zA-Z]?(?:[-/]\d+)?,?\s+\p{L}/u;
const TRAILING_NUMBER = /\p{L}\.?\s+\d+[a-zA-Z]?(?:[-/]\d+[a-zA-Z]?)?$/u;

type Evidence = 'strong' | 'weak' | null;

export interface AddressResult {
  address: CardField | null;
  /** The fragments the address did not take, in reading order (the text after a postcode may be left as its own fragment). */
  rest: CardFragment[];
}

export function extractAddress(read: readonly CardFragment[], region: string): AddressResult {
  const fragments = joinSplitLines(read, region);
  for (let i = 0; i < fragments.length; i++) {
    const found = fragments[i] as CardFragment;
    const anchor = findAnchor(found.text, region);
    if (!anchor) continue;
    const fragment = { ...found, text: anchor.text };
    const taken = new Set([i]);
    let tail = trimNoise(fragment.text.slice(anchor.end));
    const parts = [tail && isCountry(tail) ? fragment.text : fragment.text.slice(0, anchor.end)];
    if (isCountry(tail)) tail = '';
    let streets = 0;
    for (let j = i - 1, line = fragment.line; j >= 0 && i - j <= 6 && streets < 3; j--) {
      const above = fragments[j] as CardFragment;
      if (isNoise(above.text) && line - above.line <= 1) continue; // OCR specks between the street and the city
      // A postcode printed on a line of its own ("Edinburgh" / "EH6 6LN") takes the city above it.
      const city = streets === 0 && !/\p{L}{2}/u.test(parts[0]?.replace(UK_POSTCODE, '') ?? '') && isCityLike(above.text);
      const evidence = city ? 'strong' : streetEvidence(above.text);
      if (line - above.line > 1 || !(evidence === 'strong' || (evidence === 'weak' && streets === 0))) break;
      parts.unshift(above.text);
      taken.add(j);
      line = above.line;
      streets++;
    }
    const below = fragments[i + 1];
    if (!tail && below && below.line - fragment.line <= 1 && isCountry(below.text)) {
      parts.push(below.text);
      taken.add(i + 1);
    }
    const used = [...taken].sort((a, b) => a - b).map((k) => fragments[k] as CardFragment);
    const lead = leadingNoise(parts[0] ?? '');
    parts[0] = (parts[0] ?? '').slice(lead.length);
    const first = Math.min(...taken);
    const rest: CardFragment[] = [];
    fragments.forEach((f, k) => {
      if (k === first && lead) rest.push({ ...f, text: lead.trim() });
      if (k === i && /[\p{L}\p{N}]/u.test(tail)) rest.push({ ...f, text: tail });
      else if (!taken.has(k)) rest.push(f);
    });
    return { address: field(parts, used, anchor.evidence + (parts.length > 1 ? 0.05 : 0)), rest };
  }
  return withoutPostcode(fragments);
}

/** Where the postcode-and-city part of a line ends (in `text`, the line with a misread UK postcode mended), or null. */
function findAnchor(line: string, region: string): { end: number; evidence: number; text: string } | null {
  const us = US_CITY_LINE.exec(line);
  if (us) return { end: us.index + us[0].length, evidence: 0.92, text: line };
  const uk = UK_POSTCODE.exec(line);
  if (uk && line.split(/\s+/).length <= 8) {
    const [whole, area = '', digit = '', more = '', sector = '', unit = ''] = uk;
    const mended = `${area}${digitOf(digit)}${more} ${digitOf(sector)}${unit}`;
    const misread = /[IlO]/.test(digit + sector);
    // Only a postcode ending its line (or before the country) is taken with misread digits: "ROAD 1AB" is no postcode.
    const ends = /^\s*(?:,.*)?$/.test(line.slice(uk.index + whole.length));
    if (!misread || ends) {
      const text = line.slice(0, uk.index) + mended + line.slice(uk.index + whole.length);
      return { end: uk.index + mended.length, evidence: misread ? 0.8 : 0.92, text };
    }
  }
  if (region === 'US' || region === 'CA') return null;
  for (const pattern of FOUR_DIGIT_REGIONS.has(region) ? [POSTCODE_CITY_4, POSTCODE_CITY_5] : [POSTCODE_CITY_5]) {
    const match = pattern.exec(line);
    const city = match ? foldText(match[0]).split(/[\s,]+/) : [];
    if (match && !city.some((w) => STREET_WORDS.has(w.replace(/\.$/, '')))) return { end: match.index + match[0].length, evidence: 0.88, text: line };
  }
  return null;
}

function digitOf(c: string): string {
  return c === 'O' ? '0' : c === 'I' || c === 'l' ? '1' : c;
}

/** Parts of one line that OCR cut apart at a wide gap are joined when only together they are an address line
 * ("London WC1R" + "4JS", "12" + "cours de l'Intendance"). */
function joinSplitLines(fragments: readonly CardFragment[], region: string): CardFragment[] {
  const out: CardFragment[] = [];
  for (const fragment of fragments) {
    const last = out[out.length - 1];
    if (last && last.line === fragment.line) {
      const text = `${last.text} ${fragment.text}`;
      const anchorOnlyJoined = findAnchor(text, region) && !findAnchor(last.text, region) && !findAnchor(fragment.text, region);
      const strong = (t: string) => streetEvidence(t) === 'strong';
      const streetOnlyJoined = strong(text) && !strong(last.text) && !strong(fragment.text);
      if (anchorOnlyJoined || streetOnlyJoined) {
        out[out.length - 1] = { ...last, text };
        continue;
      }
    }
    out.push(fragment);
  }
  return out;
}

/** OCR specks before the house number ("Ty 1420 Fifth Avenue"): short bits that are no unit or street word. */
function leadingNoise(text: string): string {
  const match = /^((?:[^\s\d]{1,3}\s+)+)(?=\d)/u.exec(text);
  if (!match) return '';
  const words = (match[1] ?? '').trim().split(/\s+/).map((w) => foldText(w).replace(/[.:,]+$/, ''));
  return words.some((w) => ADDRESS_UNIT_WORDS.has(w) || STREET_WORDS.has(w)) ? '' : (match[1] ?? '');
}

/** A fragment with fewer than three letters and no digits: a speck of OCR noise. */
function isNoise(text: string): boolean {
  return !/\d/.test(text) && text.replace(/[^\p{L}]/gu, '').length < 3;
}

/** Strong: a street or unit with its number, a PO box, a named building. Weak: a number before or after some words. */
function streetEvidence(text: string): Evidence {
  if (/@/.test(text)) return null;
  const tokens = text.split(/[\s,]+/).filter(Boolean);
  const folded = tokens.map((t) => foldText(t).replace(/[.:]+$/, ''));
  const hasNumber = /\d/.test(text);
  const numberAt = (k: number) => /\d/.test(tokens[k] ?? '');
  // "Level 3 Support Engineer", "Studio 5 GmbH": a job or a legal form says this is no address line.
  if (folded.some((w) => JOB_WORDS.has(w) || LEGAL_FORMS.has(w.replace(/\./g, '')))) return null;
  if (PO_BOX.test(text) || FLOOR.test(text)) return 'strong';
  for (let k = 0; k < folded.length; k++) {
    const word = folded[k] ?? '';
    if (STREET_WORDS.has(word) && hasNumber) return 'strong';
    if (word.length >= 6 && STREET_SUFFIX.test(word) && (numberAt(k + 1) || numberAt(k - 1))) return 'strong';
    if (ADDRESS_UNIT_WORDS.has(word) && (numberAt(k + 1) || numberAt(k - 1))) return 'strong';
    const building = ['house', 'tower', 'building', 'centre', 'center', 'court', 'haus', 'immeuble', 'residence'].includes(word);
    if (building && k > 0 && tokens.length <= 4 && /^\p{Lu}/u.test(tokens[k - 1] ?? '')) return 'strong';
  }
  if (tokens.length <= 7 && (LEADING_NUMBER.test(text) || TRAILING_NUMBER.test(text))) return 'weak';
  if (folded.some((w) => STREET_WORDS.has(w) && w.length > 3)) return 'weak';
  return null;
}

function isCountry(text: string): boolean {
  const key = foldText(trimNoise(text)).replace(/[.,]/g, '').replace(/\s+/g, ' ').trim();
  return COUNTRY_NAMES.has(key) || COUNTRY_NAMES.has(key.replace(/\s/g, '')) || COUNTRY_PHRASES.includes(key.replace(/-/g, ' '));
}

/** No postcode: a street line with its number ("27 rue de la Paix") and the city and country lines right after it. */
function withoutPostcode(fragments: readonly CardFragment[]): AddressResult {
  const start = fragments.findIndex((f) => streetEvidence(f.text) === 'strong' && /\d/.test(f.text));
  if (start < 0) return { address: null, rest: [...fragments] };
  const taken = [start];
  for (let k = start + 1; k < fragments.length && taken.length < 4; k++) {
    const next = fragments[k] as CardFragment;
    const last = fragments[taken[taken.length - 1] ?? start] as CardFragment;
    if (next.line - last.line > 1) break;
    const cityLike = k === start + 1 && isCityLike(next.text) && !!fragments[k + 1] && isCountry((fragments[k + 1] as CardFragment).text);
    if (isCountry(next.text) || streetEvidence(next.text) === 'strong' || cityLike) taken.push(k);
    else break;
  }
  const chosen = taken.map((k) => fragments[k] as CardFragment);
  return { address: field(chosen.map((f) => f.text), chosen, 0.6), rest: fragments.filter((_, k) => !taken.includes(k)) };
}

function isCityLike(text: string): boolean {
  const words = text.split(/\s+/);
  const folded = words.map((w) => foldText(w).replace(/[.,]$/, ''));
  return (
    words.length <= 3 &&
    !/\d/.test(text) &&
    words.every((w) => /^\p{Lu}/u.test(w)) &&
    !folded.some((w) => JOB_WORDS.has(w) || COMPANY_WORDS.has(w) || LEGAL_FORMS.has(w))
  );
}

function field(parts: string[], fragments: CardFragment[], evidence: number): CardField {
  const value = parts
    .map((p) => trimNoise(p).replace(/\s*,\s*/g, ', ').replace(/[,;]+$/, ''))
    .filter(Boolean)
    .join(', ');
  const ocr = fragments.reduce((sum, f) => sum + f.confidence, 0) / fragments.length;
  const lines = [...new Set(fragments.map((f) => f.source))].join('\n');
  return { value, confidence: round2(Math.min(0.97, evidence) * ocr), line: lines, from: 'ocr' };
}
