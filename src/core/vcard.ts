// Reading and writing vCards (2.1, 3.0 and 4.0) as Kith's contacts carry them; pure, no I/O.
//
// Why a hand-written reader rather than ICAL.parse: ical.js reads 3.0/4.0 only (it does not know 2.1's
// QUOTED-PRINTABLE, soft line breaks, CHARSET or bare TYPE parameters such as `TEL;WORK;VOICE:`), it throws on the
// first malformed card instead of reporting its line and carrying on, and 2.2.1 leaves `\;` in NOTE values
// (see /work/shared/INTEROP.md). One reader for all three versions keeps one set of rules and gives line numbers.
import { decodeCharset, decodeQuotedPrintable } from './vcard-encoding.js';
import { contactFromPerson, personInputFromContact } from './vcard-person.js';

export { contactFromPerson, personInputFromContact };
export type { PersonForVCard, VCardPersonInput, VCardPersonMapping } from './vcard-person.js';
export { decodeVCardBytes } from './vcard-encoding.js';

export interface VCardValue {
  value: string;
  /** Lower-case TYPE values ("work", "cell", "pref"...). */
  types: string[];
  /** The label an item group's X-ABLabel gives the value (Apple, Google). */
  label: string | null;
}

export interface VCardPhoto {
  mime: string;
  base64: string;
}

export interface VCardContact {
  uid: string | null;
  fullName: string;
  familyName: string;
  givenName: string;
  additionalNames: string;
  prefix: string;
  suffix: string;
  company: string | null;
  department?: string | null;
  title: string | null;
  notes: string | null;
  emails: VCardValue[];
  phones: VCardValue[];
  urls: VCardValue[];
  /** Postal addresses, one line each: the non-empty ADR components joined by ", ". */
  addresses: VCardValue[];
  /** YYYY-MM-DD, or --MM-DD when the year is not known. */
  birthday: string | null;
  categories: string[];
  photo: VCardPhoto | null;
  /** Every property line Kith does not understand, unfolded, verbatim, in order: export writes them back. */
  extra: string[];
  revision: string | null;
}

export interface VCardParseResult {
  /** Each contact with the line its BEGIN:VCARD is on (1-based). */
  contacts: { contact: VCardContact; line: number }[];
  errors: { line: number; message: string }[];
}

export function emptyContact(): VCardContact {
  return {
    uid: null,
    fullName: '',
    familyName: '',
    givenName: '',
    additionalNames: '',
    prefix: '',
    suffix: '',
    company: null,
    department: null,
    title: null,
    notes: null,
    emails: [],
    phones: [],
    urls: [],
    addresses: [],
    birthday: null,
    categories: [],
    photo: null,
    extra: [],
    revision: null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

interface ContentLine {
  line: number;
  raw: string;
  group: string | null;
  name: string;
  params: { name: string; value: string }[];
  value: string;
}

class CardError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Splits into logical lines: folded lines (CRLF + space/tab) joined, 2.1 quoted-printable soft breaks joined. */
function logicalLines(text: string): { line: number; text: string }[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: { line: number; text: string }[] = [];
  let quotedPrintableOpen = false;
  for (let i = 0; i < physical.length; i++) {
    const p = physical[i]!;
    const last = out[out.length - 1];
    if (last && quotedPrintableOpen) {
      // A soft break: the `=` ends the previous physical line; the value goes on without any folding space.
      last.text = last.text.slice(0, -1) + p;
    } else if (last && (p.startsWith(' ') || p.startsWith('\t')) && last.text !== '') {
      last.text += p.slice(1);
    } else {
      out.push({ line: i + 1, text: p });
    }
    const current = out[out.length - 1]!;
    quotedPrintableOpen = isQuotedPrintable(current.text) && current.text.endsWith('=');
  }
  return out;
}

function isQuotedPrintable(lineText: string): boolean {
  const colon = lineText.indexOf(':');
  const semicolon = lineText.indexOf(';');
  if (semicolon < 0 || (colon >= 0 && semicolon > colon)) return false; // no parameters: the common case, read fast
  const head = (colon < 0 ? lineText : lineText.slice(0, colon)).toUpperCase();
  return /;(ENCODING=)?QUOTED-PRINTABLE(;|$)/.test(head);
}

/** Finds the first `:` outside double quotes (parameter values may be quoted and hold colons). */
function valueColon(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  if (!text.includes('"')) return text.split(separator);
  const out: string[] = [];
  let quoted = false;
  let current = '';
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function parseContentLine(line: number, raw: string): ContentLine {
  const colon = valueColon(raw);
  if (colon <= 0) throw new CardError(line, `line ${line} is not a vCard property ("NAME:value"): "${raw.slice(0, 40)}"`);
  const [head, ...paramTexts] = splitOutsideQuotes(raw.slice(0, colon), ';');
  const dot = head!.indexOf('.');
  const group = dot >= 0 ? head!.slice(0, dot) : null;
  const name = (dot >= 0 ? head!.slice(dot + 1) : head!).toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) throw new CardError(line, `line ${line} has an unreadable property name "${head}"`);
  const params = paramTexts
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      // vCard 2.1 allows bare parameters (`TEL;WORK;VOICE:`): they are TYPE values, or an ENCODING.
      if (eq < 0) {
        const bare = p.toUpperCase();
        const isEncoding = ['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT'].includes(bare);
        return { name: isEncoding ? 'ENCODING' : 'TYPE', value: p };
      }
      return { name: p.slice(0, eq).toUpperCase(), value: p.slice(eq + 1).replace(/^"(.*)"$/, '$1') };
    });
  return { line, raw, group: group?.toLowerCase() ?? null, name, params, value: raw.slice(colon + 1) };
}

function param(cl: ContentLine, name: string): string | null {
  return cl.params.find((p) => p.name === name)?.value ?? null;
}

function typesOf(cl: ContentLine): string[] {
  const types: string[] = [];
  for (const p of cl.params) {
    if (p.name === 'TYPE') types.push(...splitOutsideQuotes(p.value, ',').map((t) => t.trim().toLowerCase()));
    if (p.name === 'PREF' && !types.includes('pref')) types.push('pref');
  }
  return [...new Set(types.filter((t) => t !== ''))];
}

/** The text of a value: quoted-printable and charset decoded (2.1); escapes are left for the caller's split. */
function rawText(cl: ContentLine): string {
  const encoding = param(cl, 'ENCODING')?.toUpperCase();
  if (encoding === 'QUOTED-PRINTABLE') {
    const charset = param(cl, 'CHARSET') ?? 'UTF-8';
    const text = decodeCharset(decodeQuotedPrintable(cl.value), charset);
    if (text === null) throw new CardError(cl.line, `line ${cl.line} uses the unknown character set "${charset}"`);
    return text;
  }
  return cl.value;
}

/** Splits on unescaped `sep` and unescapes each part (`\\`, `\n`, `\,`, `\;`, `\:`). */
export function splitEscaped(text: string, sep: ';' | ',' | null): string[] {
  if (!text.includes('\\')) return sep === null ? [text] : text.split(sep);
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const n = text[++i]!;
      current += n === 'n' || n === 'N' ? '\n' : n === '\\' || n === ',' || n === ';' || n === ':' ? n : '\\' + n;
    } else if (sep !== null && c === sep) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function textValue(cl: ContentLine): string {
  return splitEscaped(rawText(cl), null)[0]!.replace(/\r\n?/g, '\n');
}

const IMAGE_TYPES: Record<string, string> = { JPEG: 'image/jpeg', JPG: 'image/jpeg', PNG: 'image/png', GIF: 'image/gif', WEBP: 'image/webp', HEIC: 'image/heic', BMP: 'image/bmp' };
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function cleanBase64(cl: ContentLine, text: string): string {
  const b64 = text.replace(/\s+/g, '');
  if (b64 === '' || !BASE64.test(b64) || b64.length % 4 === 1) throw new CardError(cl.line, `line ${cl.line}: the PHOTO is not valid base64`);
  return b64.length % 4 === 0 ? b64 : b64 + '='.repeat(4 - (b64.length % 4));
}

/** Inline photos only; a photo given by URL is not Kith's to fetch and stays in `extra`. */
function readPhoto(cl: ContentLine): VCardPhoto | null {
  const encoding = param(cl, 'ENCODING')?.toUpperCase();
  const value = cl.value.trim();
  const dataUri = /^data:([^;,]*)(;[^,]*)?,(.*)$/is.exec(value);
  if (dataUri) {
    if (!/;base64/i.test(dataUri[2] ?? '')) return null;
    return { mime: (dataUri[1] || 'image/jpeg').toLowerCase(), base64: cleanBase64(cl, dataUri[3]!) };
  }
  if (encoding !== 'B' && encoding !== 'BASE64') return null;
  const type = (param(cl, 'MEDIATYPE') ?? param(cl, 'TYPE') ?? 'JPEG').toUpperCase();
  const mime = type.includes('/') ? type.toLowerCase() : (IMAGE_TYPES[type] ?? `image/${type.toLowerCase()}`);
  return { mime, base64: cleanBase64(cl, value) };
}

function readBirthday(cl: ContentLine): string | null {
  const v = rawText(cl).trim();
  const omitYear = param(cl, 'X-APPLE-OMIT-YEAR');
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(v);
  if (m) {
    const [, y, mo, d] = m;
    if (!validMonthDay(mo!, d!)) return null;
    return omitYear && y === omitYear ? `--${mo}-${d}` : `${y}-${mo}-${d}`;
  }
  m = /^--(\d{2})-?(\d{2})$/.exec(v);
  if (m && validMonthDay(m[1]!, m[2]!)) return `--${m[1]}-${m[2]}`;
  return null;
}

function validMonthDay(month: string, day: string): boolean {
  const mo = Number(month);
  const d = Number(day);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

function abLabel(text: string): string {
  // Apple's built-in labels are written `_$!<HomePage>!$_`.
  const m = /^_\$!<(.*)>!\$_$/.exec(text);
  return m ? m[1]! : text;
}

function addressLine(text: string): string {
  return splitEscaped(text, ';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(', ');
}

function readCard(lines: ContentLine[]): VCardContact {
  const contact = emptyContact();
  const labels = new Map<string, string>();
  for (const cl of lines) if (cl.name === 'X-ABLABEL' && cl.group) labels.set(cl.group, abLabel(textValue(cl)));
  const knownGroups = new Set<string>();
  let fn: string | null = null;
  let hasN = false;
  const labelled = (cl: ContentLine, value: string): VCardValue => {
    if (cl.group && labels.has(cl.group)) knownGroups.add(cl.group);
    return { value, types: typesOf(cl), label: cl.group ? (labels.get(cl.group) ?? null) : null };
  };
  const unknown: ContentLine[] = [];
  for (const cl of lines) {
    switch (cl.name) {
      case 'VERSION':
      case 'X-ABLABEL':
        break;
      case 'UID':
        contact.uid = textValue(cl).trim() || null;
        break;
      case 'FN':
        fn = textValue(cl).trim();
        break;
      case 'N': {
        const [family = '', given = '', additional = '', prefix = '', suffix = ''] = splitEscaped(rawText(cl), ';');
        Object.assign(contact, { familyName: family, givenName: given, additionalNames: additional, prefix, suffix });
        hasN = true;
        break;
      }
      case 'ORG': {
        const [company = '', ...units] = splitEscaped(rawText(cl), ';');
        contact.company = company.trim() || null;
        const department = units.filter((u) => u.trim() !== '').join('; ');
        contact.department = department || null;
        break;
      }
      case 'TITLE':
        contact.title = textValue(cl).trim() || null;
        break;
      case 'NOTE':
        contact.notes = contact.notes === null ? textValue(cl) : `${contact.notes}\n${textValue(cl)}`;
        break;
      case 'EMAIL':
        contact.emails.push(labelled(cl, textValue(cl).trim()));
        break;
      case 'TEL':
        contact.phones.push(labelled(cl, textValue(cl).replace(/^tel:/i, '').trim()));
        break;
      case 'URL':
        contact.urls.push(labelled(cl, textValue(cl).trim()));
        break;
      case 'ADR': {
        const line = addressLine(rawText(cl));
        if (line) contact.addresses.push(labelled(cl, line));
        break;
      }
      case 'BDAY': {
        const birthday = readBirthday(cl);
        if (birthday) contact.birthday = birthday;
        else unknown.push(cl);
        break;
      }
      case 'CATEGORIES':
        for (const c of splitEscaped(rawText(cl), ',')) if (c.trim() && !contact.categories.includes(c.trim())) contact.categories.push(c.trim());
        break;
      case 'PHOTO': {
        const photo = contact.photo ? null : readPhoto(cl);
        if (photo) contact.photo = photo;
        else unknown.push(cl);
        break;
      }
      case 'REV':
        contact.revision = textValue(cl).trim() || null;
        break;
      default:
        unknown.push(cl);
    }
  }
  for (const cl of lines) if (cl.name === 'X-ABLABEL' && cl.group && !knownGroups.has(cl.group)) unknown.push(cl);
  contact.extra = unknown.sort((a, b) => a.line - b.line).map((cl) => cl.raw);
  for (const list of [contact.emails, contact.phones, contact.urls]) {
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.value === '') list.splice(i, 1);
  }
  const fromN = [contact.prefix, contact.givenName, contact.additionalNames, contact.familyName, contact.suffix]
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(' ');
  contact.fullName = fn || (hasN ? fromN : '') || contact.company || contact.emails[0]?.value || contact.phones[0]?.value || '';
  return contact;
}

/**
 * Reads every card in `text`. A card that cannot be read (a line that is not a property, a missing END, a bad photo,
 * an unknown charset, no name at all) is reported with the line of its BEGIN and the reason; the others are returned.
 * `firstLine` is the line `text` starts on in its file, for a file read card by card.
 */
export function parseVCards(text: string, firstLine = 1): VCardParseResult {
  const result: VCardParseResult = { contacts: [], errors: [] };
  let card: { line: number; lines: ContentLine[]; error: CardError | null } | null = null;
  let strayLine: number | null = null;
  for (const { line: n, text: t } of logicalLines(text)) {
    const line = n + firstLine - 1;
    const upper = t.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      if (card) result.errors.push({ line: card.line, message: `the card starting on line ${card.line} has no END:VCARD before line ${line}` });
      card = { line, lines: [], error: null };
      continue;
    }
    if (!card) {
      if (t.trim() !== '' && strayLine === null) strayLine = line;
      continue;
    }
    if (upper === 'END:VCARD') {
      if (card.error) result.errors.push({ line: card.line, message: card.error.message });
      else {
        try {
          const contact = readCard(card.lines);
          if (contact.fullName === '') result.errors.push({ line: card.line, message: `the card on line ${card.line} has no name, organisation, e-mail or phone` });
          else result.contacts.push({ contact, line: card.line });
        } catch (e) {
          if (!(e instanceof CardError)) throw e;
          result.errors.push({ line: card.line, message: e.message });
        }
      }
      card = null;
      continue;
    }
    if (t.trim() === '' || card.error) continue;
    try {
      card.lines.push(parseContentLine(line, t));
    } catch (e) {
      if (!(e instanceof CardError)) throw e;
      card.error = e;
    }
  }
  if (card) result.errors.push({ line: card.line, message: `the card starting on line ${card.line} is cut off: the file ends before END:VCARD` });
  if (result.contacts.length === 0 && result.errors.length === 0 && strayLine !== null) {
    result.errors.push({ line: strayLine, message: 'this is not a vCard file: no BEGIN:VCARD found' });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

export function escapeText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

const encoder = new TextEncoder();

/** Folds a line at 75 octets without splitting a UTF-8 character (nor a surrogate pair). */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + n > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

const EXTENSION: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF', 'image/webp': 'WEBP', 'image/heic': 'HEIC', 'image/bmp': 'BMP' };

/** Writes one card; every line ends with CRLF, long lines folded. */
export function formatVCard(contact: VCardContact, version: '3.0' | '4.0'): string {
  const lines: string[] = ['BEGIN:VCARD', `VERSION:${version}`];
  const usedGroups = new Set(contact.extra.map((l) => /^([A-Za-z0-9-]+)\./.exec(l)?.[1]?.toLowerCase()).filter((g) => g !== undefined));
  let groupNo = 0;
  const nextGroup = (): string => {
    let g: string;
    do g = `item${++groupNo}`;
    while (usedGroups.has(g));
    return g;
  };
  const typeParam = (types: string[]): string => {
    if (types.length === 0) return '';
    if (version === '4.0') {
      const pref = types.includes('pref');
      const rest = types.filter((t) => t !== 'pref');
      return (rest.length ? `;TYPE=${rest.join(',')}` : '') + (pref ? ';PREF=1' : '');
    }
    return `;TYPE=${types.join(',')}`;
  };
  const values = (name: string, list: VCardValue[], encode: (v: string) => string): void => {
    for (const v of list) {
      const group = v.label !== null ? nextGroup() : null;
      lines.push(`${group ? group + '.' : ''}${name}${typeParam(v.types)}:${encode(v.value)}`);
      if (group) lines.push(`${group}.X-ABLabel:${escapeText(v.label!)}`);
    }
  };
  if (contact.uid) lines.push(`UID:${escapeText(contact.uid)}`);
  lines.push(`FN:${escapeText(contact.fullName)}`);
  const n = [contact.familyName, contact.givenName, contact.additionalNames, contact.prefix, contact.suffix];
  lines.push(`N:${n.map(escapeText).join(';')}`);
  if (contact.company !== null || contact.department) {
    lines.push(`ORG:${escapeText(contact.company ?? '')}${contact.department ? ';' + escapeText(contact.department) : ''}`);
  }
  if (contact.title !== null) lines.push(`TITLE:${escapeText(contact.title)}`);
  if (contact.notes !== null) lines.push(`NOTE:${escapeText(contact.notes)}`);
  values('EMAIL', contact.emails, escapeText);
  values('TEL', contact.phones, escapeText);
  // A URL is a URI, not text: RFC 6350 does not escape it (a `\,` would be read literally by some clients).
  values('URL', contact.urls, (v) => v.replace(/\r?\n/g, ' '));
  values('ADR', contact.addresses, (v) => `;;${escapeText(v)};;;;`);
  if (contact.birthday) lines.push(`BDAY:${contact.birthday}`);
  if (contact.categories.length) lines.push(`CATEGORIES:${contact.categories.map(escapeText).join(',')}`);
  if (contact.photo) {
    const { mime, base64 } = contact.photo;
    if (version === '4.0') lines.push(`PHOTO:data:${mime};base64,${base64}`);
    else lines.push(`PHOTO;ENCODING=b;TYPE=${EXTENSION[mime] ?? mime.replace(/^image\//, '').toUpperCase()}:${base64}`);
  }
  if (contact.revision) lines.push(`REV:${contact.revision}`);
  lines.push(...contact.extra);
  lines.push('END:VCARD');
  return lines.map((l) => foldLine(l) + '\r\n').join('');
}
