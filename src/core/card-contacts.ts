// E-mail addresses, websites and social profiles in the OCR text of a card, read through the noise OCR adds:
// "©" or "(a)" for "@", spaces around "@" and dots, a comma for a dot, "www " for "www.", trailing punctuation.
import TLDS from 'tlds' with { type: 'json' };
import { claim, round2, type CardSegment } from './card-text.js';
import type { CardField, CardSocial } from './card-types.js';

/** The "@" as OCR reads it. */
const AT = String.raw`\s?(?:@|©|®|\(a\)|\(at\)|\[at\]|\{at\}|\(@\))\s?`;
/** A local part; OCR may put a space beside one of its dots ("daniel .kim"). */
const LOCAL = String.raw`[A-Za-z0-9][A-Za-z0-9._%+'-]*(?:\s\.\s?[A-Za-z0-9][A-Za-z0-9._%+'-]*|\.\s[a-z0-9][A-Za-z0-9._%+'-]*)*`;
/** "E. jane@…", "Mail: jane@…": a label the local part must not swallow. */
const LABEL_IN_LOCAL = /^(?:e-?mail|mail|courriel|e|m)\s?[.:]\s/i;
/** Host labels. A dot may be read with a space around it or as a comma only when the next label is lower-case, so that
 * "jane@acme.com. Tel" does not run on into "Tel". */
const HOST = String.raw`[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9][A-Za-z0-9-]*|\s?[.,]\s?[a-z0-9][a-z0-9-]*)+`;
const EMAIL = new RegExp(String.raw`(?<![A-Za-z0-9._%+-])(${LOCAL})${AT}(${HOST})`, 'gu');
/**
 * An "@" the strict pattern could not read ("sophie laurenr@vroupe-virso fr", "lukas&@ acme.de"): one or two words
 * before it, a stray symbol allowed next to it, and after it labels parted by dots or spaces, ending in letters.
 */
const LOOSE_EMAIL = /([A-Za-z0-9][\w.%+'-]*(?: [a-z0-9][\w.%+'-]*)?)[^\w\s@]?\s?@+\s?([A-Za-z0-9][A-Za-z0-9-]*(?:(?:\s?[.,]\s?|\s)[A-Za-z0-9][A-Za-z0-9-]*)*(?:\s?[.,]\s?|\s)[a-z]{2,6})(?!\w)/gu;
const EMAIL_LABEL = /(?:^|[\s\t])(?:e-?mail|mail|courriel|e|m)\s*[:.]?\s*$/i;

const WWW = String.raw`(?:[Ww][WwVv][Ww]|[Ww]{2,4})`;
const SCHEME = String.raw`[Hh][Tt][Tt][Pp][Ss]?\s?:\s?\/\s?\/\s?`;
const PATH = String.raw`(?:\/[^\s\t]*)?`;
const WEBSITE = new RegExp(
  String.raw`(?<![A-Za-z0-9@.-])(?:(${SCHEME})?(${WWW})\s?[.,\s]\s?(${HOST})|(${SCHEME})(${HOST})|([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9][A-Za-z0-9-]*)+))(${PATH})`,
  'gu',
);
const WEBSITE_LABEL = /(?:^|[\s\t])(?:web|website|site|internet|url|w|i)\s*[:.]?\s*$/i;

/** Top-level domains a bare "name.tld" may end in; any lower-case two-letter country domain counts too. */
const KNOWN_TLDS = new Set(
  ('com org net edu gov io co ai app dev law biz info me tv tech design studio agency consulting solutions digital cloud ' +
    'online site store shop legal health group global media news blog page art xyz eu berlin paris london koeln hamburg ' +
    'bayern nyc immo bio eco finance capital partners ventures').split(' '),
);

const SOCIAL_URL =
  /(?<![A-Za-z0-9])(?:https?:\/\/)?(?:www\.)?(linkedin\.com\/(?:in|company|pub)\/[\w%.-]+|(?:twitter|x)\.com\/\w+|instagram\.com\/[\w.]+|github\.com\/[\w-]+|facebook\.com\/[\w.]+|xing\.com\/profile\/[\w-]+)\/?/giu;
const SOCIAL_LABELLED =
  /(?<![A-Za-z])(linkedin|twitter|instagram|github|xing|mastodon|bluesky|facebook)\s*[:/|]?\s*@?([A-Za-z0-9_][\w.-]*(?:@[\w.-]+\.[a-z]{2,})?)/giu;
const LINKEDIN_PATH = /(?<![\w/.])\/?in\/([\w-]{3,})/gu;
const SOCIAL_LABEL = /(?:^|[\s\t])(?:linkedin|xing|twitter|instagram|github|facebook|profile|profil)\s*[:.]?\s*$/i;

export function extractEmails(segments: readonly CardSegment[]): CardField[] {
  const found: CardField[] = [];
  for (const segment of segments) {
    for (const match of [...segment.text.matchAll(EMAIL)]) {
      const host = cleanHost(match[2] ?? '');
      if (!host) continue;
      const local = lowerL((match[1] ?? '').replace(LABEL_IN_LOCAL, '').replace(/\s/g, '').replace(/[.'-]+$/, ''));
      const value = `${local}@${host.value}`.toLowerCase();
      const start = labelStart(segment.text, match.index, EMAIL_LABEL);
      claim(segment, start, match.index + match[0].length - ((match[2] ?? '').length - host.length));
      const repaired = !match[0].includes('@') || host.repaired || /\s/.test(match[0]);
      if (!found.some((f) => f.value === value)) {
        found.push({ value, confidence: round2((repaired ? 0.8 : 0.97) * segment.confidence), line: segment.source, from: 'ocr' });
      }
    }
    // Read loosely, the address is a guess: its confidence stays low, and card-consensus.ts may correct it.
    for (const match of segment.text.includes('@') ? [...segment.text.matchAll(LOOSE_EMAIL)] : []) {
      const local = lowerL((match[1] ?? '').replace(LABEL_IN_LOCAL, '').trim().replace(/\s+/g, '.'));
      const host = fixTld(lowerL((match[2] ?? '').split(/\s?[.,]\s?|\s/).join('.')).toLowerCase());
      const value = `${local}@${host.value}`.toLowerCase();
      claim(segment, match.index, match.index + match[0].length);
      if (!found.some((f) => f.value === value)) found.push({ value, confidence: round2(0.6 * segment.confidence), line: segment.source, from: 'ocr' });
    }
  }
  return found;
}

export function extractSocials(segments: readonly CardSegment[]): CardField<CardSocial>[] {
  const found: CardField<CardSocial>[] = [];
  const add = (segment: CardSegment, start: number, end: number, social: CardSocial | null, evidence: number) => {
    if (!social || !social.handle) return;
    claim(segment, start, end);
    if (found.some((f) => f.value.network === social.network && f.value.handle.toLowerCase() === social.handle.toLowerCase())) return;
    found.push({ value: social, confidence: round2(evidence * segment.confidence), line: segment.source, from: 'ocr' });
  };
  for (const segment of segments) {
    for (const match of [...segment.text.matchAll(SOCIAL_URL)]) {
      add(segment, labelStart(segment.text, match.index, SOCIAL_LABEL), match.index + match[0].length, socialFromUrl(match[1] ?? ''), 0.95);
    }
    for (const match of [...segment.text.matchAll(SOCIAL_LABELLED)]) {
      const network = (match[1] ?? '').toLowerCase();
      add(segment, match.index, match.index + match[0].length, { network, handle: (match[2] ?? '').replace(/[.]+$/, '') }, 0.85);
    }
    for (const match of [...segment.text.matchAll(LINKEDIN_PATH)]) {
      add(segment, match.index, match.index + match[0].length, { network: 'linkedin', handle: match[1] ?? '' }, 0.8);
    }
  }
  return found;
}

/** A profile URL ("linkedin.com/in/jane-doe", "https://x.com/jane") as a network and a handle; null for other URLs. */
export function socialFromUrl(url: string): CardSocial | null {
  const match = /^(?:https?:\/\/)?(?:www\.|[a-z]{2}\.)?(linkedin|twitter|x|instagram|github|facebook|xing)\.com\/(.+?)\/?(?:[?#].*)?$/i.exec(url.trim());
  if (!match) return null;
  const site = (match[1] ?? '').toLowerCase();
  const path = match[2] ?? '';
  const network = site === 'x' ? 'twitter' : site;
  const handle = network === 'linkedin' ? path.replace(/^(?:in|pub)\//i, '') : network === 'xing' ? path.replace(/^profile\//i, '') : path;
  return handle ? { network, handle: handle.replace(/^@/, '') } : null;
}

export function extractWebsites(segments: readonly CardSegment[]): CardField[] {
  const found: CardField[] = [];
  for (const segment of segments) {
    for (const match of [...segment.text.matchAll(WEBSITE)]) {
      const [whole, scheme1, www, wwwHost, scheme2, schemeHost, bareHost, rawPath] = match;
      const printedHost = wwwHost ?? schemeHost ?? bareHost ?? '';
      const host = cleanHost(printedHost);
      if (!host) continue;
      const bare = bareHost !== undefined;
      // "thamesideclinic co.uk": the space was a dot, and "co.uk" alone is no website.
      const before = bare && SECOND_LEVEL_ONLY.test(host.value) ? /([A-Za-z0-9][A-Za-z0-9-]{2,})\s$/.exec(segment.text.slice(0, match.index)) : null;
      if (before) {
        const value = `${lowerL(before[1]!).toLowerCase()}.${host.value}`;
        claim(segment, match.index - before[0].length, match.index + whole.length);
        if (!found.some((f) => f.value === value)) found.push({ value, confidence: round2(0.7 * segment.confidence), line: segment.source, from: 'ocr' });
        continue;
      }
      if (bare && !plausibleBareHost(printedHost, host.value)) continue;
      const path = (rawPath ?? '').replace(/[.,;:)]+$/, '');
      const scheme = (scheme1 ?? scheme2 ?? '').replace(/\s/g, '').toLowerCase();
      const value = `${scheme}${www ? 'www.' : ''}${host.value}${path === '/' ? '' : path}`.toLowerCase();
      const end = match.index + whole.length - (rawPath ?? '').length + path.length - (printedHost.length - host.length);
      claim(segment, labelStart(segment.text, match.index, WEBSITE_LABEL), end);
      const repaired = host.repaired || (www !== undefined && www.toLowerCase() !== 'www') || /\s/.test(whole);
      if (!found.some((f) => f.value === value)) {
        found.push({ value, confidence: round2((repaired ? 0.8 : bare ? 0.9 : 0.97) * segment.confidence), line: segment.source, from: 'ocr' });
      }
    }
  }
  return found;
}

/** The registrable label of each domain ("brightline-analytics" for www.brightline-analytics.com), free mail excluded. */
export function organisationDomains(emails: readonly string[], websites: readonly string[]): string[] {
  const freeMail = /^(gmail|googlemail|outlook|hotmail|live|yahoo|gmx|web|t-online|orange|free|icloud|me|aol|protonmail|proton|mail|wanadoo|laposte|sfr)$/;
  const labels: string[] = [];
  for (const host of [...emails.map((e) => e.split('@')[1] ?? ''), ...websites.map((w) => w.replace(/^[a-z]+:\/\//, '').split('/')[0] ?? '')]) {
    const parts = host.toLowerCase().replace(/^www\./, '').split('.');
    parts.pop();
    if (parts.length > 1 && /^(co|com|org|net|ac|gov|ltd|plc)$/.test(parts[parts.length - 1] ?? '')) parts.pop();
    const label = parts[parts.length - 1];
    if (label && !freeMail.test(label) && !labels.includes(label)) labels.push(label);
  }
  return labels;
}

/** A host that is only a public second level ("co.uk", "com.au"): its own name was cut off by a space. */
const SECOND_LEVEL_ONLY = /^(?:co|com|org|net|ac|gov|ltd|plc)\.[a-z]{2}$/;

const REAL_TLDS = new Set(TLDS);
/** Letters OCR confuses at small sizes, each way round. */
const CONFUSED: [string, string][] = [['l', 'i'], ['i', 'l'], ['0', 'o'], ['1', 'l'], ['1', 'i'], ['y', 'v'], ['c', 'e'], ['e', 'c'], ['rn', 'm']];

/** "acme.lo" → "acme.io": a top-level domain that does not exist, one confusable letter away from one that does. */
export function fixTld(host: string): { value: string; repaired: boolean } {
  const dot = host.lastIndexOf('.');
  const tld = host.slice(dot + 1);
  if (dot < 0 || REAL_TLDS.has(tld)) return { value: host, repaired: false };
  const fixes = new Set<string>();
  for (const [from, to] of CONFUSED) {
    for (let at = tld.indexOf(from); at >= 0; at = tld.indexOf(from, at + 1)) {
      const candidate = tld.slice(0, at) + to + tld.slice(at + from.length);
      if (REAL_TLDS.has(candidate)) fixes.add(candidate);
    }
  }
  return fixes.size === 1 ? { value: `${host.slice(0, dot)}.${[...fixes][0]}`, repaired: true } : { value: host, repaired: false };
}

/**
 * "mI-architectes" → "ml-architectes": addresses are printed in lower case, so a capital I after a lower-case
 * letter is a misread l, unless the text uses capitals elsewhere too ("McIntyre").
 */
function lowerL(text: string): string {
  return /[A-HJ-Z]/.test(text) ? text : text.replace(/(?<=[a-z0-9-])I/g, 'l');
}

/** "acme , com" → "acme.com"; drops a trailing label that is not a top-level domain ("acme.com.7" → "acme.com"). */
function cleanHost(printed: string): { value: string; length: number; repaired: boolean } | null {
  const labels = printed.split(/\s?[.,]\s?/);
  const separators = printed.match(/\s?[.,]\s?/g) ?? [];
  while (labels.length > 1 && !/^[A-Za-z]{2,}$/.test(labels[labels.length - 1] ?? '')) {
    labels.pop();
    separators.pop();
  }
  if (labels.length < 2 || labels.some((l) => !l || l.startsWith('-') || l.endsWith('-'))) return null;
  const length = labels.reduce((sum, l) => sum + l.length, 0) + separators.reduce((sum, s) => sum + s.length, 0);
  const tld = fixTld(lowerL(labels.join('.')).toLowerCase());
  return { value: tld.value, length, repaired: tld.repaired || separators.some((s) => s !== '.') };
}

/** A bare "name.tld" is a website only when it reads like one: not "Str.7", "Dr.Smith" or "e.g". */
function plausibleBareHost(printed: string, host: string): boolean {
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  const printedTld = printed.split('.').pop() ?? '';
  if ((labels[0] ?? '').length < 2) return false;
  if (KNOWN_TLDS.has(tld)) return true;
  return tld.length === 2 && printedTld === printedTld.toLowerCase();
}

function labelStart(text: string, index: number, label: RegExp): number {
  const before = text.slice(0, index);
  const match = label.exec(before);
  if (!match) return index;
  return match.index + (match[0].length - match[0].trimStart().length);
}
