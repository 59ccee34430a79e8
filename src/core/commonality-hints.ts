// Commonalities hidden in free text: "big fan of Verdi, struggling to hire data engineers" suggests an interest
// (Verdi) and a challenge (hiring data engineers) for the person to accept with one tap. The phrase rules are quick
// capture's (quick-capture-rules.ts), read with the name, title and company already known, so that a piece of a note
// is never taken for one of them; nothing here adds anything, it only suggests.
import { clean, readPiece, type ReadingContext } from './quick-capture-rules.js';
import { normalizeTopic } from './topic.js';
import type { CommonalityKind } from './types.js';

export interface CommonalityHint {
  kind: CommonalityKind;
  text: string;
  /** normalizeTopic(text): the key compared with the person's commonalities. */
  topic: string;
  /** The piece of text it was read from: "big fan of Verdi". */
  source: string;
}

/** A note's piece is read as if the line had given everything but commonalities already. */
const NOTE_CONTEXT: ReadingContext = { hasName: true, hasTitle: true, hasCompany: true, isFirstText: false, previousRole: null };

// Sentences, lines, bullets, semicolons, " but ", and commas that are not inside a number ("1,000").
const SEPARATOR = /\r\n|\r|\n|;|[.!?](?=\s|$)|(?<!\d),|,(?!\d)|[—–•|]|\s+-+\s+|\s+but\s+/iu;
const HAS_WORD = /[\p{L}\p{N}]/u;
const MAX_WORDS = 8;
const MAX_CHARS = 80;
export const MAX_HINTS = 10;

/** Verbs that start a challenge ("to hire data engineers"), said as what they are working on: "hiring data engineers". */
const CHALLENGE_VERBS = new Set([
  'hire', 'raise', 'find', 'grow', 'scale', 'build', 'sell', 'recruit', 'launch', 'expand', 'close', 'reduce', 'cut',
  'improve', 'manage', 'retain', 'keep', 'get', 'move', 'automate', 'migrate', 'fix', 'win', 'enter', 'replace',
  'land', 'lower', 'increase', 'fund', 'plan', 'run', 'set', 'stop', 'ship', 'hit', 'rebuild', 'restructure',
]);
const DOUBLED = new Set(['get', 'cut', 'win', 'plan', 'run', 'set', 'stop', 'ship', 'hit']);

function gerund(verb: string): string {
  if (DOUBLED.has(verb)) return `${verb}${verb.at(-1)}ing`;
  if (verb.endsWith('e') && !verb.endsWith('ee')) return `${verb.slice(0, -1)}ing`;
  return `${verb}ing`;
}

/** Tidies a value into a commonality's text: "to hire data engineers" → "hiring data engineers"; "has two kids" → "two kids". */
function tidy(kind: CommonalityKind, value: string): string {
  let text = clean(value).replace(/\s+(?:too|as\s+well)$/iu, '');
  if (kind === 'challenge') {
    const verb = /^(?:to\s+)?(\p{L}+)(\s.*)?$/iu.exec(text);
    const word = verb?.[1]?.toLowerCase() ?? '';
    if (verb && CHALLENGE_VERBS.has(word)) text = `${gerund(word)}${verb[2] ?? ''}`;
  }
  if (kind === 'shared') {
    text = text.replace(/^(?:love|like|enjoy|went\s+to|studied\s+at|grew\s+up\s+in|live\s+in|worked\s+at|support|play)\s+/iu, '');
  }
  if (kind === 'personal') {
    text = text
      .replace(/^(?:(?:she|he|they)(?:['’]s)?\s+)?(?:is\s+|are\s+)?(?:training\s+for|preparing\s+for|running|ran|did)\s+(?:the\s+|a\s+|an\s+|her\s+|his\s+|their\s+)?/iu, '')
      .replace(/^(?:(?:she|he|they)\s+)?(?:has|have|had|got|just\s+had)\s+(?:a\s+|an\s+)?/iu, '');
  }
  return clean(text.replace(/^(?:a|an|the)\s+(?=\S)/iu, ''));
}

/** Phrases joined by "and" that name one thing. */
const ONE_THING = new Set(['rock and roll', 'drum and bass', 'arts and crafts', 'fish and chips', 'mergers and acquisitions', 'research and development', 'dungeons and dragons']);

/** "opera and jazz" is two interests; "rock and roll" is one. Only short parts are split. */
function splitInterests(value: string): string[] {
  if (ONE_THING.has(value.toLowerCase().replace(/\s*&\s*/g, ' and '))) return [value];
  const parts = value.split(/\s+(?:and|&)\s+|\s*\/\s*/iu).map((p) => p.trim()).filter((p) => HAS_WORD.test(p));
  return parts.length > 1 && parts.every((p) => p.split(/\s+/).length <= 3) ? parts : [value];
}

/** The pieces a free text is cut into before each is read. */
function piecesOf(text: string): string[] {
  return text
    .split(SEPARATOR)
    .map((p) => p.trim().replace(/^(?:[-*•·]+\s+)/u, '').replace(/^and\s+/iu, ''))
    .filter((p) => HAS_WORD.test(p));
}

/**
 * Commonalities suggested by free texts (notes, touch summaries), in the order they appear, each topic once, and
 * never one whose topic the person already has. Long pieces (over 8 words) are left alone: a sentence is not a topic.
 */
export function suggestCommonalities(texts: readonly string[], existingTopics: readonly string[]): CommonalityHint[] {
  const seen = new Set(existingTopics.filter((t) => t.length > 0));
  const hints: CommonalityHint[] = [];
  for (const text of texts) {
    for (const piece of piecesOf(text)) {
      for (const part of readPiece(piece, false, NOTE_CONTEXT)) {
        if (part.reading.role !== 'commonality') continue;
        const { kind } = part.reading;
        const tidied = tidy(kind, part.reading.value);
        for (const value of kind === 'interest' ? splitInterests(tidied) : [tidied]) {
          const topic = normalizeTopic(value);
          if (!topic || seen.has(topic) || value.length > MAX_CHARS || value.split(/\s+/).length > MAX_WORDS) continue;
          seen.add(topic);
          hints.push({ kind, text: value, topic, source: piece });
          if (hints.length >= MAX_HINTS) return hints;
        }
      }
    }
  }
  return hints;
}
