// The words of a drafted message, as templates the person can edit (one per reason of a suggestion). A template is
// plain text with placeholders in braces, "{first_name}", and optional parts in double brackets, "[[ at {event}]]",
// which vanish when a placeholder inside them has no value: "Great to meet you[[ at {event}]]" reads "Great to meet
// you" when the event is not known. Hand-written: the few template libraries that fit (mustache, handlebars) have no
// such optional part without a block syntax people get wrong, and their errors do not say where the mistake is.
import { ValidationError, type FieldIssue } from './errors.js';

export const TEMPLATE_REASONS = ['first_follow_up', 'cadence', 'promise', 'share'] as const;
export type TemplateReason = (typeof TEMPLATE_REASONS)[number];

export const TEMPLATE_PARTS = ['subject', 'body', 'short'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];
export type MessageTemplate = Record<TemplatePart, string>;

/** Longest text of each part, in characters: a subject line, a short e-mail, a text message. */
export const TEMPLATE_LIMITS: Record<TemplatePart, number> = { subject: 200, body: 4000, short: 480 };

/** Every placeholder, with what it holds (shown in the editor and in docs/templates.md). */
export const PLACEHOLDERS = {
  first_name: 'their first name',
  full_name: 'their full name',
  company: 'their company',
  event: 'where you met (first follow-ups)',
  commonality: 'what you have in common, as you wrote it',
  mention: 'a sentence about what you have in common, written for the reason',
  promise: 'the promise, as you wrote it (promises)',
  promised: '"I said I\'d send the deck" or "I promised you the deck" (promises)',
  share_title: 'the thing to share (things to share)',
  share_link: 'its link (things to share)',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;
export type TemplateValues = Partial<Record<Placeholder, string | null>>;

/** The placeholders that make sense for each reason; others are refused so that a typo is caught when saving. */
export const PLACEHOLDERS_FOR: Record<TemplateReason, readonly Placeholder[]> = {
  first_follow_up: ['first_name', 'full_name', 'company', 'event', 'commonality', 'mention'],
  cadence: ['first_name', 'full_name', 'company', 'commonality', 'mention'],
  promise: ['first_name', 'full_name', 'company', 'promise', 'promised', 'commonality'],
  share: ['first_name', 'full_name', 'company', 'commonality', 'share_title', 'share_link'],
};

const SIGN_OFF = 'All the best';

export const DEFAULT_TEMPLATES: Record<TemplateReason, MessageTemplate> = {
  first_follow_up: {
    subject: 'Great to meet you[[ at {event}]]',
    body: `Hi {first_name},\n\nIt was great to meet you[[ at {event}]].[[ {mention}]]\n\nI'd love to stay in touch. If you're up for a coffee or a quick call in the next few weeks, just let me know.\n\n${SIGN_OFF}`,
    short: "Hi {first_name}, great to meet you[[ at {event}]]! I'd love to stay in touch.",
  },
  cadence: {
    subject: 'Catching up',
    body: `Hi {first_name},\n\nIt's been a while, so I wanted to check in and see how you're doing.[[ {mention}]]\n\nWould you be up for catching up soon? A coffee or a quick call, whichever suits you.\n\n${SIGN_OFF}`,
    short: "Hi {first_name}, it's been a while! How are things? It would be great to catch up soon.",
  },
  promise: {
    subject: 'Following up',
    body: `Hi {first_name},\n\nWhen we last spoke {promised}, and I didn't want it to slip.\n\nLet me know if there's anything else I can do.\n\n${SIGN_OFF}`,
    short: "Hi {first_name}, just following up: {promised}, and I haven't forgotten.",
  },
  share: {
    subject: 'Thought of you: {share_title}',
    body: `Hi {first_name},\n\nI came across this and thought of you[[, given {commonality}]]:\n\n{share_title}[[\n{share_link}]]\n\nHope you enjoy it.\n\n${SIGN_OFF}`,
    short: 'Hi {first_name}, thought of you: {share_title}[[ {share_link}]]',
  },
};

type Piece = { text: string } | { placeholder: string; at: number } | { optional: Piece[] };

/** The template cut into text, placeholders and optional parts; problems are collected with their position. */
function parse(source: string, issues: string[]): Piece[] {
  const root: Piece[] = [];
  const stack: { pieces: Piece[]; at: number }[] = [{ pieces: root, at: 0 }];
  let text = '';
  const flush = () => {
    if (text) stack[stack.length - 1]!.pieces.push({ text });
    text = '';
  };
  for (let i = 0; i < source.length; i++) {
    const rest = source.slice(i);
    if (rest.startsWith('[[')) {
      flush();
      if (stack.length > 1) issues.push(`"[[" at character ${i + 1} opens an optional part inside another one`);
      const optional: Piece[] = [];
      stack[stack.length - 1]!.pieces.push({ optional });
      stack.push({ pieces: optional, at: i });
      i += 1;
    } else if (rest.startsWith(']]')) {
      flush();
      if (stack.length === 1) issues.push(`"]]" at character ${i + 1} closes nothing`);
      else stack.pop();
      i += 1;
    } else if (source[i] === '{') {
      const close = source.indexOf('}', i);
      const name = close < 0 ? null : source.slice(i + 1, close);
      if (name === null || !/^[a-z_]{1,40}$/.test(name)) {
        issues.push(`"{" at character ${i + 1} starts no placeholder: write one like {first_name}`);
        text += source[i];
        continue;
      }
      flush();
      stack[stack.length - 1]!.pieces.push({ placeholder: name, at: i });
      i = close;
    } else {
      text += source[i];
    }
  }
  flush();
  if (stack.length > 1) issues.push(`"[[" at character ${stack[stack.length - 1]!.at + 1} is never closed with "]]"`);
  return root;
}

function placeholdersIn(pieces: Piece[]): { placeholder: string; at: number }[] {
  return pieces.flatMap((p) => ('optional' in p ? placeholdersIn(p.optional) : 'placeholder' in p ? [p] : []));
}

/**
 * Checks a template for one reason: every part present and within its length, brackets balanced, only placeholders
 * the reason knows. Throws one ValidationError naming every problem with its part and position.
 */
export function validateTemplate(reason: TemplateReason, template: MessageTemplate): void {
  const issues: FieldIssue[] = [];
  const allowed = PLACEHOLDERS_FOR[reason];
  for (const part of TEMPLATE_PARTS) {
    const source = template[part];
    if (source.trim() === '') {
      issues.push({ path: part, message: 'must not be empty' });
      continue;
    }
    if (source.length > TEMPLATE_LIMITS[part]) {
      issues.push({ path: part, message: `is ${source.length} characters long; at most ${TEMPLATE_LIMITS[part]}` });
      continue;
    }
    if (part !== 'body' && /[\r\n]/.test(source)) issues.push({ path: part, message: 'must be one line' });
    const problems: string[] = [];
    const pieces = parse(source, problems);
    for (const { placeholder, at } of placeholdersIn(pieces)) {
      if (!(allowed as readonly string[]).includes(placeholder)) {
        problems.push(`{${placeholder}} at character ${at + 1} is not a placeholder here; use ${allowed.map((p) => `{${p}}`).join(', ')}`);
      }
    }
    for (const message of problems) issues.push({ path: part, message });
  }
  if (issues.length > 0) throw new ValidationError(issues, 'KITH_TEMPLATE_INVALID');
}

function render(pieces: Piece[], values: TemplateValues): string | null {
  let out = '';
  for (const piece of pieces) {
    if ('text' in piece) out += piece.text;
    else if ('placeholder' in piece) {
      const value = values[piece.placeholder as Placeholder];
      if (value === null || value === undefined || value.trim() === '') return null;
      out += value;
    } else out += render(piece.optional, values) ?? '';
  }
  return out;
}

/**
 * The template filled in. A placeholder without a value outside any optional part is left out with the space
 * before it, so a message never shows "{event}" or "at ." to the person it is sent to.
 */
export function fillTemplate(template: MessageTemplate, values: TemplateValues): MessageTemplate {
  const fill = (source: string) => {
    const issues: string[] = [];
    const pieces = parse(source, issues);
    // At the top level a missing value drops only itself: wrap each placeholder as its own optional part.
    const top = pieces.map((p): Piece => ('placeholder' in p ? { optional: [p] } : p));
    return (render(top, values) ?? '')
      .replace(/[ \t]+([,.!?;:])/g, '$1')
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/[ \t]+\n/g, '\n')
      .trim();
  };
  return { subject: fill(template.subject), body: fill(template.body), short: fill(template.short) };
}
