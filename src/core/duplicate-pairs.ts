// Duplicate pairs across a whole account: which two people are probably one, how sure, and why in words.
// The repository blocks on keys (same e-mail, same phone, same company key, same work e-mail domain) so that only
// people who share one are ever compared; this module sub-blocks a company or domain block by name prefixes and
// scores each pair with the capture-time scorer's name similarity and confidence (duplicate-check.ts), plus
// nicknames, and says why in words a person can read.
import { companyKey, FREE_MAIL_DOMAINS, nameTokens, similarNameConfidence, tokenSimilarity } from './duplicate-check.js';
import { foldText } from './text-fold.js';

export interface PairPerson {
  id: string;
  fullName: string;
  company: string | null;
  /** Normalised e-mails (lower-case). */
  emails: string[];
  /** Phones in E.164. */
  phones: string[];
}

export interface DuplicatePair {
  /** The two ids, `a` < `b`. */
  a: string;
  b: string;
  /** 1 for an identical e-mail or phone (certain); below 1 for close names at the same company or domain (likely). */
  confidence: number;
  certain: boolean;
  /** e.g. ["same e-mail jane@acme.com", "names 'Jon Smith' and 'John Smith' differ by one letter; both at Acme"] */
  evidence: string[];
}

/**
 * Common English nicknames → the formal name they shorten. Small on purpose: only names whose nickname is not
 * itself a common formal name elsewhere. Both sides are folded (lower-case, no accents) before the lookup.
 */
export const NICKNAMES: Readonly<Record<string, string>> = {
  bob: 'robert', rob: 'robert', robbie: 'robert', bobby: 'robert', bert: 'robert',
  bill: 'william', will: 'william', billy: 'william', liam: 'william',
  jim: 'james', jimmy: 'james', jamie: 'james',
  mike: 'michael', mick: 'michael', mikey: 'michael',
  dick: 'richard', rich: 'richard', rick: 'richard', richie: 'richard',
  tom: 'thomas', tommy: 'thomas',
  tony: 'anthony', andy: 'andrew', drew: 'andrew',
  dave: 'david', davey: 'david', dan: 'daniel', danny: 'daniel',
  joe: 'joseph', joey: 'joseph', chris: 'christopher', matt: 'matthew',
  steve: 'stephen', nick: 'nicholas', pat: 'patrick', ted: 'edward', ed: 'edward', eddie: 'edward',
  ben: 'benjamin', sam: 'samuel', alex: 'alexander', greg: 'gregory', jeff: 'jeffrey', larry: 'lawrence',
  kate: 'katherine', katie: 'katherine', kathy: 'katherine', cathy: 'catherine',
  liz: 'elizabeth', beth: 'elizabeth', betty: 'elizabeth', lizzie: 'elizabeth',
  peggy: 'margaret', maggie: 'margaret', meg: 'margaret',
  jenny: 'jennifer', jen: 'jennifer', sue: 'susan', susie: 'susan',
  becky: 'rebecca', vicky: 'victoria', debbie: 'deborah', deb: 'deborah',
  mandy: 'amanda', abby: 'abigail', annie: 'anne', patty: 'patricia', trish: 'patricia',
};

const CERTAIN = 1;
/** A nickname is good evidence but not proof: "Bob Smith" and "Robert Smith" at Acme. */
const NICKNAME_FACTOR = 0.95;

function folded(name: string): string[] {
  return foldText(name)
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function canonicalWord(word: string): string {
  return NICKNAMES[word] ?? word;
}

/** The name with nicknames replaced by the formal name ("Bob Smith" → "robert smith"). */
function canonicalName(name: string): string {
  return folded(name).map(canonicalWord).join(' ');
}

/**
 * The name keys two people must share (one is enough) to be compared within a company or domain block: one word
 * whole and the first letter of another, after nicknames ("John Smith" → "smith|j", "john|s"). Close names keep at
 * least one word intact and start their other words alike, so "Jon Smith" (smith|j), "J. Smith" (smith|j),
 * "Smith John" and "John Smyth" (john|s) all meet "John Smith"; two people called John at one company do not,
 * unless their surnames start alike. A one-word name keys on that word.
 */
export function nameKeys(fullName: string): string[] {
  const words = folded(fullName).map(canonicalWord);
  if (words.length === 1) return words;
  const keys = new Set<string>();
  for (const [i, whole] of words.entries()) {
    if (whole.length < 2) continue;
    for (const [j, other] of words.entries()) if (i !== j) keys.add(`${whole}|${other[0] ?? ''}`);
  }
  return [...keys];
}

/** Plain Levenshtein distance over code points (names are short; a table of 20×20 is nothing). */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

function quote(name: string): string {
  return `'${name.trim()}'`;
}

/** Says in words how two close names differ. */
export function describeNames(left: string, right: string): string {
  const both = `names ${quote(left)} and ${quote(right)}`;
  if (left.trim() === right.trim()) return `same name ${quote(left)}`;
  const l = folded(left);
  const r = folded(right);
  if (l.join(' ') === r.join(' ')) return `${both} differ only in accents, case or punctuation`;
  if ([...l].sort().join(' ') === [...r].sort().join(' ')) return `${both} have the same words in another order`;
  const nickname = l.find((w, i) => r[i] !== undefined && r[i] !== w && canonicalWord(w) === canonicalWord(r[i] ?? ''));
  if (nickname !== undefined) {
    const other = r[l.indexOf(nickname)] ?? '';
    const [short, long] = NICKNAMES[nickname] ? [nickname, other] : [other, nickname];
    return `${both}: '${short}' is short for '${long}'`;
  }
  if (l.some((w) => w.length === 1) || r.some((w) => w.length === 1)) return `${both} match with an initial`;
  const distance = editDistance(l.join(' '), r.join(' '));
  if (distance === 1) return `${both} differ by one letter`;
  if (distance <= 3) return `${both} differ by ${distance} letters`;
  return `${both} are alike`;
}

function orderIds(x: PairPerson, y: PairPerson): [PairPerson, PairPerson] {
  return x.id < y.id ? [x, y] : [y, x];
}

/** What scoring reads of a person, computed once per person rather than once per pair. */
interface Prepared {
  person: PairPerson;
  emails: Set<string>;
  phones: Set<string>;
  companyKey: string;
  domains: Set<string>;
  tokens: string[];
  canonicalTokens: string[];
  /** The name has a word of the nickname table. */
  hasNickname: boolean;
}

const prepared = new WeakMap<PairPerson, Prepared>();

function prepare(person: PairPerson): Prepared {
  let p = prepared.get(person);
  if (!p) {
    p = {
      person,
      emails: new Set(person.emails.map((e) => e.trim().toLowerCase())),
      phones: new Set(person.phones.map((e) => e.trim())),
      companyKey: companyKey(person.company ?? ''),
      domains: new Set(person.emails.map(workDomainOf).filter((d): d is string => d !== null)),
      tokens: nameTokens(person.fullName),
      canonicalTokens: nameTokens(canonicalName(person.fullName)),
      hasNickname: folded(person.fullName).some((w) => NICKNAMES[w] !== undefined),
    };
    prepared.set(person, p);
  }
  return p;
}

/** How sure two names make it, at one company: as written, else with nicknames replaced (costing 5%). */
function nameConfidence(px: Prepared, py: Prepared, memo: Map<string, number> | undefined): number {
  const x = px.person.fullName;
  const y = py.person.fullName;
  const key = x < y ? `${x}\n${y}` : `${y}\n${x}`;
  const known = memo?.get(key);
  if (known !== undefined) return known;
  let score = similarNameConfidence(tokenSimilarity(px.tokens, py.tokens));
  if (score === 0 && (px.hasNickname || py.hasNickname)) score = similarNameConfidence(tokenSimilarity(px.canonicalTokens, py.canonicalTokens)) * NICKNAME_FACTOR;
  score = Math.round(score * 100) / 100;
  memo?.set(key, score);
  return score;
}

/**
 * Scores a list of pairs: a name pair met again (common names at one company) is scored once.
 */
export function scorePairs(pairs: [PairPerson, PairPerson][]): DuplicatePair[] {
  const memo = new Map<string, number>();
  const out: DuplicatePair[] = [];
  for (const [x, y] of pairs) {
    const pair = scorePair(x, y, memo);
    if (pair) out.push(pair);
  }
  return out;
}

/**
 * Scores one pair, or null when they are not alike enough to show. Symmetric: (x, y) and (y, x) give the same.
 * Names are compared with the capture-time scorer's nameSimilarity and confidence, as written and again with
 * nicknames replaced; only close names at the same company or work e-mail domain count (a same name alone is not
 * enough across a whole account).
 */
export function scorePair(first: PairPerson, second: PairPerson, memo?: Map<string, number>): DuplicatePair | null {
  if (first.id === second.id) return null;
  const [x, y] = orderIds(first, second);
  const px = prepare(x);
  const py = prepare(y);
  const evidence: string[] = [];
  for (const email of px.emails) if (py.emails.has(email)) evidence.push(`same e-mail ${email}`);
  for (const phone of px.phones) if (py.phones.has(phone)) evidence.push(`same phone ${phone}`);
  const certain = evidence.length > 0;

  const sameCompany = px.companyKey !== '' && px.companyKey === py.companyKey;
  const domain = sameCompany ? null : ([...px.domains].find((d) => py.domains.has(d)) ?? null);
  const nameScore = sameCompany || domain !== null ? nameConfidence(px, py, memo) : 0;
  if (nameScore > 0) {
    const where = sameCompany ? `both at ${(x.company ?? '').trim()}` : `both with e-mail at ${domain ?? ''}`;
    evidence.push(`${describeNames(x.fullName, y.fullName)}; ${where}`);
  }
  if (!certain && nameScore === 0) return null;
  return { a: x.id, b: y.id, confidence: certain ? CERTAIN : nameScore, certain, evidence };
}

/**
 * The pairs of people worth comparing inside one block (people of one company, or of one e-mail domain): only those
 * who share a name key, never every pair of a large company.
 */
export function pairsWithinBlock(members: { id: string; fullName: string }[]): [string, string][] {
  const byKey = new Map<string, string[]>();
  for (const member of members) {
    for (const key of nameKeys(member.fullName)) {
      const list = byKey.get(key);
      if (list) list.push(member.id);
      else byKey.set(key, [member.id]);
    }
  }
  const seen = new Set<string>();
  const pairs: [string, string][] = [];
  for (const ids of byKey.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const x = ids[i] ?? '';
        const y = ids[j] ?? '';
        if (x === y) continue;
        const [a, b] = x < y ? [x, y] : [y, x];
        const key = `${a} ${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/** Best first: certain before likely, then by confidence, then by ids (stable across runs and machines). */
export function comparePairs(p: DuplicatePair, q: DuplicatePair): number {
  return q.confidence - p.confidence || q.evidence.length - p.evidence.length || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0);
}

/** The work e-mail domain of an address ("acme.com"), or null for free-mail providers and malformed addresses. */
export function workDomainOf(email: string): string | null {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at <= 0 || domain === '' || FREE_MAIL_DOMAINS.has(domain)) return null;
  return domain;
}
