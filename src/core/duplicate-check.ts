// Duplicate scoring at capture: "you may already know …" when a new person looks like someone already in the account.
// The repository picks the candidates (shared e-mail, phone, company or name word); this module only scores them.
import { foldText } from './text-fold.js';

/** The person being captured. Phones in E.164; e-mails in any case. */
export interface DuplicateProbe {
  fullName: string | null;
  company: string | null;
  emails: string[];
  phones: string[];
}

/** A person already in the account that the repository thinks might be the same. */
export interface DuplicateCandidate {
  id: string;
  fullName: string;
  company: string | null;
  emails: string[];
  phones: string[];
}

export type DuplicateReason = 'same_email' | 'same_phone' | 'similar_name_same_company' | 'same_name';

export interface PossibleDuplicate {
  personId: string;
  fullName: string;
  company: string | null;
  /** Every way the candidate matches, strongest first. */
  reasons: DuplicateReason[];
  /** 1 for a shared e-mail or phone; below 1 for name-based matches. */
  confidence: number;
  /** e.g. "You may already know Jane Doe (Acme Corp): same e-mail jane@acme.com." */
  message: string;
  /** e.g. ["e-mail jane@acme.com", "name \"Jane Doe\" ≈ \"Jane Do\"", "company Acme Corp"] */
  evidence: string[];
}

const MAX_RESULTS = 5;
/** Below this name similarity two names are different people, whatever the company. */
const NAME_THRESHOLD = 0.88;
const CERTAIN = 1;
const SAME_NAME_CONFIDENCE = 0.6;
const SIMILAR_NAME_MIN = 0.7;
const SIMILAR_NAME_MAX = 0.95;
/** An initial against a word it could abbreviate ("J" ~ "Jane"): likely, but weaker than a typo-free word. */
const INITIAL_SCORE = 0.85;
/** A middle initial present on one side only ("Jane M. Doe" ~ "Jane Doe") costs a little. */
const UNMATCHED_INITIAL_FACTOR = 0.95;

const HONORIFICS = new Set(['dr', 'mr', 'mrs', 'ms', 'prof']);
const LEGAL_SUFFIXES = new Set(['inc', 'incorporated', 'ltd', 'limited', 'llc', 'gmbh', 'sarl', 'sa', 'corp', 'corporation', 'co', 'plc', 'ag']);
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
// A shared free-mail domain says nothing about a shared employer.
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com',
  'aol.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'orange.fr', 'free.fr', 'yandex.ru', 'mail.ru', 'fastmail.com', 'zoho.com',
]);

/** Jaro similarity, written by hand (no dependency for ~25 lines): matching characters within a window, minus transpositions. */
function jaro(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = a.map(() => false);
  const bMatched = b.map(() => false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = bMatched[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) halfTranspositions++;
    k++;
  }
  return (matches / a.length + matches / b.length + (matches - halfTranspositions / 2) / matches) / 3;
}

/** Jaro-Winkler: Jaro boosted by a common prefix of up to 4 characters, scaling factor 0.1. */
function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const aChars = Array.from(a);
  const bChars = Array.from(b);
  const score = jaro(aChars, bChars);
  let prefix = 0;
  while (prefix < 4 && prefix < aChars.length && aChars[prefix] === bChars[prefix]) prefix++;
  return score + prefix * 0.1 * (1 - score);
}

/** Folded name words without punctuation or honorifics, sorted so that word order does not matter. */
export function nameTokens(name: string): string[] {
  return foldText(name)
    .replace(/['’`]/g, '') // "O'Brien" is one word, not "O" + "Brien"
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !HONORIFICS.has(w))
    .sort();
}

function tokenScore(x: string, y: string): number {
  if (x === y) return 1;
  if (x.length === 1 || y.length === 1) return x[0] === y[0] ? INITIAL_SCORE : 0;
  return jaroWinkler(x, y);
}

/**
 * How alike two person names are, 0..1. Words are paired order-independently (best pairs first, each word once)
 * and scored with Jaro-Winkler per word, weighted by word length; an initial matches a word it starts.
 * Whole-string Jaro-Winkler over the sorted words is not used: a shared surname sorted first earns the
 * prefix bonus and makes "Doe Jane" and "Doe John" look alike.
 */
export function nameSimilarity(a: string, b: string): number {
  return tokenSimilarity(nameTokens(a), nameTokens(b));
}

/** nameSimilarity over names already split by nameTokens: for callers that compare one name with many. */
export function tokenSimilarity(left: string[], right: string[]): number {
  if (left.length === 0 || right.length === 0) return 0;
  if (left.join(' ') === right.join(' ')) return 1;
  const pairs = left
    .flatMap((x, i) => right.map((y, j) => ({ i, j, score: tokenScore(x, y), weight: Math.max(x.length, y.length) })))
    .sort((p, q) => q.score - p.score || q.weight - p.weight || p.i - q.i || p.j - q.j);
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  let weighted = 0;
  let total = 0;
  for (const pair of pairs) {
    if (usedLeft.has(pair.i) || usedRight.has(pair.j)) continue;
    usedLeft.add(pair.i);
    usedRight.add(pair.j);
    weighted += pair.score * pair.weight;
    total += pair.weight;
  }
  let factor = 1;
  const unmatched = [...left.filter((_, i) => !usedLeft.has(i)), ...right.filter((_, j) => !usedRight.has(j))];
  for (const word of unmatched) {
    if (word.length === 1) factor *= UNMATCHED_INITIAL_FACTOR;
    else total += word.length;
  }
  return (weighted / total) * factor;
}

/** A company name normalised for equality: "The Acme Corp." = "ACME, Inc." = "acme". Empty when nothing is left. */
export function companyKey(company: string): string {
  const words = foldText(company)
    .replace(/[.'’`]/g, '') // "S.A." → "sa", "Macy's" → "macys"
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && w !== 'the');
  // Strip trailing legal forms ("Acme Holdings Ltd", "Smith & Co"), but never the only word left.
  while (words.length > 1) {
    const last = words[words.length - 1] ?? '';
    if (LEGAL_SUFFIXES.has(last) || last === 'and') words.pop();
    else break;
  }
  return words.join(' ');
}

/** Lower-cased and trimmed; for Gmail also without dots and +suffix in the local part, which Gmail ignores. */
function emailKey(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const domain = address.slice(at + 1);
  if (!GMAIL_DOMAINS.has(domain)) return address;
  const local = address.slice(0, at).split('+')[0]?.replace(/\./g, '') ?? '';
  return `${local}@gmail.com`;
}

function workDomains(emails: string[]): Set<string> {
  const domains = new Set<string>();
  for (const email of emails) {
    const address = email.trim().toLowerCase();
    const domain = address.slice(address.lastIndexOf('@') + 1);
    if (address.includes('@') && domain.length > 0 && !FREE_MAIL_DOMAINS.has(domain)) domains.add(domain);
  }
  return domains;
}

type CompanyMatch = { by: 'company'; label: string } | { by: 'domain'; domain: string };

function sameCompany(probe: DuplicateProbe, candidate: DuplicateCandidate): CompanyMatch | null {
  const probeKey = companyKey(probe.company ?? '');
  if (probeKey !== '' && probeKey === companyKey(candidate.company ?? '')) {
    return { by: 'company', label: (candidate.company ?? '').trim() };
  }
  const probeDomains = workDomains(probe.emails);
  const shared = [...workDomains(candidate.emails)].find((d) => probeDomains.has(d));
  return shared === undefined ? null : { by: 'domain', domain: shared };
}

function hasCompanyInformation(company: string | null, emails: string[]): boolean {
  return companyKey(company ?? '') !== '' || workDomains(emails).size > 0;
}

/**
 * The confidence of "same person" for two names this alike (nameSimilarity) at the same company or work domain:
 * 0 below the threshold, then 0.7 to 0.95. Also used by duplicate-pairs.ts, so both scorers agree.
 */
export function similarNameConfidence(similarity: number): number {
  if (similarity < NAME_THRESHOLD) return 0;
  return SIMILAR_NAME_MIN + ((SIMILAR_NAME_MAX - SIMILAR_NAME_MIN) * (similarity - NAME_THRESHOLD)) / (1 - NAME_THRESHOLD);
}

function roundConfidence(value: number): number {
  return Math.round(value * 100) / 100;
}

function scoreCandidate(probe: DuplicateProbe, candidate: DuplicateCandidate): PossibleDuplicate | null {
  const reasons: DuplicateReason[] = [];
  const evidence: string[] = [];
  let confidence = 0;
  let because = '';
  const note = (reason: DuplicateReason, score: number, words: string): void => {
    reasons.push(reason);
    if (score > confidence) [confidence, because] = [score, words];
  };

  const probeEmails = new Set(probe.emails.map(emailKey).filter((e) => e !== ''));
  const sharedEmails = candidate.emails.map((e) => e.trim()).filter((e) => e !== '' && probeEmails.has(emailKey(e)));
  if (sharedEmails.length > 0) {
    note('same_email', CERTAIN, `same e-mail ${sharedEmails[0]}`);
    evidence.push(...sharedEmails.map((e) => `e-mail ${e}`));
  }

  const probePhones = new Set(probe.phones.map((p) => p.trim()).filter((p) => p !== ''));
  const sharedPhones = candidate.phones.map((p) => p.trim()).filter((p) => p !== '' && probePhones.has(p));
  if (sharedPhones.length > 0) {
    note('same_phone', CERTAIN, `same phone ${sharedPhones[0]}`);
    evidence.push(...sharedPhones.map((p) => `phone ${p}`));
  }

  const probeName = (probe.fullName ?? '').trim();
  const candidateName = candidate.fullName.trim();
  const similarity = nameSimilarity(probeName, candidateName);
  const nameEvidence = candidateName === probeName ? `name "${candidateName}"` : `name "${candidateName}" ≈ "${probeName}"`;
  if (similarity >= NAME_THRESHOLD) {
    const company = sameCompany(probe, candidate);
    if (company !== null) {
      const scaled = similarNameConfidence(similarity);
      const name = similarity === 1 ? 'same name' : 'similar name';
      const where = company.by === 'company' ? 'same company' : `same e-mail domain ${company.domain}`;
      note('similar_name_same_company', roundConfidence(scaled), `${name}, ${where}`);
      evidence.push(nameEvidence, company.by === 'company' ? `company ${company.label}` : `e-mail domain ${company.domain}`);
    } else if (
      similarity === 1 &&
      !hasCompanyInformation(probe.company, probe.emails) &&
      !hasCompanyInformation(candidate.company, candidate.emails)
    ) {
      note('same_name', SAME_NAME_CONFIDENCE, 'same name');
      evidence.push(nameEvidence);
    }
  }

  if (reasons.length === 0) return null;
  const company = candidate.company?.trim() ? candidate.company.trim() : null;
  const who = (candidateName || 'an unnamed contact') + (company === null ? '' : ` (${company})`);
  return {
    personId: candidate.id,
    fullName: candidate.fullName,
    company: candidate.company,
    reasons,
    confidence,
    message: `You may already know ${who}: ${because}.`,
    evidence,
  };
}

// Plain code-unit order, not localeCompare: the result must not depend on the machine's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The candidates that look like the probe, best first, at most 5; candidates that do not match are left out. */
export function findPossibleDuplicates(probe: DuplicateProbe, candidates: DuplicateCandidate[]): PossibleDuplicate[] {
  const seen = new Set<string>();
  const found: PossibleDuplicate[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue; // the repository may return one person for several reasons
    seen.add(candidate.id);
    const duplicate = scoreCandidate(probe, candidate);
    if (duplicate !== null) found.push(duplicate);
  }
  return found
    .sort(
      (a, b) =>
        b.confidence - a.confidence ||
        b.reasons.length - a.reasons.length ||
        compareText(a.fullName, b.fullName) ||
        compareText(a.personId, b.personId),
    )
    .slice(0, MAX_RESULTS);
}
