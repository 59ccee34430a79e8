// A business card says the same thing more than once: the e-mail's domain is the website's and, most of the time, a
// form of the company's name; the e-mail's local part is usually a form of the person's name. OCR seldom misreads
// the same letters in every copy, so a value that nearly matches a better-read copy is set to that copy, and the
// confidence of a value that had to be corrected stays low so that the review form still points at it.
import { fixTld } from './card-contacts.js';
import { levenshtein, round2, spellings } from './card-text.js';
import type { CardDraft, CardField } from './card-types.js';
import { LEGAL_FORMS, NAME_PREFIXES, NAME_SUFFIXES } from './card-vocabulary.js';
import { foldedWords } from './text-fold.js';

/** What a corrected value's confidence is multiplied by: it was read wrong once. */
const CORRECTED = 0.85;
/** Only a value OCR was unsure of is corrected: a clearly printed "acme-co.com" beside "Acme Corp" is what it says. */
const UNSURE = 0.8;

/** Edits allowed between two spellings of one thing: one in short words, one in five in longer ones. */
function closeEnough(a: string, b: string): boolean {
  const edits = levenshtein(a, b);
  return edits > 0 && edits <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 5));
}

interface Host {
  /** "www.", "https://www." or "": kept as printed. */
  prefix: string;
  /** The labels before the registrable one ("mail." in mail.acme.com), with their dot. */
  sub: string;
  /** The registrable label: "acme" in www.acme.co.uk. */
  label: string;
  /** ".co.uk", ".de". */
  suffix: string;
  /** A path after the host, as printed. */
  path: string;
}

function splitHost(value: string): Host | null {
  const match = /^((?:[a-z]+:\/\/)?(?:www\.)?)([^/]+)(\/.*)?$/.exec(value);
  if (!match) return null;
  const parts = (match[2] ?? '').split('.');
  if (parts.length < 2) return null;
  const tail = [parts.pop()!];
  if (parts.length > 1 && /^(co|com|org|net|ac|gov|ltd|plc)$/.test(parts[parts.length - 1] ?? '')) tail.unshift(parts.pop()!);
  const label = parts.pop() ?? '';
  return { prefix: match[1] ?? '', sub: parts.map((p) => `${p}.`).join(''), label, suffix: `.${tail.join('.')}`, path: match[3] ?? '' };
}

const joinHost = (h: Host) => `${h.prefix}${h.sub}${h.label}${h.suffix}${h.path}`;

/** The ways a company's name is written as a domain: "Neumann & Roth Consulting GmbH" → neumann-roth, neumannroth, … */
function companyLabels(company: string): string[] {
  const words = foldedWords(company).filter((w) => !LEGAL_FORMS.has(w) && !['and', 'und', 'et', 'the'].includes(w));
  const labels = new Set<string>();
  for (let n = words.length; n >= 1; n--) {
    const run = words.slice(0, n);
    if (run.join('').length < 4) continue;
    labels.add(run.join('-'));
    labels.add(run.join(''));
  }
  return [...labels];
}

/** The ways a name is written as an e-mail's local part: jane.doe, janedoe, jdoe, j.doe, jane, doe, doe.jane, … */
function nameLocals(name: string): string[] {
  const words = name
    .split(/[\s,]+/)
    .filter((w) => /\p{L}/u.test(w) && !NAME_PREFIXES.has(w.toLowerCase()) && !NAME_SUFFIXES.has(w.toLowerCase().replace(/\.$/, '')));
  if (words.length === 0) return [];
  const firsts = spellings(words[0]!);
  const lasts = words.length > 1 ? spellings(words[words.length - 1]!) : [];
  const forms = new Set<string>(firsts);
  for (const first of firsts) {
    for (const last of lasts) {
      for (const sep of ['.', '', '_', '-']) forms.add(`${first}${sep}${last}`);
      forms.add(`${first[0]}${last}`);
      forms.add(`${first[0]}.${last}`);
      forms.add(`${last}.${first}`);
      forms.add(`${first}.${last[0]}`);
      forms.add(last);
    }
  }
  return [...forms].filter((f) => f.length >= 3);
}

/** The one candidate closest to `value` within closeEnough, or null when there is none or two are equally close. */
function nearest(value: string, candidates: readonly string[]): string | null {
  if (candidates.includes(value)) return null;
  let best: string | null = null;
  let bestEdits = Infinity;
  let tie = false;
  for (const candidate of new Set(candidates)) {
    if (!closeEnough(value, candidate)) continue;
    const edits = levenshtein(value, candidate);
    if (edits < bestEdits) [best, bestEdits, tie] = [candidate, edits, false];
    else if (edits === bestEdits) tie = true;
  }
  return tie ? null : best;
}

/**
 * The draft with misread copies of a domain or a name set to the copy read best; a website printed without its dot
 * ("acme de") and left in the note is taken back when it is the e-mail's domain.
 */
export function reconcileContacts(draft: CardDraft): CardDraft {
  const emails = draft.emails.map((e) => ({ field: e, local: e.value.split('@')[0] ?? '', host: splitHost(e.value.split('@')[1] ?? '') }));
  const websites = draft.websites.map((w) => ({ field: w, host: splitHost(w.value) }));

  // Every reading of the organisation's domain label votes with its confidence; the company's name votes too.
  const votes = new Map<string, number>();
  const vote = (label: string, weight: number) => votes.set(label, (votes.get(label) ?? 0) + weight);
  for (const { field, host } of [...emails, ...websites]) if (host) vote(host.label, field.confidence);
  if (draft.company) for (const label of companyLabels(draft.company.value)) vote(label, draft.company.confidence);
  // The closest of the readings that outweigh this one ("kestrelfinch" before "kestrel-finch" for "kestrellinch").
  const bestLabel = (label: string, own: number): string | null => {
    let best: string | null = null;
    let weight = own;
    let edits = Infinity;
    for (const [candidate, w] of votes) {
      if (candidate === label || w <= own || !closeEnough(label, candidate)) continue;
      const e = levenshtein(label, candidate);
      if (w > weight + 0.01 || (w >= weight - 0.01 && e < edits)) [best, weight, edits] = [candidate, w, e];
    }
    return best;
  };
  const corrected = (field: CardField, value: string): CardField => ({ ...field, value, confidence: round2(Math.min(field.confidence, 0.9) * CORRECTED) });

  const locals = draft.name ? nameLocals(draft.name.value) : [];
  const newEmails = emails.map(({ field, local, host }) => {
    if (!host || field.from !== 'ocr') return field;
    // "felix hartmann@…", "daniel, kim@…": the word before was part of the address when together they spell the name.
    const joined = wordBefore(field.line, local);
    const whole = joined && (locals.includes(joined) || nearest(joined, locals)) ? joined : null;
    if (field.confidence >= UNSURE) return whole ? corrected(field, `${nearest(whole, locals) ?? whole}@${joinHost(host)}`) : field;
    const label = bestLabel(host.label, votes.get(host.label) ?? 0);
    // Spaces inside a local part are dots OCR lost ("sophie laurent" for sophie.laurent); "j-moreau" for j.moreau.
    const spaced = (whole ?? local).replace(/\s+/g, '.');
    const dotted = spaced.replace(/[-_,]/g, '.');
    const name = locals.includes(spaced) ? null : locals.includes(dotted) ? dotted : nearest(spaced, locals);
    if (!label && !name && spaced === local) return field;
    return corrected(field, `${name ?? spaced}@${joinHost({ ...host, label: label ?? host.label })}`);
  });
  const newWebsites = websites.map(({ field, host }) => {
    if (!host || field.from !== 'ocr' || field.confidence >= UNSURE) return field;
    const label = bestLabel(host.label, votes.get(host.label) ?? 0);
    return label ? corrected(field, joinHost({ ...host, label })) : field;
  });

  // What the extractors could not read is in the note: an e-mail whose "@" was misread as a letter
  // ("mdelgadotredwoodridge. com"), a website printed without its dot ("quellcode-kollcktiy de"). Taken back only
  // when the name and the domain both agree with the rest of the card.
  let note = draft.note;
  const orgLabels = draft.company ? companyLabels(draft.company.value).filter((l) => l.length >= 5) : [];
  const known = [...new Set([...newEmails.map((e) => splitHost(e.value.split('@')[1] ?? '')?.label ?? ''), ...orgLabels])].filter(Boolean);
  const take = (at: number) => {
    const printed = note[at]!;
    note = note.filter((_, i) => i !== at);
    return printed;
  };
  if (newEmails.length === 0 && locals.length > 0) {
    for (let at = 0; at < note.length; at++) {
      const found = misreadAtEmail(note[at]!, orgLabels, locals);
      if (found) {
        newEmails.push({ value: found, confidence: round2(0.5 * (draft.company?.confidence ?? 0.5)), line: take(at), from: 'ocr' });
        break;
      }
    }
  }
  if (newWebsites.length === 0 && known.length > 0) {
    for (let at = 0; at < note.length; at++) {
      const printed = /^\s*(w{2,4}\W*)?([a-z0-9-]{4,})[.,\s]+([a-z]{2,6}(?:[.,\s]+[a-z]{2})?)\s*$/i.exec(note[at]!);
      if (!printed) continue;
      const label = printed[2]!.toLowerCase();
      const match = known.includes(label) ? label : nearest(label, known);
      if (!match) continue;
      const tld = printed[3]!.toLowerCase().split(/[.,\s]+/).join('.');
      const email = newEmails.find((e) => splitHost(e.value.split('@')[1] ?? '')?.label === match);
      const host = email ? (email.value.split('@')[1] ?? '') : fixTld(`${match}.${tld}`).value;
      newWebsites.push({ value: `${printed[1] ? 'www.' : ''}${host}`, confidence: round2(0.6 * (email ?? draft.company)!.confidence), line: take(at), from: 'ocr' });
      break;
    }
  }
  return { ...draft, emails: dedupe(newEmails), websites: dedupe(newWebsites), note };
}

/** "mdelgadotredwoodridge. com" → mdelgado@redwoodridge.com: a name form, one misread character, a company's domain. */
function misreadAtEmail(text: string, labels: readonly string[], locals: readonly string[]): string | null {
  const squeezed = text.toLowerCase().replace(/\s+/g, '');
  for (const label of labels) {
    const at = squeezed.indexOf(label);
    const tld = at > 0 ? /^[.,]([a-z]{2,6}(?:\.[a-z]{2})?)$/.exec(squeezed.slice(at + label.length)) : null;
    if (!tld) continue;
    const before = squeezed.slice(0, at);
    const local = [before, before.slice(0, -1)].find((l) => locals.includes(l));
    if (local) return `${local}@${fixTld(`${label}.${tld[1]}`).value}`;
  }
  return null;
}

/** The local part with the word printed just before it ("felix" + "hartmann" → "felix.hartmann"), or null. */
function wordBefore(line: string, local: string): string | null {
  const at = line.toLowerCase().search(new RegExp(`${local.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s?@`));
  if (at <= 0) return null;
  const word = /([A-Za-z]{2,})[\s,]{1,2}$/.exec(line.slice(0, at));
  return word ? `${word[1]!.toLowerCase()}.${local}` : null;
}

function dedupe<T>(fields: CardField<T>[]): CardField<T>[] {
  return fields.filter((f, i) => fields.findIndex((g) => JSON.stringify(g.value) === JSON.stringify(f.value)) === i);
}
