// The rules that give a piece of a quick-capture line its role. Phrase rules look only at the words a piece starts
// with ("loves …", "met via …", "promised to …"); the rest depend on what the line has already given (a second
// name-like piece is not the name) and fall back to the note, so that nothing typed is ever dropped.
import type { CommonalityKind, PromiseDirection } from './types.js';
import { NAME_PARTICLES, ORG_SUFFIX, PERSONAL_WORD, PROMISE_VERB, TITLE_WORD } from './quick-capture-words.js';

export type TextReading =
  | { role: 'commonality'; kind: CommonalityKind; value: string }
  | { role: 'promise'; direction: PromiseDirection; value: string }
  | { role: 'name' | 'company' | 'title' | 'introduced_by' | 'note'; value: string };

export interface TextPart {
  text: string;
  reading: TextReading;
}

/** What the line has given so far, which decides the ambiguous pieces. */
export interface ReadingContext {
  hasName: boolean;
  hasTitle: boolean;
  hasCompany: boolean;
  /** No text piece came before this one. */
  isFirstText: boolean;
  /** The role of the part just before this one, if any. */
  previousRole: string | null;
}

const SUBJECT = String.raw`(?:(?:she|he|they)(?:['’]s|['’]re)?\s+)?(?:(?:is|are|was|also|really|totally|very|a|an)\s+)*`;
const PRONOUN = '(?:him|her|them|you)';

type Rule = [RegExp, (m: RegExpExecArray) => TextReading | null];

const rule = (source: string, read: (m: RegExpExecArray) => TextReading | null): Rule => [new RegExp(source, 'iu'), read];
const commonality = (kind: CommonalityKind, value: string | undefined): TextReading | null =>
  value && /[\p{L}\p{N}]/u.test(value) ? { role: 'commonality', kind, value: clean(value) } : null;
const promise = (direction: PromiseDirection, value: string | undefined): TextReading | null =>
  value && /[\p{L}\p{N}]/u.test(value) ? { role: 'promise', direction, value: clean(value) } : null;

/** Trims a value and the sentence punctuation around it, keeping a final "." that ends an abbreviation ("Co."). */
export function clean(value: string): string {
  return value.trim().replace(/^[\s,;:.!?-]+/, '').replace(/[\s,;:!?]+$/, '').replace(/(?<=[\p{Ll}\p{N}]{3,})\.+$/u, '');
}

// Order matters: promises before challenges ("promised to help with hiring"), intros before the company's "from".
const PHRASE_RULES: Rule[] = [
  rule(String.raw`^(?:she|he|they|s/he)\s+(?:promised|promises|offered|will|owes?)\s+(?:me\s+)?(?:to\s+)?(.+)$`, (m) => promise('they_owe', m[1])),
  rule(String.raw`^(?:she|he|they)['’]ll\s+(.+)$`, (m) => promise('they_owe', m[1])),
  rule(String.raw`^(?:promised|owes)\s+me\s+(?:to\s+)?(.+)$`, (m) => promise('they_owe', m[1])),
  rule(String.raw`^(?:will|to)\s+(${PROMISE_VERB}\s+me\b.*)$`, (m) => promise('they_owe', m[1])),
  rule(String.raw`^(?:i\s+)?promised\s+(?:${PRONOUN}\s+)?(?:to\s+)?(.+)$`, (m) => promise('i_owe', m[1])),
  rule(String.raw`^(?:i\s+)?owe\s+(?:${PRONOUN}\s+)?(.+)$`, (m) => promise('i_owe', m[1])),
  rule(String.raw`^(?:i\s+will|i['’]ll|will|to|need\s+to|must)\s+(${PROMISE_VERB}\b.*)$`, (m) => promise('i_owe', m[1])),
  rule(String.raw`^((?:send|intro(?:duce)?|email|forward|share)\s+${PRONOUN}\b.*)$`, (m) => promise('i_owe', m[1])),
  rule(String.raw`^(?:to\s?do|action|follow[- ]up|f/u)\s*:\s*(.+)$`, (m) => promise('i_owe', m[1])),
  rule(
    String.raw`^(?:(?:we\s+)?met\s+(?:via|through|thru|thanks\s+to)|via|through|thru|introduced\s+(?:by|via|through)|` +
      String.raw`intro(?:['’]d|duced)?\s+(?:from|by|via)|introduction\s+(?:from|by|via)|referred\s+by|referral\s+from)\s+(.+)$`,
    (m) => (m[1] && /[\p{L}\p{N}]/u.test(m[1]) ? { role: 'introduced_by', value: clean(m[1]) } : null),
  ),
  rule(String.raw`^(?:we|you\s+and\s+i|you\s+&\s+i|they)?\s*both\s+(.+)$`, (m) => commonality('shared', m[1])),
  rule(String.raw`^same\s+(.+?)\s+as\s+me$`, (m) => commonality('shared', m[1])),
  rule(String.raw`^${SUBJECT}(?:also|too)\s+(?:went\s+to|goes\s+to|studied\s+at|grew\s+up\s+in|lives?\s+in|worked\s+at|from)\s+(.+)$`, (m) => commonality('shared', m[1])),
  rule(String.raw`^(?:in\s+common|common\s+ground|shared)\s*:\s*(.+)$`, (m) => commonality('shared', m[1])),
  rule(
    String.raw`^${SUBJECT}(?:loves?|likes?|into|(?:(?:big|huge|massive)\s+)?fan\s+of|enjoys?|passionate\s+about|keen\s+on|` +
      String.raw`interested\s+in|obsessed\s+with|crazy\s+about|mad\s+about|adores?)\s+(?:to\s+)?(.+)$`,
    (m) => commonality('interest', m[1]),
  ),
  rule(String.raw`^${SUBJECT}((?:hiring|raising)\s+.+|fundraising\b.*)$`, (m) => commonality('challenge', m[1])),
  rule(
    String.raw`^${SUBJECT}(?:struggl(?:ing|es?)\s+(?:with|to)|(?:looking|searching)\s+(?:for|to)|needs?|wants?(?:\s+to)?|` +
      String.raw`trying\s+to|seeking|hop(?:es?|ing)\s+to|working\s+on)\s+(.+)$`,
    (m) => commonality('challenge', m[1]),
  ),
  rule(String.raw`^(?:challenges?|problems?|pain(?:\s+points?)?|issues?|struggles?|goals?|needs?)\s*:\s*(.+)$`, (m) => commonality('challenge', m[1])),
];

/** The phrase rules alone, which read a whole piece from its first words and need no context. */
export function readPhrase(text: string): TextReading | null {
  for (const [pattern, read] of PHRASE_RULES) {
    const match = pattern.exec(text);
    const reading = match ? read(match) : null;
    if (reading) return reading;
  }
  return null;
}

const NAME_WORD = /^[\p{L}\p{M}][\p{L}\p{M}'’.-]*$/u;
const has = (source: string, text: string) => new RegExp(source, 'iu').test(text);

/** 1–4 words of letters (with hyphens, apostrophes and dots), and not a job title. */
function isNameLike(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length <= 4 && words.every((w) => NAME_WORD.test(w)) && !has(TITLE_WORD, text);
}

/** 2–4 capitalised name-shaped words of which at least one is not a job word ("Alice Owner", not "Chief Executive"). */
function looksLikeNameWithTitleWord(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4 || !words.every((w) => NAME_WORD.test(w)) || !isCapitalised(text)) return false;
  return words.some((w) => !has(TITLE_WORD, w));
}

/** Every word starts with a capital (or a letter that has no case, as in 李小龙), bar particles like "van". */
function isCapitalised(text: string): boolean {
  return text.split(/\s+/).every((w) => /^[\p{Lu}\p{Lt}\p{Lo}]/u.test(w) || NAME_PARTICLES.has(w.toLowerCase()));
}

const single = (text: string, reading: TextReading): TextPart[] => [{ text, reading }];

/** "CTO at Acme", "CTO @ Acme", "Jane Doe at Acme": the part before " at " and the company after it. */
function readAtCompany(text: string, context: ReadingContext): TextPart[] | null {
  if (context.hasCompany) return null;
  const ofCompany = readTitleOfCompany(text, context);
  if (ofCompany) return ofCompany;
  const match = /^(.+?)(\s+at\s+|\s*@\s*|\s+from\s+)(.+)$/iu.exec(text);
  if (!match) return null;
  const [, before = '', at = '', company = ''] = match;
  // "Jane Doe from Acme" at the start of a line: a name and a company; elsewhere "from X" stays as it was.
  if (/from/i.test(at) && !(context.isFirstText && !context.hasName && isNameLike(before) && isCapitalised(before) && isCapitalised(company))) return null;
  const companyPart: TextPart = { text: `${at.trim()} ${company}`, reading: { role: 'company', value: clean(company) } };
  if (has(TITLE_WORD, before) && !context.hasTitle) {
    return [{ text: before, reading: { role: 'title', value: clean(before) } }, companyPart];
  }
  if (!isNameLike(before) || !isCapitalised(before)) return null;
  if (!context.hasName && context.isFirstText) return [{ text: before, reading: { role: 'name', value: before } }, companyPart];
  return context.hasTitle ? null : [{ text: before, reading: { role: 'title', value: clean(before) } }, companyPart];
}

/** "Founder of Ruiz Labs", "CEO of Acme": a title and the company it heads (a capitalised name after "of"). */
function readTitleOfCompany(text: string, context: ReadingContext): TextPart[] | null {
  const match = /^((?:co-?)?founder|ceo|cto|cfo|coo|owner|president|chair(?:man|woman|person)?|managing director)\s+of\s+(.+)$/iu.exec(text);
  if (!match || context.hasTitle) return null;
  const [, title = '', company = ''] = match;
  if (!isCapitalised(company) || company.split(/\s+/).length > 5) return null;
  return [
    { text: title, reading: { role: 'title', value: clean(title) } },
    { text: `of ${company}`, reading: { role: 'company', value: clean(company) } },
  ];
}

/** Reads one piece of text (a run between separators and contact details) in the light of what came before. */
export function readPiece(text: string, parenthetical: boolean, context: ReadingContext): TextPart[] {
  const labelled = /^(name|company|org(?:ani[sz]ation)?|employer|title|role|position|job|note)\s*:\s*(.+)$/iu.exec(text);
  if (labelled) {
    const label = (labelled[1] ?? '').toLowerCase();
    const role = label === 'name' ? 'name' : label === 'note' ? 'note' : /^(?:title|role|position|job)$/.test(label) ? 'title' : 'company';
    return single(text, { role, value: clean(labelled[2] ?? '') });
  }
  const phrase = readPhrase(text);
  if (phrase) return single(text, phrase);
  const atCompany = readAtCompany(text, context);
  if (atCompany) return atCompany;
  const worksAt = /^(?:(?:works?\s+(?:at|for)|working\s+(?:at|for)|employed\s+by|from|at)\s+|@\s*)(.+)$/iu.exec(text);
  if (worksAt && !context.hasCompany) return single(text, { role: 'company', value: clean(worksAt[1] ?? '') });
  if (parenthetical && context.previousRole === 'name') {
    if (has(TITLE_WORD, text) && !has(ORG_SUFFIX, text) && !context.hasTitle) return single(text, { role: 'title', value: clean(text) });
    if (!context.hasCompany) return single(text, { role: 'company', value: text.trim() });
  }
  if (has(ORG_SUFFIX, text) && !context.hasCompany && text.split(/\s+/).length <= 6) {
    return single(text, { role: 'company', value: text.trim() });
  }
  const nameLike = isNameLike(text);
  if (nameLike && !context.hasName && isCapitalised(text)) return single(text, { role: 'name', value: text.trim() });
  // A line starts with the name: "Alice Owner" or "Sam Coach" is a person even though one word is a job word.
  if (!context.hasName && context.isFirstText && looksLikeNameWithTitleWord(text)) return single(text, { role: 'name', value: text.trim() });
  const lover = /^(?:(?:an?|big|huge|massive|total|keen|avid)\s+)*(.+?)\s+(?:lovers?|enthusiasts?|fans?|buffs?|nerds?|geeks?|fanatics?|aficionados?|junkies?|addicts?)$/iu.exec(text);
  if (lover?.[1]) return single(text, { role: 'commonality', kind: 'interest', value: clean(lover[1]) });
  if (has(PERSONAL_WORD, text)) return single(text, { role: 'commonality', kind: 'personal', value: clean(text) });
  if (nameLike && !context.hasName && context.isFirstText) return single(text, { role: 'name', value: text.trim() });
  if (has(TITLE_WORD, text) && !context.hasTitle && text.split(/\s+/).length <= 6) return single(text, { role: 'title', value: clean(text) });
  return single(text, { role: 'note', value: text.trim() });
}

/** Whether a piece left in the note could be the company beside a title ("Head of Sales, Acme"). */
export function couldBeCompany(text: string): boolean {
  return text.split(/\s+/).length <= 4 && isCapitalised(text) && !has(PERSONAL_WORD, text);
}
