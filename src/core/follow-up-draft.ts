// A message to start from, for each suggestion: an e-mail (subject and body) and a short form for a text message.
// The person edits it before sending; the words only have to lower the cost of the first line. They come from the
// account's templates (src/core/message-template.ts; the defaults are friendly, short, plain text, signed off
// without a name, since the person's mail program adds theirs); this file works out what fills them in.
import { firstNameOf } from './follow-up-reason.js';
import { DEFAULT_TEMPLATES, fillTemplate, type MessageTemplate, type TemplateValues } from './message-template.js';
import type { CommonalityKind } from './types.js';

export interface FollowUpDraft {
  subject: string;
  body: string;
  /** One line for a text message. */
  short: string;
}

export type FollowUpDraftInput =
  | {
      reason: 'first_follow_up';
      fullName: string;
      /** Where we met, when known. */
      eventName: string | null;
      /** Something to mention: the first commonality recorded for the person. */
      commonality: { kind: CommonalityKind; text: string } | null;
    }
  | { reason: 'cadence'; fullName: string; commonality: { kind: CommonalityKind; text: string } | null }
  | { reason: 'promise'; fullName: string; promiseText: string }
  | {
      reason: 'share';
      fullName: string;
      shareTitle: string;
      shareLink: string | null;
      /** The commonality that matched the thing to share. */
      commonality: { kind: CommonalityKind; text: string } | null;
    };

/** Text typed by the person, without the sentence punctuation around it, ready to sit inside a sentence. */
function inline(text: string): string {
  return text.trim().replace(/[\s.,;:!?]+$/u, '');
}

/**
 * A commonality in a sentence about meeting. Its text is what was typed after "loves", "struggling with", "both"…
 * so it may be a noun ("opera") or a phrase ("went to MIT"): each kind gets a frame that reads well with either.
 */
function metLine(commonality: { kind: CommonalityKind; text: string }): string {
  const text = inline(commonality.text);
  switch (commonality.kind) {
    case 'interest':
      return `I really enjoyed our chat about ${text}.`;
    case 'challenge':
      return `If I can help with ${text} in any way, just say.`;
    case 'shared':
      return `It was good to find something in common: ${text}.`;
    case 'personal':
      return `And it was lovely to hear your news: ${text}.`;
  }
}

/** After a while apart, only an interest or a challenge makes a natural question; other kinds are left out. */
function catchUpLine(commonality: { kind: CommonalityKind; text: string } | null): string | null {
  if (!commonality) return null;
  const text = inline(commonality.text);
  if (commonality.kind === 'interest') return `I hope there's still been time for ${text}.`;
  if (commonality.kind === 'challenge') return `How is it going with ${text}?`;
  return null;
}

/**
 * "I said I'd send the deck" for a promise typed as an action, "I promised you the deck" for one typed as a thing
 * ("promised her the deck", "owe him an intro").
 */
function promisePhrase(promiseText: string): string {
  const text = inline(promiseText);
  return /^(?:a|an|the|my|our|some|that|this|these|those)\s/iu.test(text) ? `I promised you ${text}` : `I said I'd ${text}`;
}

/** What fills in the template of the input's reason. */
export function templateValues(input: FollowUpDraftInput): TemplateValues {
  const common = { first_name: firstNameOf(input.fullName), full_name: input.fullName.trim() };
  switch (input.reason) {
    case 'first_follow_up':
      return {
        ...common,
        event: input.eventName ? inline(input.eventName) : null,
        commonality: input.commonality ? inline(input.commonality.text) : null,
        mention: input.commonality ? metLine(input.commonality) : null,
      };
    case 'cadence':
      return { ...common, commonality: input.commonality ? inline(input.commonality.text) : null, mention: catchUpLine(input.commonality) };
    case 'promise':
      return { ...common, promise: inline(input.promiseText), promised: promisePhrase(input.promiseText) };
    case 'share':
      return {
        ...common,
        share_title: inline(input.shareTitle),
        share_link: input.shareLink,
        commonality: input.commonality ? inline(input.commonality.text) : null,
      };
  }
}

/** The draft for a suggestion, from the account's template for its reason (the default one when not given). */
export function draftFollowUp(input: FollowUpDraftInput, template: MessageTemplate = DEFAULT_TEMPLATES[input.reason]): FollowUpDraft {
  return fillTemplate(template, templateValues(input));
}
