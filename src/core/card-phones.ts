// Phone numbers in the OCR text of a card, as E.164, with the label printed before them ("M:", "Fax", "Büro", "Port.").
// A number counts when it is *possible* in its region: fictional ranges (US 555-01xx, UK 07700 900xxx) are not *valid*.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { claim, round2, type CardSegment } from './card-text.js';
import type { CardField, CardPhone, PhoneLabel } from './card-types.js';
import { foldText } from './text-fold.js';

/** A run of digits and separators; O, o, I, l and | inside it are OCR misreads of 0 and 1. */
const NUMBER_RUN = /(?:\+ ?(?:\( ?)?[\dOoIl|]|(?:\( ?)?\d|(?<!\p{L})(?:\( ?)?[OoIl|](?=\d))(?:[\dOoIl| ()./-]*[\d)])?/gu;

/** Printed labels, folded, without their dot or colon. Generic "Tel"/"Phone" on a business card is the office line. */
const LABEL_WORDS: Record<PhoneLabel, string[]> = {
  mobile: ['mobile', 'mob', 'mobil', 'mobiltelefon', 'handy', 'cell', 'cellular', 'cel', 'c', 'm', 'portable', 'port', 'gsm', 'movil', 'tel portable', 'tel mobile'],
  office: [
    'office', 'off', 'o', 'tel', 'tél', 't', 'telephone', 'telefon', 'tele', 'fon', 'phone', 'ph', 'p', 'direct', 'direct line', 'dir', 'dd', 'd',
    'work', 'w', 'bureau', 'buro', 'standard', 'std', 'main', 'fixe', 'tel fixe', 'switchboard', 'zentrale', 'durchwahl', 'ligne directe', 'geschaftlich',
  ],
  fax: ['fax', 'f', 'telefax', 'telecopie', 'tel fax'],
  home: ['home', 'h', 'privat', 'private', 'domicile', 'dom', 'res', 'residence'],
  other: ['other', 'alt', 'pager', 'sonstige', 'autre'],
};

const LABEL_BY_WORD = new Map<string, PhoneLabel>(
  (Object.entries(LABEL_WORDS) as [PhoneLabel, string[]][]).flatMap(([label, list]) => list.map((w) => [foldText(w), label] as const)),
);

/** The label right before a number: a word or two, then an optional dot or colon ("Tél.", "Mob:", "Direct line"). */
const LABEL_BEFORE = /(?:^|[\s\t(])((?:[\p{L}01]+\.?\s?){1,2})\s*[.:]?\s*(?:\(\s*)?$/u;
/** A label in parentheses right after a number: "+1 415 555 0100 (mobile)". */
const LABEL_AFTER = /^\s*\(\s*(\p{L}+)\.?\s*\)/u;

export function extractPhones(segments: readonly CardSegment[], region: string): CardField<CardPhone>[] {
  const found: CardField<CardPhone>[] = [];
  segments.forEach((segment, index) => {
    for (const run of [...segment.text.matchAll(NUMBER_RUN)]) {
      let offset = run.index;
      for (const piece of splitRun(run[0], region)) {
        const start = run[0].indexOf(piece, offset - run.index) + run.index;
        offset = start + piece.length;
        const before = printedLabel(segment.text.slice(0, start));
        const after = before ? null : labelAfter(segment.text.slice(offset));
        const alone = before || after || segment.text.slice(0, start).trim() ? null : labelAlone(segments[index - 1]);
        const label = before?.label ?? after?.label ?? alone?.label ?? null;
        const phone = readNumber(piece, region, label !== null);
        if (!phone) continue;
        claim(segment, before ? before.start : start, after ? offset + after.length : offset);
        if (alone && segments[index - 1]) claim(segments[index - 1] as CardSegment, alone.start, alone.end);
        const existing = found.find((f) => f.value.number === phone.number);
        if (existing) {
          existing.value.label ??= label;
          continue;
        }
        found.push({ value: { number: phone.number, label }, confidence: round2(phone.evidence * segment.confidence), line: segment.source, from: 'ocr' });
      }
    }
  });
  return found;
}

/** A phone number as E.164 with the strength of the evidence, or null when the digits are no phone number. */
function readNumber(printed: string, region: string, labelled: boolean): { number: string; evidence: number } | null {
  const misread = /[OoIl|]/.test(printed);
  const text = printed.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
  const digits = text.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 17) return null;
  const parsed = parsePhoneNumberFromString(text, region as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  const international = /^\s*(?:\+|00)/.test(text);
  const nationalPrefix = !international && digits.length > parsed.nationalNumber.length;
  const northAmerican = parsed.countryCallingCode === '1' && parsed.nationalNumber.length === 10;
  // Seven digits after a street number ("Lindenstraße 42 10969 Berlin") parse in some regions: ask for more evidence.
  if (!international && !nationalPrefix && !northAmerican && !labelled) return null;
  const evidence = (parsed.isValid() ? 0.95 : 0.8) * (misread ? 0.85 : 1) * (international || labelled ? 1 : 0.95);
  return { number: parsed.number, evidence };
}

/** Two numbers read as one run ("(212) 555-0187 (646) 555-0143") are cut at the space that leaves two phone numbers. */
function splitRun(run: string, region: string): string[] {
  const trimmed = run.trim();
  if (readNumber(trimmed, region, true)) return [trimmed];
  for (let i = trimmed.indexOf(' '); i > 0; i = trimmed.indexOf(' ', i + 1)) {
    const left = trimmed.slice(0, i).trim();
    if (readNumber(left, region, true)) {
      const rest = splitRun(trimmed.slice(i + 1), region);
      if (rest.length > 0) return [left, ...rest];
    }
  }
  return [trimmed];
}

function printedLabel(before: string): { label: PhoneLabel; start: number } | null {
  const tail = before.split('\t').pop() ?? '';
  const match = LABEL_BEFORE.exec(tail);
  if (!match) return null;
  const words = (match[1] ?? '').trim();
  const label = labelOf(words) ?? labelOf(words.split(/\s+/).pop() ?? '');
  if (!label) return null;
  const offset = before.length - tail.length + match.index + (match[0].length - match[0].trimStart().length);
  const start = labelOf(words) ? offset : before.lastIndexOf(words.split(/\s+/).pop() ?? '');
  return { label, start };
}

function labelAfter(after: string): { label: PhoneLabel; length: number } | null {
  const match = LABEL_AFTER.exec(after);
  const label = match ? labelOf(match[1] ?? '') : null;
  return match && label ? { label, length: match[0].length } : null;
}

/** A label printed on its own just before the number ("Mobile" then "+44 7911 123456" in the next column or line). */
function labelAlone(previous: CardSegment | undefined): { label: PhoneLabel; start: number; end: number } | null {
  const rest = previous?.text.split('\t').pop() ?? '';
  const word = rest.trim().replace(/[.:]+$/, '');
  // A lone letter could be a logo or an initial: only a spelled-out label counts on its own.
  const label = word.length >= 3 && word.length <= 14 ? labelOf(word) : null;
  if (!previous || !label) return null;
  return { label, start: previous.text.length - rest.length, end: previous.text.length };
}

function labelOf(words: string): PhoneLabel | null {
  // "0ffice", "Te1": OCR reads o and l as digits in labels too.
  const key = foldText(words).replace(/0/g, 'o').replace(/1/g, 'l').replace(/[.:]/g, '').replace(/\s+/g, ' ').trim();
  return LABEL_BY_WORD.get(key) ?? null;
}
