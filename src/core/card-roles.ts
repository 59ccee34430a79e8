// How much a piece of text on a card looks like a person's name, a job title or a company, from evidence rather than
// position: job words, legal forms and company words, the shape of a name, and whether it matches the e-mail address
// ("jordan.whitfield@", "kobrien@" → Kevin O'Brien) or the domain of the e-mail and website (brightline-analytics.com).
import { foldedKey, levenshtein, spellings } from './card-text.js';
import {
  COMPANY_WORDS,
  CONNECTORS,
  JOB_QUALIFIERS,
  JOB_SUFFIX,
  JOB_WORDS,
  LEGAL_FORMS,
  NAME_PARTICLES,
  NAME_PREFIXES,
  NAME_SUFFIXES,
} from './card-vocabulary.js';
import { foldText } from './text-fold.js';

export type Role = 'name' | 'title' | 'company';
export type RoleScores = Record<Role, number>;

/** What the rest of the card tells about the person: the local parts of the e-mails and the organisation's domains. */
export interface RoleContext {
  emailLocals: string[];
  domains: string[];
}

/** Local parts that name a mailbox, not a person. */
const GENERIC_LOCALS = new Set(['info', 'contact', 'hello', 'hi', 'office', 'mail', 'sales', 'team', 'admin', 'kontakt', 'bonjour', 'service', 'support', 'post', 'enquiries', 'inquiries']);

interface Token {
  printed: string;
  /** Folded, without the punctuation around it: "Inc.," → "inc". */
  word: string;
}

export function scoreRoles(text: string, context: RoleContext): RoleScores {
  if (/@|https?:|www\./i.test(text)) return { name: 0, title: 0, company: 0 };
  const tokens = tokenize(text);
  // "Partner" is a job, but "& Partner" ends a firm's name ("Schröder & Partner").
  const firmPartner = (k: number) => /^partner/.test(tokens[k]?.word ?? '') && ['&', 'and', 'und', '+'].includes(tokens[k - 1]?.word ?? '');
  const jobAt = tokens.map((t, k) => isJobWord(t.word) && !firmPartner(k));
  const jobs = jobAt.filter(Boolean).length;
  // A job known only by its ending ("Softwareentwickler", "Cardiologist") is weaker evidence: surnames end so too.
  const namedJobs = tokens.filter((t, k) => jobAt[k] && [t.word, ...t.word.split('-')].some((w) => JOB_WORDS.has(w))).length;
  const qualifiers = tokens.filter((t) => JOB_QUALIFIERS.has(t.word)).length;
  const legal = tokens.filter((t, k) => isLegalForm(t, tokens[k - 1])).length;
  const companyWords = tokens.filter((t, k) => COMPANY_WORDS.has(t.word) || firmPartner(k)).length;
  const distinctive = tokens.filter((t, k) => /\p{L}{2}/u.test(t.word) && !isVocabulary(t, tokens[k - 1])).length;
  const ampersand = /&|\s(?:and|und|et)\s+\p{Lu}/u.test(text);
  const digits = /\d/.test(text);
  const domain = domainMatch(tokens, context.domains);
  const tagline = isTagline(tokens, text, jobs, legal);

  let title = jobs > 0 ? (namedJobs > 0 ? 0.65 : 0.55) + 0.1 * Math.min(jobs + qualifiers - 1, 3) : qualifiers >= 2 ? 0.3 : 0;
  if (legal) title -= 0.5;
  if (digits) title -= 0.3;
  if (tokens.length > 8) title -= 0.3;
  if (tagline) title -= 0.3;
  if (domain >= 0.5 && jobs === 0) title -= 0.3;

  let company = 0;
  if (legal && tokens.length > legal) company += 0.6;
  if (companyWords) company += 0.35 + 0.1 * Math.min(companyWords - 1, 2);
  if (ampersand && jobs === 0) company += 0.25;
  company += 0.5 * domain;
  if (jobs && !legal) company -= 0.3 * jobs;
  if (distinctive === 0) company *= 0.3; // "Consulting" or "GmbH" alone names no company
  if (tagline) company -= 0.4;
  if (digits) company -= 0.1;
  if (tokens.length > 6) company -= 0.2;

  const scores = { name: nameScore(text, context, { jobs: namedJobs, legal, companyWords, ampersand, domain }), title: clamp(title), company: clamp(company) };
  // "GRAHAM &" or "& Finch": half of a name cut at its ampersand is no whole role.
  if (/^(?:&|\+|and|und|et)\s|\s(?:&|\+|and|und|et)$|^&|&$/i.test(text.trim())) return { name: 0, title: scores.title * 0.3, company: scores.company * 0.3 };
  return scores;
}

/** The words of a person's name without "Dr."/"PhD", or null when the text is not shaped like a name. */
export function nameWords(text: string): { words: string[]; titled: boolean } | null {
  const tokens = text.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  let titled = false;
  while (tokens.length && NAME_PREFIXES.has(foldText(tokens[0] ?? ''))) {
    tokens.shift();
    titled = true;
  }
  while (tokens.length && NAME_SUFFIXES.has(foldText(tokens[tokens.length - 1] ?? ''))) tokens.pop();
  const core = tokens.filter((t) => !NAME_PARTICLES.has(t));
  const full = core.filter((t) => /\p{L}{2}/u.test(t));
  if (core.length < 2 || core.length > 4 || full.length < 2 || tokens.length - core.length > 2) return null;
  const shaped = core.every((t) => /^(?:\p{Lu}\.?|\p{Lu}['\p{L}]*(?:-\p{Lu}?['\p{L}]+)*\.?)$/u.test(t) && !/^\p{Lu}{2}$/u.test(t));
  return shaped && !/\d|[&@/]/.test(text) ? { words: tokens, titled } : null;
}

function nameScore(text: string, context: RoleContext, evidence: { jobs: number; legal: number; companyWords: number; ampersand: boolean; domain: number }): number {
  const name = nameWords(text);
  if (!name) return 0;
  const email = emailNameMatch(name.words, context.emailLocals);
  let score = 0.45 + 0.45 * email + (name.titled ? 0.15 : 0);
  score -= 0.4 * (evidence.jobs + evidence.legal + evidence.companyWords) + (evidence.ampersand ? 0.4 : 0);
  // The whole name spelled in the domain is the firm's name ("Grant Whitmore" of grantwhitmore.co.uk), unless the
  // e-mail says it is the person; a surname alone in the domain is common ("Rebecca Lin" of Lin & Associates).
  if (email < 0.5 && evidence.domain >= 1) score -= 0.3;
  return clamp(score);
}

/** 1 when an e-mail address spells the name (jordan.whitfield, e.hughes, kobrien), less for a partial match (sam@). */
export function emailNameMatch(words: readonly string[], locals: readonly string[]): number {
  const core = words.filter((w) => !NAME_PARTICLES.has(w) && /\p{L}{2}/u.test(w));
  if (core.length < 2) return 0;
  const firsts = [...spellings(core[0] ?? ''), ...(core[0] ?? '').split('-').flatMap(spellings)];
  const lastIndex = words.lastIndexOf(core[core.length - 1] ?? '');
  const lastPrinted = core[core.length - 1] ?? '';
  const lasts = [...spellings(lastPrinted), ...spellings(words.slice(Math.max(0, lastIndex - 2)).join('')), ...lastPrinted.split('-').flatMap(spellings)];
  const initial = (list: string[]) => list.map((w) => w[0] ?? '');
  let best = 0;
  for (const local of locals) {
    const parts = local.toLowerCase().replace(/\d+/g, '').split(/[._+-]+/).filter(Boolean);
    if (!parts.length || GENERIC_LOCALS.has(parts.join(''))) continue;
    if (parts.length >= 2) {
      const a = parts[0] ?? '';
      const z = parts[parts.length - 1] ?? '';
      const firstOk = firsts.includes(a) || (a.length === 1 && initial(firsts).includes(a)) || (a.length >= 3 && firsts.some((f) => f.startsWith(a)));
      const lastOk = lasts.includes(z) || (z.length === 1 && initial(lasts).includes(z)) || (z.length >= 5 && lasts.some((l) => levenshtein(l, z) <= 1));
      if (firstOk && lastOk) best = Math.max(best, 1);
      else if (lasts.includes(a) && (firsts.includes(z) || initial(firsts).includes(z))) best = Math.max(best, 1);
      else if (lastOk && z.length > 1) best = Math.max(best, 0.6);
      else if (firstOk && a.length > 1) best = Math.max(best, 0.5);
      continue;
    }
    const s = parts[0] ?? '';
    const combos = firsts.flatMap((f) => lasts.flatMap((l) => [f + l, f[0] + l, f + l[0], l + f, l + f[0]]));
    if (combos.includes(s)) best = Math.max(best, 1);
    else if (s.length >= 6 && combos.some((c) => levenshtein(c, s) <= 1)) best = Math.max(best, 0.8);
    else if (s.length >= 4 && combos.some((c) => levenshtein(c, s) <= 1)) best = Math.max(best, 0.7);
    else if (s.length >= 3 && (firsts.includes(s) || lasts.includes(s))) best = Math.max(best, 0.7);
    else if (s.length >= 3 && firsts.some((f) => f.startsWith(s))) best = Math.max(best, 0.5);
  }
  return best;
}

/** The share of the distinctive words found in an organisation's domain ("Summit Peak Logistics" ~ summitpeak: 2/3),
 * counting initials ("Moreau & Lefèvre Architectes" ~ ml-architectes: 3/3). */
function domainMatch(tokens: readonly Token[], domains: readonly string[]): number {
  const words = tokens.filter((t, k) => /\p{L}{2}/u.test(t.word) && !isLegalForm(t, tokens[k - 1]) && !CONNECTORS.has(t.word)).map((t) => foldedKey(t.printed));
  if (!words.length) return 0;
  let best = 0;
  for (const label of domains) {
    const key = label.replace(/-/g, '');
    const parts = label.split('-');
    const matched = new Set<number>();
    words.forEach((word, k) => {
      const found = spellings(word).some((v) => parts.includes(v) || (v.length >= 4 && key.includes(v)) || (v.length === 3 && (key.startsWith(v) || key.endsWith(v))));
      if (found) matched.add(k);
    });
    const initials = words.map((w) => w[0] ?? '').join('');
    for (const part of parts) {
      const at = part.length >= 2 && part.length <= 4 ? initials.indexOf(part) : -1;
      if (at >= 0) for (let k = at; k < at + part.length; k++) matched.add(k);
    }
    best = Math.max(best, matched.size / words.length);
  }
  return best;
}

function tokenize(text: string): Token[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((printed) => ({ printed, word: foldText(printed).replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu, '') }));
}

function isJobWord(word: string): boolean {
  if (JOB_WORDS.has(word) || (JOB_SUFFIX.exec(word)?.index ?? 0) >= 3) return true;
  return word.includes('-') && word.split('-').some((part) => JOB_WORDS.has(part));
}

/** "Inc.", "GmbH", "S.A.R.L."; a two-letter form only in capitals ("AG", not "ag"), "Co." only after "&". */
function isLegalForm(token: Token, previous: Token | undefined): boolean {
  const key = token.word.replace(/\./g, '');
  if (!LEGAL_FORMS.has(key)) return false;
  if (key === 'co') return previous?.word === '&' || previous?.word === 'and';
  const bare = token.printed.replace(/[^\p{L}.]/gu, '');
  return key.length > 2 || bare.includes('.') || bare === bare.toUpperCase();
}

function isVocabulary(token: Token, previous: Token | undefined): boolean {
  const w = token.word;
  return isLegalForm(token, previous) || COMPANY_WORDS.has(w) || CONNECTORS.has(w) || isJobWord(w) || JOB_QUALIFIERS.has(w);
}

/** "Moving what matters.", "Reisen mit Weitblick": lower-case words that are not connectors, or a closing full stop. */
function isTagline(tokens: readonly Token[], text: string, jobs: number, legal: number): boolean {
  const lower = tokens.filter((t) => /^\p{Ll}/u.test(t.printed) && !CONNECTORS.has(t.word) && !NAME_PARTICLES.has(t.printed)).length;
  if (/[.!?]$/.test(text) && !/\b\p{L}{1,4}\.$/u.test(text) && tokens.length >= 2 && lower >= 1) return true;
  return lower >= 1 && tokens.length >= 3 && jobs === 0 && legal === 0;
}

function clamp(value: number): number {
  return Math.max(0, Math.min(1, value));
}
