// What a card's QR code says: a vCard (2.1, 3.0, 4.0; parsed by ical.js), a MECARD, or a plain web address.
import ICAL from 'ical.js';
import { socialFromUrl } from './card-contacts.js';
import type { PhoneLabel, QrContent } from './card-types.js';

/** The QR code's fields, or null when it holds something else (a Wi-Fi login, plain text, a payment). */
export function parseQrPayload(text: string): QrContent | null {
  const payload = text.replace(/^\uFEFF/, '').trim();
  if (/^BEGIN:VCARD/i.test(payload)) return parseVcard(payload);
  if (/^MECARD:/i.test(payload)) return parseMecard(payload.slice('MECARD:'.length));
  if (/^(?:https?:\/\/|www\.)[^\s]+\.[^\s]+$/i.test(payload)) return parseUrl(payload);
  return null;
}

function emptyContent(format: QrContent['format']): QrContent {
  return { format, name: null, title: null, company: null, emails: [], phones: [], websites: [], address: null, socials: [], note: [] };
}

function parseUrl(url: string): QrContent {
  const content = emptyContent('url');
  addUrl(content, url);
  return content;
}

function addUrl(content: QrContent, url: string): void {
  const social = socialFromUrl(url);
  if (social) content.socials.push(social);
  else if (url && !content.websites.includes(url)) content.websites.push(url);
}

// --- vCard ---------------------------------------------------------------------------------------------------------

type JcalProperty = [string, Record<string, string | string[]>, string, ...unknown[]];

function parseVcard(payload: string): QrContent | null {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(toVcard3(payload));
  } catch {
    return null;
  }
  const card = Array.isArray(jcal) && Array.isArray(jcal[0]) ? jcal[0] : jcal;
  if (!Array.isArray(card) || card[0] !== 'vcard' || !Array.isArray(card[1])) return null;
  const content = emptyContent('vcard');
  let structuredName: string | null = null;
  for (const property of card[1] as JcalProperty[]) {
    const [key, params, , ...values] = property;
    const value = values[0];
    const types = [params.type ?? []].flat().map((t) => t.toLowerCase());
    switch (key) {
      case 'fn':
        content.name = text(value) || content.name;
        break;
      case 'n':
        structuredName = personName(components(value));
        break;
      case 'org': {
        const [company, ...departments] = components(value);
        content.company = company || null;
        content.note.push(...departments.filter(Boolean));
        break;
      }
      case 'title':
        content.title = text(value) || null;
        break;
      case 'role':
        content.title ??= text(value) || null;
        break;
      case 'tel': {
        const number = text(value).replace(/^tel:/i, '').replace(/;ext=.*$/i, '');
        if (number) content.phones.push({ number, label: labelFromTypes(types) });
        break;
      }
      case 'email': {
        const email = text(value).replace(/^mailto:/i, '').toLowerCase();
        if (email && !content.emails.includes(email)) content.emails.push(email);
        break;
      }
      case 'url':
        addUrl(content, text(value));
        break;
      case 'x-socialprofile': {
        const profile = text(value);
        const social = socialFromUrl(profile);
        if (social) content.socials.push(social);
        else if (profile && types[0]) content.socials.push({ network: types[0], handle: profile.replace(/^@/, '') });
        break;
      }
      case 'adr':
        content.address ??= formatAddress(components(value));
        break;
      case 'note':
        if (text(value)) content.note.push(text(value));
        break;
    }
  }
  content.name ??= structuredName;
  return content;
}

/** ical.js reads vCard 3.0 and 4.0; a 2.1 card differs in bare parameters ("TEL;CELL:") and quoted-printable values. */
function toVcard3(payload: string): string {
  const lines: string[] = [];
  for (const line of payload.replace(/\r\n?/g, '\n').split('\n')) {
    const previous = lines[lines.length - 1];
    if (previous !== undefined && /^[ \t]/.test(line)) lines[lines.length - 1] = previous + line.slice(1);
    else if (previous !== undefined && /quoted-printable/i.test(previous) && previous.endsWith('=')) lines[lines.length - 1] = previous.slice(0, -1) + line;
    else lines.push(line);
  }
  return lines
    .filter((line) => line.trim() && !/^(?:PHOTO|LOGO|SOUND|KEY)[;:]/i.test(line))
    .map(normaliseLine)
    .join('\r\n');
}

function normaliseLine(line: string): string {
  const colon = line.indexOf(':');
  if (colon < 0) return line;
  const [name = '', ...params] = line.slice(0, colon).split(';');
  let value = line.slice(colon + 1);
  if (/^version$/i.test(name)) return value.trim() === '2.1' ? 'VERSION:3.0' : line;
  const kept: string[] = [];
  for (const param of params) {
    const [key = '', setting = ''] = param.includes('=') ? param.split('=', 2) : ['TYPE', param];
    if (/^quoted-printable$/i.test(setting)) value = decodeQuotedPrintable(value);
    else if (!/^(?:charset|encoding)$/i.test(key) && setting) kept.push(`${key}=${setting}`);
  }
  return [name, ...kept].join(';') + ':' + value;
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(value[i]));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(', ');
  return typeof value === 'string' ? value.trim() : '';
}

/** The parts of a structured value (N, ORG, ADR); a part holding a comma comes back from ical.js as a list. */
function components(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text) : [text(value)];
}

function labelFromTypes(types: string[]): PhoneLabel | null {
  if (types.includes('fax')) return 'fax';
  if (types.includes('cell') || types.includes('mobile')) return 'mobile';
  if (types.includes('home')) return 'home';
  if (types.includes('work') || types.includes('main')) return 'office';
  if (types.some((t) => ['pager', 'video', 'text', 'textphone'].includes(t))) return 'other';
  return null;
}

/** N is family; given; additional; prefix; suffix. */
function personName([family = '', given = '', additional = '', prefix = '', suffix = '']: string[]): string | null {
  const name = [prefix, given, additional, family, suffix].filter(Boolean).join(' ');
  return name || null;
}

/** ADR is PO box; extended; street; locality; region; postcode; country — made one line the way the country writes it:
 * "City, ST 12345" when there is a region (US), "City SW1A 1AA" for a lettered postcode (UK), else "75008 Paris". */
export function formatAddress([poBox = '', extended = '', street = '', locality = '', region = '', postcode = '', country = '']: string[]): string | null {
  let cityLine = locality;
  if (region && postcode) cityLine = `${[locality, region].filter(Boolean).join(', ')} ${postcode}`;
  else if (postcode && /[A-Za-z]/.test(postcode)) cityLine = [locality, postcode].filter(Boolean).join(' ');
  else if (postcode) cityLine = [postcode, locality].filter(Boolean).join(' ');
  else if (region) cityLine = [locality, region].filter(Boolean).join(', ');
  const line = [street, extended, poBox, cityLine, country]
    .map((p) => p.replace(/\s*,\s*/g, ', ').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(', ');
  return line || null;
}

// --- MECARD --------------------------------------------------------------------------------------------------------

/** MECARD:N:Doe,Jane;TEL:+1…;EMAIL:…;URL:…;ADR:…;ORG:…;; with \; \: \, \\ escaped. */
function parseMecard(body: string): QrContent | null {
  const content = emptyContent('mecard');
  for (const field of splitUnescaped(body, ';')) {
    const colon = indexOfUnescaped(field, ':');
    if (colon < 0) continue;
    const key = field.slice(0, colon).trim().toUpperCase();
    const raw = field.slice(colon + 1);
    const value = unescape(raw).trim();
    if (!value) continue;
    if (key === 'N') {
      const [family = '', given = ''] = splitUnescaped(raw, ',').map((p) => unescape(p).trim());
      content.name = [given, family].filter(Boolean).join(' ');
    } else if (key === 'TEL' || key === 'TEL-AV') content.phones.push({ number: value, label: key === 'TEL-AV' ? 'other' : null });
    else if (key === 'EMAIL') content.emails.push(value.toLowerCase());
    else if (key === 'URL') addUrl(content, value);
    else if (key === 'ORG') content.company = value;
    else if (key === 'TITLE') content.title = value;
    else if (key === 'NOTE') content.note.push(value);
    else if (key === 'ADR') {
      const parts = splitUnescaped(raw, ',').map((p) => unescape(p).trim());
      content.address = parts.length === 7 ? formatAddress(parts) : parts.filter(Boolean).join(', ') || null;
    }
  }
  const found = content.name || content.company || content.emails.length || content.phones.length || content.websites.length;
  return found ? content : null;
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function indexOfUnescaped(text: string, char: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
