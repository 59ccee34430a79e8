// Name, job title and company from the lines of a card that are not contact details or address. Each piece of text is
// scored for each role (card-roles.ts); a line holding two roles because OCR lost a line break is cut where both halves
// read better apart; then the roles go to the pieces that together score best, a name next to its title earning a bonus.
import { emailNameMatch, nameWords, scoreRoles, type Role, type RoleContext, type RoleScores } from './card-roles.js';
import { foldedKey, round2, similarity, type CardFragment } from './card-text.js';
import type { CardField } from './card-types.js';
import { COMPANY_WORDS, COUNTRY_NAMES, JOB_QUALIFIERS, JOB_WORDS, LEGAL_FORMS, NAME_PARTICLES, NAME_PREFIXES, NAME_SUFFIXES } from './card-vocabulary.js';
import { foldText } from './text-fold.js';

const ROLES: Role[] = ['name', 'title', 'company'];
/** The least score at which a piece may take a role. */
const MIN_SCORE: RoleScores = { name: 0.4, title: 0.45, company: 0.4 };
/** How much better two halves must read than the whole line before it is cut. */
const SPLIT_MARGIN = 0.35;
const NEXT_TO_TITLE = 0.15;

interface Piece {
  fragment: CardFragment;
  /** The text with digits read inside words repaired ("Whitfie1d" → "Whitfield"). */
  text: string;
  /** The same words as printed, for the note (always as many words as `text`). */
  printed: string;
  scores: RoleScores;
}

export interface PeopleResult {
  name: CardField | null;
  title: CardField | null;
  company: CardField | null;
  /** The OCR lines that matched a value already known from the QR code, by role. */
  matched: Partial<Record<Role, string[]>>;
  /** The texts that took no role, in reading order. */
  rest: CardFragment[];
}

export function extractPeople(fragments: readonly CardFragment[], context: RoleContext, known: Partial<Record<Role, string | null>>): PeopleResult {
  const matched: Partial<Record<Role, string[]>> = {};
  let pieces = fragments.map((fragment) => {
    const text = repairWords(fragment.text, context);
    // The printed words stay beside the repaired ones for the note, unless a repair joined two of them.
    const printed = text.split(' ').length === fragment.text.split(' ').length ? fragment.text : text;
    return piece(fragment, text, printed, context);
  });
  pieces = joinColumns(pieces, context).flatMap((p) => trimJunk(p, context));
  for (const role of ROLES) {
    const value = known[role];
    if (value) pieces = pieces.flatMap((p) => pinKnown(p, value, context, (line) => (matched[role] ??= []).push(line)));
  }
  pieces = pieces.flatMap((p) => split(p, context, 2));

  const open = ROLES.filter((role) => !known[role]);
  const chosen = assign(pieces, open).choice;
  if (open.includes('company') && chosen.company === undefined) {
    const fallback = companyFallback(pieces, chosen);
    if (fallback !== undefined) chosen.company = fallback;
  }
  const company = chosen.company === undefined ? [] : companyOverTwoLines(pieces, chosen.company, chosen, context);
  const field = (role: Role): CardField | null => {
    const index = chosen[role];
    const p = index === undefined ? undefined : pieces[index];
    if (!p) return null;
    const whole = role === 'company' && company.length > 1 ? joined(company, context) : p;
    const evidence = role === 'company' && whole.scores.company < MIN_SCORE.company ? 0.35 : Math.min(0.97, whole.scores[role]);
    const line = [...new Set((role === 'company' && company.length > 1 ? company : [p]).map((c) => c.fragment.source))].join('\n');
    return { value: trimComma(whole.text), confidence: round2(evidence * p.fragment.confidence), line, from: 'ocr' };
  };
  const used = new Set([...Object.values(chosen), ...company.map((c) => pieces.indexOf(c))]);
  const rest = pieces.filter((_, k) => !used.has(k)).map((p) => ({ ...p.fragment, text: p.printed }));
  return { name: field('name'), title: field('title'), company: field('company'), matched, rest };
}

function piece(fragment: CardFragment, text: string, printed: string, context: RoleContext): Piece {
  return { fragment, text, printed, scores: scoreRoles(text, context) };
}

/** Takes out the words that say what the QR code already says (OCR may have joined them to another line). */
function pinKnown(p: Piece, value: string, context: RoleContext, onMatch: (line: string) => void): Piece[] {
  const words = p.text.split(' ');
  const printed = p.printed.split(' ');
  const target = foldedKey(value);
  for (let length = words.length; length >= 1; length--) {
    for (let start = 0; start + length <= words.length; start++) {
      const window = words.slice(start, start + length).join(' ');
      const key = foldedKey(window);
      const part = length >= 2 && key.length >= 0.5 * target.length && target.includes(key);
      const close = similarity(window, value) >= 0.75 || part;
      if (!close) continue;
      onMatch(p.fragment.source);
      const sides = [
        [words.slice(0, start), printed.slice(0, start)],
        [words.slice(start + length), printed.slice(start + length)],
      ] as const;
      return sides.filter(([w]) => w.length > 0).map(([w, pr]) => piece(p.fragment, w.join(' '), pr.join(' '), context));
    }
  }
  return [p];
}

/** Cuts "Jordan Whitfield Senior Product Manager" in two when each half takes a different role better than the whole. */
function split(p: Piece, context: RoleContext, depth: number): Piece[] {
  const words = p.text.split(' ');
  const printed = p.printed.split(' ');
  if (depth === 0 || words.length < 3) return [p];
  const whole = Math.max(...ROLES.map((r) => p.scores[r]));
  let best: { score: number; left: Piece; right: Piece } | null = null;
  for (let k = 1; k < words.length; k++) {
    const left = piece(p.fragment, trimComma(words.slice(0, k).join(' ')), trimComma(printed.slice(0, k).join(' ')), context);
    const right = piece(p.fragment, words.slice(k).join(' '), printed.slice(k).join(' '), context);
    for (const a of ROLES) {
      for (const b of ROLES) {
        if (a === b || left.scores[a] < MIN_SCORE[a] || right.scores[b] < MIN_SCORE[b]) continue;
        const score = left.scores[a] + right.scores[b];
        if (!best || score > best.score) best = { score, left, right };
      }
    }
  }
  if (!best || best.score < whole + SPLIT_MARGIN) return [p];
  return [...split(best.left, context, depth - 1), ...split(best.right, context, depth - 1)];
}

/** The roles to the pieces (by index) that score best together; a role no piece earns stays unassigned. */
function assign(pieces: readonly Piece[], roles: readonly Role[]): { score: number; choice: Partial<Record<Role, number>> } {
  let best: { score: number; choice: Partial<Record<Role, number>> } = { score: 0, choice: {} };
  const visit = (r: number, choice: Partial<Record<Role, number>>, score: number) => {
    if (r === roles.length) {
      const { name, title } = choice;
      const total = score + (name !== undefined && title !== undefined && Math.abs(name - title) === 1 ? NEXT_TO_TITLE : 0);
      if (total > best.score) best = { score: total, choice: { ...choice } };
      return;
    }
    const role = roles[r] as Role;
    visit(r + 1, choice, score);
    pieces.forEach((p, k) => {
      if (p.scores[role] < MIN_SCORE[role] || Object.values(choice).includes(k)) return;
      visit(r + 1, { ...choice, [role]: k }, score + p.scores[role]);
    });
  };
  visit(0, {}, 0);
  return best;
}

/** Pieces of one OCR line cut at wide gaps are joined again where they read better as one ("Jordan" "Whitfield",
 * "Kestrel" "& Finch" "Ltd"), and left apart where they are two roles ("Data Scientist" "Halcyon Health Ltd"). */
function joinColumns(pieces: readonly Piece[], context: RoleContext): Piece[] {
  const out: Piece[] = [];
  for (let start = 0; start < pieces.length; ) {
    let end = start + 1;
    while (end < pieces.length && pieces[end]?.fragment.line === pieces[start]?.fragment.line) end++;
    const line = pieces.slice(start, end);
    out.push(...(line.length > 1 && line.length <= 6 ? bestJoin(line, context) : line));
    start = end;
  }
  return out;
}

function bestJoin(line: readonly Piece[], context: RoleContext): Piece[] {
  let best: { score: number; parts: Piece[] } = { score: -Infinity, parts: [...line] };
  for (let cuts = 0; cuts < 1 << (line.length - 1); cuts++) {
    const parts: Piece[] = [];
    let group = [line[0] as Piece];
    for (let k = 1; k < line.length; k++) {
      if (cuts & (1 << (k - 1))) {
        parts.push(joined(group, context));
        group = [];
      }
      group.push(line[k] as Piece);
    }
    parts.push(joined(group, context));
    // Fewer parts win a tie: a line that is nothing in particular stays one line of the note.
    const score = assign(parts, ROLES).score - 0.05 * parts.length;
    if (score > best.score) best = { score, parts };
  }
  return best.parts;
}

function joined(group: readonly Piece[], context: RoleContext): Piece {
  if (group.length === 1) return group[0] as Piece;
  const first = group[0] as Piece;
  return piece(first.fragment, group.map((p) => p.text).join(' '), group.map((p) => p.printed).join(' '), context);
}

/** OCR noise at the ends of a line ("Consultant Cardiologist à ee 2 N", "Thameside Clinic Bi. 4") is cut off into the
 * note: digits, punctuation, and one- or two-letter bits that are no initial, legal form or job word. A short word that
 * may be a name ("Li", "By") goes only when the line reads better without it. */
function trimJunk(p: Piece, context: RoleContext): Piece[] {
  const words = p.text.split(' ');
  const printed = p.printed.split(' ');
  const cut = (a: number, b: number) => (a < b ? [piece(p.fragment, words.slice(a, b).join(' '), printed.slice(a, b).join(' '), context)] : []);
  let best: { score: number; pieces: Piece[] } = { score: bestScore(p), pieces: [p] };
  for (const strict of [false, true]) {
    let start = 0;
    let end = words.length;
    while (start < end && isJunk(words[start] ?? '', strict, p.fragment.confidence)) start++;
    while (end > start && isJunk(words[end - 1] ?? '', strict, p.fragment.confidence)) end--;
    if (start === end || (start === 0 && end === words.length)) continue;
    const [core] = cut(start, end);
    if (core && bestScore(core) > 0 && bestScore(core) >= best.score) best = { score: bestScore(core), pieces: [...cut(0, start), core, ...cut(end, words.length)] };
  }
  return best.pieces;
}

function bestScore(p: Piece): number {
  return Math.max(...ROLES.map((r) => p.scores[r]));
}

/** `strict` also takes a short word that may be a name ("Li"), and, on a poorly read line, two capitals ("ES"). */
function isJunk(word: string, strict: boolean, confidence: number): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters.length > 2) return false;
  if (letters.length === 0) return true;
  if (/^\p{Lu}\.$/u.test(word) || (!strict && /^\p{Lu}\p{Ll}$/u.test(word))) return false; // an initial, or "Li", "Wu"
  if (/^\p{Lu}{2}$/u.test(word) && (!strict || confidence >= 0.85)) return false; // "AI", "UK": specks rarely read as clean capitals
  const folded = foldText(letters);
  const vocabulary = [JOB_WORDS, JOB_QUALIFIERS, COUNTRY_NAMES, COMPANY_WORDS, NAME_SUFFIXES].some((list) => list.has(folded)) || NAME_PREFIXES.has(foldText(word));
  return !(vocabulary || (letters === letters.toUpperCase() && LEGAL_FORMS.has(folded)));
}

/** A company name printed over two lines ("Brightline" / "Analytics, Inc."): the line next to it that no role took
 * joins it when together they read more like the company (the domain spelled in full, a name cut at its "&"). */
function companyOverTwoLines(pieces: readonly Piece[], index: number, chosen: Partial<Record<Role, number>>, context: RoleContext): Piece[] {
  const company = pieces[index] as Piece;
  const taken = new Set(Object.values(chosen));
  for (const k of [index - 1, index + 1]) {
    const next = pieces[k];
    if (!next || taken.has(k) || Math.abs(next.fragment.line - company.fragment.line) !== 1 || /\d/.test(next.text)) continue;
    const pair = k < index ? [next, company] : [company, next];
    if (joined(pair, context).scores.company >= company.scores.company + 0.1) return pair;
  }
  return [company];
}

/** With no company evidence, a line of capitalised words near the name that is nothing else is probably the company. */
function companyFallback(pieces: readonly Piece[], chosen: Partial<Record<Role, number>>): number | undefined {
  const taken = new Set(Object.values(chosen));
  const anchor = chosen.name ?? chosen.title;
  if (anchor === undefined) return undefined;
  const candidates = pieces
    .map((p, k) => ({ p, k }))
    .filter(({ p, k }) => !taken.has(k) && p.fragment.confidence >= 0.5 && looksLikeAName(p.text) && p.scores.title < MIN_SCORE.title);
  candidates.sort((x, y) => Math.abs(x.k - anchor) - Math.abs(y.k - anchor));
  return candidates[0]?.k;
}

/** Capitalised words, no digits, not a logo's initials ("BA"), not a sentence. */
function looksLikeAName(text: string): boolean {
  const words = text.split(' ');
  const letters = text.replace(/[^\p{L}]/gu, '').length;
  const capitalised = words.every((w) => /^(?:\p{Lu}|&|and|und|et|of|de|du|des)/u.test(w));
  return capitalised && letters >= 4 && !/\d/.test(text) && !/[.!?]$/.test(text) && !/^\p{Lu}{1,3}$/u.test(text) && words.length <= 5;
}

/** Repairs what OCR does to names and words: digits inside a word ("Whitfie1d", "0'Brien"), and a space inside a
 * surname ("Ber ger") when the e-mail address confirms the joined spelling. */
function repairWords(text: string, context: RoleContext): string {
  const repaired = text.split(' ').map(repairDigits).join(' ');
  const joined = repaired.replace(/(\p{Lu}\p{Ll}+) (\p{Ll}{2,})(?=\s|$)/gu, (whole, head: string, tail: string) => (NAME_PARTICLES.has(tail) ? whole : head + tail));
  if (joined === repaired) return repaired;
  const spelled = (t: string) => emailNameMatch(nameWords(t)?.words ?? [], context.emailLocals);
  return spelled(joined) > spelled(repaired) ? joined : repaired;
}

function repairDigits(word: string): string {
  const letters = (word.match(/\p{L}/gu) ?? []).length;
  const misread = (word.match(/[015|]/g) ?? []).length;
  if (letters < 2 || misread === 0 || misread > 2 || /[2-46-9]/.test(word) || /^\d+(?:st|nd|rd|th|e|er|ème)$/i.test(word)) return word;
  return word.replace(/[015|]/g, (c, at: number) => {
    const upper = at === 0;
    if (c === '0') return upper ? 'O' : 'o';
    if (c === '5') return upper ? 'S' : 's';
    return upper ? 'I' : 'l';
  });
}

function trimComma(text: string): string {
  return text.replace(/[,;:|-]+$/, '').trim();
}
