// A message to start from, for each follow-up: an e-mail (subject and body) and a short form for a text message.
// The person edits it before sending; the words only have to lower the cost of the first line. They are plain text,
// friendly and short, signed off without a name (the person's mail program adds theirs).
import { firstNameOf } from './follow-up-reason.js';
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
  | { reason: 'promise'; fullName: string; promiseText: string };

const SIGN_OFF = 'All the best';

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

function letter(name: string, paragraphs: (string | null)[]): string {
  return [`Hi ${name},`, ...paragraphs.filter((p): p is string => !!p), SIGN_OFF].join('\n\n');
}

export function draftFollowUp(input: FollowUpDraftInput): FollowUpDraft {
  const name = firstNameOf(input.fullName);
  switch (input.reason) {
    case 'first_follow_up': {
      const event = input.eventName ? inline(input.eventName) : null;
      const met = event ? `It was great to meet you at ${event}.` : 'It was great to meet you.';
      return {
        subject: event ? `Great to meet you at ${event}` : 'Great to meet you',
        body: letter(name, [
          [met, input.commonality ? metLine(input.commonality) : null].filter(Boolean).join(' '),
          "I'd love to stay in touch. If you're up for a coffee or a quick call in the next few weeks, just let me know.",
        ]),
        short: `Hi ${name}, ${event ? `great to meet you at ${event}` : 'great to meet you'}! I'd love to stay in touch.`,
      };
    }
    case 'cadence':
      return {
        subject: 'Catching up',
        body: letter(name, [
          ["It's been a while, so I wanted to check in and see how you're doing.", catchUpLine(input.commonality)].filter(Boolean).join(' '),
          'Would you be up for catching up soon? A coffee or a quick call, whichever suits you.',
        ]),
        short: `Hi ${name}, it's been a while! How are things? It would be great to catch up soon.`,
      };
    case 'promise': {
      const promised = promisePhrase(input.promiseText);
      return {
        subject: 'Following up',
        body: letter(name, [`When we last spoke ${promised}, and I didn't want it to slip.`, "Let me know if there's anything else I can do."]),
        short: `Hi ${name}, just following up: ${promised}, and I haven't forgotten.`,
      };
    }
  }
}
