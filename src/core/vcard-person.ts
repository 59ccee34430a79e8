// The mapping between a Kith person and a vCard contact, both ways, so that export → import loses nothing.
//
// What Kith holds that a vCard has no property for travels as X-KITH-* lines (other programs keep unknown
// X- properties): the stage, the cadence, who introduced us, commonalities other than interests. What a vCard holds
// that a Kith person has no field for (the parts of N when they are not what the full name gives, the ORG unit)
// is kept as X-KITH-N / X-KITH-DEPARTMENT lines in the person's stored extra lines, and turned back into N and
// ORG on export, so no other client ever sees them.
import type { PersonRecord } from './records.js';
import { COMMONALITY_KINDS, STAGES, type CommonalityKind, type LabelledValue, type PersonSource, type Stage } from './types.js';
import type { VCardContact, VCardPhoto, VCardValue } from './vcard.js';

export interface PersonForVCard extends PersonRecord {
  uid?: string | null;
  birthday?: string | null;
  photo?: VCardPhoto | null;
  /** The unknown property lines kept from the card the person came from. */
  extra?: string[];
}

/** The fields PeopleService's PersonInput takes (structurally the same; core cannot import app). */
export interface VCardPersonInput {
  fullName: string;
  company: string | null;
  title: string | null;
  notes: string | null;
  stage?: Stage;
  cadenceDays?: number | null;
  emails: { value: string; label: string | null }[];
  phones: { value: string; label: string | null }[];
  links: { value: string; label: string | null }[];
  addresses: { value: string; label: string | null }[];
  introducedBy?: string | null;
  source: PersonSource;
}

export interface VCardPersonMapping {
  input: VCardPersonInput;
  commonalities: { kind: CommonalityKind; text: string }[];
  /** Lines to keep with the person and give back on export. */
  extra: string[];
  uid: string | null;
  birthday: string | null;
  photo: VCardPhoto | null;
  revision: string | null;
}

// Types that are a label of their own; the rest (internet, voice, pref, x400) say nothing a person would call a label.
const LABEL_TYPES: Record<'emails' | 'phones' | 'urls' | 'addresses', string[]> = {
  emails: ['home', 'work', 'other'],
  phones: ['cell', 'mobile', 'iphone', 'home', 'work', 'main', 'fax', 'pager', 'other'],
  urls: ['home', 'work', 'other'],
  addresses: ['home', 'work', 'other'],
};
const WRITTEN_TYPES: Record<'emails' | 'phones' | 'urls' | 'addresses', string[]> = {
  emails: ['home', 'work'],
  phones: ['cell', 'home', 'work', 'fax', 'pager', 'main'],
  urls: ['home', 'work'],
  addresses: ['home', 'work'],
};

function toLabelled(values: VCardValue[], kind: keyof typeof LABEL_TYPES): LabelledValue[] {
  return values.map((v) => {
    const typeLabel = v.types.find((t) => LABEL_TYPES[kind].includes(t)) ?? null;
    return { value: v.value, label: v.label ?? (typeLabel === 'mobile' || typeLabel === 'iphone' ? 'cell' : typeLabel) };
  });
}

function fromLabelled(values: LabelledValue[], kind: keyof typeof WRITTEN_TYPES): VCardValue[] {
  return values.map((v) => {
    if (v.label !== null && WRITTEN_TYPES[kind].includes(v.label)) return { value: v.value, types: [v.label], label: null };
    return { value: v.value, types: [], label: v.label };
  });
}

const kithLine = /^X-KITH-([A-Z-]+)(;[^:]*)?:(.*)$/i;

function unescape(text: string): string {
  return text.replace(/\\([\\;,nN:])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function escape(text: string): string {
  return text.replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function splitName(fullName: string): { given: string; family: string } {
  const words = fullName.trim().split(/\s+/);
  if (words.length < 2) return { given: '', family: words[0] ?? '' };
  return { family: words[words.length - 1]!, given: words.slice(0, -1).join(' ') };
}

export function personInputFromContact(contact: VCardContact, source: PersonSource = 'import'): VCardPersonMapping {
  const input: VCardPersonInput = {
    fullName: contact.fullName,
    company: contact.company,
    title: contact.title,
    notes: contact.notes,
    emails: toLabelled(contact.emails, 'emails'),
    phones: toLabelled(contact.phones, 'phones'),
    links: toLabelled(contact.urls, 'urls'),
    addresses: toLabelled(contact.addresses, 'addresses'),
    source,
  };
  const commonalities: { kind: CommonalityKind; text: string }[] = contact.categories.map((text) => ({ kind: 'interest', text }));
  const extra: string[] = [];
  for (const line of contact.extra) {
    const m = kithLine.exec(line);
    if (!m) {
      extra.push(line);
      continue;
    }
    const [, name, params = '', value = ''] = m;
    switch (name!.toUpperCase()) {
      case 'STAGE':
        if ((STAGES as readonly string[]).includes(value.trim())) input.stage = value.trim() as Stage;
        break;
      case 'CADENCE-DAYS':
        input.cadenceDays = /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
        break;
      case 'INTRODUCED-BY':
        input.introducedBy = unescape(value) || null;
        break;
      case 'COMMONALITY': {
        const kind = /KIND=([a-z]+)/i.exec(params)?.[1]?.toLowerCase();
        if (kind && (COMMONALITY_KINDS as readonly string[]).includes(kind) && value) commonalities.push({ kind: kind as CommonalityKind, text: unescape(value) });
        break;
      }
      default:
        extra.push(line);
    }
  }
  const split = splitName(contact.fullName);
  const n = [contact.familyName, contact.givenName, contact.additionalNames, contact.prefix, contact.suffix];
  const plain = contact.familyName === split.family && contact.givenName === split.given && n.slice(2).every((p) => p === '');
  if (!plain && n.some((p) => p !== '')) extra.push(`X-KITH-N:${n.map(escape).join(';')}`);
  if (contact.department) extra.push(`X-KITH-DEPARTMENT:${escape(contact.department)}`);
  return { input, commonalities, extra, uid: contact.uid, birthday: contact.birthday, photo: contact.photo, revision: contact.revision };
}

export function contactFromPerson(person: PersonForVCard): VCardContact {
  const split = splitName(person.fullName);
  let n = [split.family, split.given, '', '', ''];
  let department: string | null = null;
  const extra: string[] = [];
  for (const line of person.extra ?? []) {
    const m = kithLine.exec(line);
    const name = m?.[1]?.toUpperCase();
    if (name === 'N') {
      const parts = m![3]!.split(/(?<!\\);/).map(unescape);
      // A stored N that no longer fits the name (renamed in Kith since) gives way to the name.
      const words = person.fullName.toLowerCase();
      if (parts.every((p) => p.trim() === '' || words.includes(p.trim().toLowerCase()))) n = [0, 1, 2, 3, 4].map((i) => parts[i] ?? '');
    } else if (name === 'DEPARTMENT') department = unescape(m![3]!);
    else if (name && ['STAGE', 'CADENCE-DAYS', 'INTRODUCED-BY', 'COMMONALITY'].includes(name)) continue;
    else extra.push(line);
  }
  extra.push(`X-KITH-STAGE:${person.stage}`);
  if (person.cadenceDays !== null) extra.push(`X-KITH-CADENCE-DAYS:${person.cadenceDays}`);
  if (person.introducedBy) extra.push(`X-KITH-INTRODUCED-BY:${escape(person.introducedBy)}`);
  for (const c of person.commonalities) if (c.kind !== 'interest') extra.push(`X-KITH-COMMONALITY;KIND=${c.kind}:${escape(c.text)}`);
  return {
    uid: person.uid ?? null,
    fullName: person.fullName,
    familyName: n[0]!,
    givenName: n[1]!,
    additionalNames: n[2]!,
    prefix: n[3]!,
    suffix: n[4]!,
    company: person.company,
    department,
    title: person.title,
    notes: person.notes,
    emails: fromLabelled(person.emails, 'emails'),
    phones: fromLabelled(person.phones, 'phones'),
    urls: fromLabelled(person.links, 'urls'),
    addresses: fromLabelled(person.addresses, 'addresses'),
    birthday: person.birthday ?? null,
    categories: person.commonalities.filter((c) => c.kind === 'interest').map((c) => c.text),
    photo: person.photo ?? null,
    extra,
    revision: person.updatedAt.replace(/[-:]/g, '').replace(/\.\d+/, ''),
  };
}
