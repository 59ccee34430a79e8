// Matching a thing to share ("La Traviata at the Civic Opera", topics: opera) with people's commonalities.
// A text becomes its terms: folded words (case and accents), stop and filler words dropped ("the", "lover",
// "struggling"), each word stemmed with the Porter stemmer ("operas" → "opera", "hiring" → "hire", while
// "operations" → "oper" stays apart), then mapped through a small hand-written table of close forms for networking
// topics ("recruiting" → "hire"). No library covers business synonyms offline, so the table is kept here, short and
// documented (docs/sharing.md); changing it changes stored terms, so a change needs a migration that refills
// `commonality_terms` (see the 0006-shares migration's fillCommonalityTerms).
import { stemmer } from 'stemmer';
import { foldText } from './text-fold.js';
import type { CommonalityKind } from './types.js';

/** Common English words that say nothing about a topic. */
const STOP_WORDS = [
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'for', 'in', 'on', 'at', 'by', 'with', 'from', 'about', 'as', 'into',
  'my', 'his', 'her', 'their', 'our', 'your', 'its', 'some', 'any', 'this', 'that', 'these', 'those',
  'i', 'me', 'we', 'you', 'he', 'she', 'they', 'him', 'them', 'it', 'is', 'are', 'was', 'were', 'be', 'been',
  'has', 'have', 'had', 'do', 'does', 'did', 'so', 'too', 'also', 'very', 'really', 'just', 'all', 'both', 'more',
  'most', 'much', 'many', 'lot', 'lots', 'not', 'no', 'but', 'if', 'than', 'then', 'up', 'out', 'over', 'again',
];

/** Words that frame a topic rather than name it: "opera lover", "big fan of jazz", "struggling to hire". */
const FILLER_WORDS = [
  'lover', 'fan', 'big', 'huge', 'massive', 'avid', 'keen', 'total', 'enthusiast', 'buff', 'nerd', 'geek', 'fanatic',
  'aficionado', 'junkie', 'addict', 'love', 'like', 'enjoy', 'adore', 'passionate', 'interested', 'obsessed', 'crazy',
  'mad', 'struggling', 'struggle', 'trying', 'looking', 'searching', 'seeking', 'need', 'want', 'hoping', 'hope',
  'currently', 'thing', 'stuff', 'great', 'good', 'new',
];

/**
 * Close forms: words that name the same networking topic. Each group's first word names it; every word of a group is
 * stemmed and stored as that name, so a share about "hiring" reaches a challenge "recruiting engineers". Single words
 * only, chosen to be unambiguous in a networking notebook; a word that would pull in unrelated topics stays out.
 */
export const CLOSE_FORMS: readonly (readonly string[])[] = [
  ['hiring', 'hire', 'recruit', 'recruiting', 'recruitment', 'recruiter', 'talent', 'headhunting', 'staffing'],
  ['fundraising', 'fundraise', 'raise', 'raising', 'investor', 'investors', 'funding', 'vc'],
  ['marketing', 'growth', 'advertising', 'branding'],
  ['sales', 'selling', 'sell', 'bizdev'],
  ['engineer', 'engineers', 'engineering', 'developer', 'developers', 'programmer', 'programmers', 'coder', 'coders'],
  ['startup', 'startups', 'founder', 'founders', 'entrepreneur', 'entrepreneurship'],
  ['kid', 'kids', 'child', 'children', 'parenting'],
  ['cycling', 'cyclist', 'bike', 'biking', 'bicycle'],
  ['wine', 'wines', 'sommelier', 'vineyard', 'winery'],
  ['security', 'cybersecurity', 'infosec'],
  ['sustainability', 'sustainable', 'climate', 'cleantech', 'esg'],
  ['design', 'designer', 'ux'],
];

/** Non-English words and irregular forms Porter does not fold. */
const IRREGULAR: Record<string, string> = { children: 'child', people: 'person', men: 'man', women: 'woman' };

const stem = (word: string): string => {
  // Own properties only: "constructor" is a word too, not Object.prototype's.
  const base = Object.hasOwn(IRREGULAR, word) ? IRREGULAR[word]! : word;
  // Porter is for English letters; "c++", "2026" or "歌剧" stay as they are.
  return /^[a-z]+$/.test(base) ? stemmer(base) : base;
};

const STOP_STEMS = new Set(STOP_WORDS);
const FILLER_STEMS = new Set(FILLER_WORDS.map(stem));
const CLOSE_FORM_OF = new Map<string, string>();
for (const group of CLOSE_FORMS) {
  const name = stem(group[0]!);
  for (const word of group) CLOSE_FORM_OF.set(stem(word), name);
}

/** The folded words of a text, keeping the "+" and "#" of "C++" and "C#". */
function words(text: string): string[] {
  const folded = foldText(text).replace(/&/g, ' and ').replace(/['’]s\b/g, '').replace(/['’]/g, '');
  return folded.match(/[\p{L}\p{N}]+[+#]*/gu) ?? [];
}

/** The stems of a text, stop and filler words dropped, each once, in order: "Opera lovers" → ["opera"]. */
export function stemsOf(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (STOP_STEMS.has(word)) continue;
    const s = stem(word);
    if (FILLER_STEMS.has(s) || out.includes(s)) continue;
    out.push(s);
  }
  return out;
}

/** The terms of a text as stored and matched: its stems with close forms mapped: "recruiting engineers" → ["hire", "engin"]. */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const s of stemsOf(text)) {
    const term = CLOSE_FORM_OF.get(s) ?? s;
    if (!out.includes(term)) out.push(term);
  }
  return out;
}

export interface ShareTopic {
  text: string;
  terms: string[];
  stems: string[];
}

/** A share's topics with their terms; a topic with no terms ("the") is dropped (the service rejects it earlier). */
export function shareTopicsOf(topics: readonly string[]): ShareTopic[] {
  return topics.map((text) => ({ text, terms: termsOf(text), stems: stemsOf(text) })).filter((t) => t.terms.length > 0);
}

/** Every term a share can match on: what the index is asked for. */
export function shareTermsOf(topics: readonly ShareTopic[]): string[] {
  return [...new Set(topics.flatMap((t) => t.terms))].sort();
}

export interface TermScore {
  /** Share of the share's terms found in the commonality, 0–1 (only whole topics count). */
  score: number;
  /** Share of the commonality's terms that the matched topics cover: "opera" fits "opera" better than "Verdi operas". */
  coverage: number;
  /** The matched topic that explains the match best (most terms, then the first given). */
  topic: string;
}

export interface CommonalityMatch extends TermScore {
  /** The commonality says the topic in the same words (no close form needed): "opera lover" for "opera". */
  sameWords: boolean;
}

/** The number of distinct terms of a share's topics, kept per topics list (scoring asks for it once per commonality). */
const distinctTermCount = new WeakMap<readonly ShareTopic[], number>();

function termCountOf(topics: readonly ShareTopic[]): number {
  let count = distinctTermCount.get(topics);
  if (count === undefined) {
    count = new Set(topics.flatMap((t) => t.terms)).size;
    distinctTermCount.set(topics, count);
  }
  return count;
}

/**
 * Scores a commonality from which of the share's terms it holds (as the index finds them) and how many terms it has:
 * a topic counts when all of its terms are there (so "data engineering" needs both words), and the score is the part
 * of the share's terms those topics cover; null when no topic is whole. Called for every candidate: kept lean.
 */
export function scoreTerms(topics: readonly ShareTopic[], present: readonly string[], termCount: number): TermScore | null {
  let best: ShareTopic | null = null;
  let covered: Set<string> | null = null;
  let coveredCount = 0;
  for (const topic of topics) {
    if (!topic.terms.every((t) => present.includes(t))) continue;
    if (!best) {
      best = topic;
      coveredCount = topic.terms.length;
      continue;
    }
    covered ??= new Set(best.terms);
    for (const t of topic.terms) covered.add(t);
    coveredCount = covered.size;
    if (topic.terms.length > best.terms.length) best = topic;
  }
  if (!best || termCount === 0) return null;
  return { score: coveredCount / termCountOf(topics), coverage: Math.min(1, coveredCount / termCount), topic: best.text };
}

/** Whether a commonality says a topic in the same words, close forms aside: "opera lover" says "opera"; "recruiting" does not say "hiring". */
export function saysTopicInSameWords(topics: readonly ShareTopic[], topicText: string, commonalityText: string): boolean {
  const topic = topics.find((t) => t.text === topicText);
  if (!topic) return false;
  const stems = new Set(stemsOf(commonalityText));
  return stems.size === topic.stems.length && topic.stems.every((s) => stems.has(s));
}

/** How well one commonality matches a share, from its text; null if no topic matches whole. */
export function matchCommonality(topics: readonly ShareTopic[], commonalityText: string): CommonalityMatch | null {
  const terms = termsOf(commonalityText);
  const scored = scoreTerms(topics, terms, terms.length);
  return scored ? { ...scored, sameWords: saysTopicInSameWords(topics, scored.topic, commonalityText) } : null;
}

/** Which kind of commonality a thing to share fits best, when scores tie: an interest before a challenge, and so on. */
export const KIND_RANK: Record<CommonalityKind, number> = { interest: 0, challenge: 1, shared: 2, personal: 3 };

export interface RankedMatch extends TermScore {
  personId: string;
  kind: CommonalityKind;
  commonalityId: string;
}

/** Best first: score, then kind, then how much of the commonality matched, then the person added first (ids are time-ordered). */
export function compareMatches(a: RankedMatch, b: RankedMatch): number {
  return (
    b.score - a.score ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    b.coverage - a.coverage ||
    compareText(a.personId, b.personId) ||
    compareText(a.commonalityId, b.commonalityId)
  );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each person once, with their best commonality (unsorted). */
function bestOfEach<T extends RankedMatch>(matches: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const m of matches) {
    const current = best.get(m.personId);
    if (!current || compareMatches(m, current) < 0) best.set(m.personId, m);
  }
  return [...best.values()];
}

/** Each person once, with their best commonality, best first. */
export function bestPerPerson<T extends RankedMatch>(matches: readonly T[]): T[] {
  return bestOfEach(matches).sort(compareMatches);
}

/** Score, kind and coverage as one number, smaller first: the same order as compareMatches up to the ids. */
function rankKey(m: RankedMatch): number {
  return Math.round((1 - m.score) * 1e6) * 1e8 + KIND_RANK[m.kind] * 1e7 + Math.round((1 - m.coverage) * 1e6);
}

/**
 * One page of bestPerPerson(matches) and how many people there are in all, without sorting everyone: matches are
 * grouped by rank (score, kind and coverage take few values) and only the groups the page reaches are sorted.
 */
export function pageOfBest<T extends RankedMatch>(matches: readonly T[], offset: number, limit: number): { items: T[]; total: number } {
  const people = bestOfEach(matches);
  const groups = new Map<number, T[]>();
  for (const m of people) {
    const key = rankKey(m);
    const group = groups.get(key);
    if (group) group.push(m);
    else groups.set(key, [m]);
  }
  const items: T[] = [];
  let skipped = 0;
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    if (items.length >= limit) break;
    const group = groups.get(key)!;
    if (skipped + group.length <= offset) {
      skipped += group.length;
      continue;
    }
    const sorted = group.sort(compareMatches);
    items.push(...sorted.slice(Math.max(0, offset - skipped), Math.max(0, offset - skipped) + limit - items.length));
    skipped = offset;
  }
  return { items, total: people.length };
}

/** The first word of a name, for a reason in words: "Jane" of "Jane Doe". */
export function firstNameOf(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}

/**
 * Why someone matches, in words: "Jane loves opera" when her commonality says the topic in the same words; otherwise
 * what matched what: "Jane: challenge 'recruiting engineers' matches 'hiring'".
 */
export function matchReason(fullName: string, kind: CommonalityKind, commonalityText: string, match: Pick<CommonalityMatch, 'topic' | 'sameWords'>): string {
  const name = firstNameOf(fullName);
  if (match.sameWords) {
    const topic = match.topic.trim();
    switch (kind) {
      case 'interest':
        return `${name} loves ${topic}`;
      case 'challenge':
        return `${name} is working on ${commonalityText}`;
      case 'shared':
        return `You and ${name} share ${commonalityText}`;
      case 'personal':
        return `${name} mentioned ${commonalityText}`;
    }
  }
  return `${name}: ${kind} '${commonalityText}' matches '${match.topic.trim()}'`;
}
