// The speaker pipeline's rules (issue 7): prospect → invited → accepted | declined → confirmed → spoke. Which moves an
// organizer may make, what the speaker's own answer through their link may do, what becomes of an open invitation
// when the status moves, and when the nudge is due. Pure and import-free: the service reads and writes, and the web
// app's speaker cards offer the same moves.

export const SPEAKER_STATUSES = ['prospect', 'invited', 'accepted', 'declined', 'confirmed', 'spoke'] as const;
export type SpeakerStatus = (typeof SPEAKER_STATUSES)[number];

/** The speaker's own answer, through the invitation's page. */
export type SpeakerAnswer = 'accepted' | 'declined';

export const DEFAULT_NUDGE_DAYS = 5;
export const MAX_NUDGE_DAYS = 60;

/**
 * The moves an organizer may make by hand. A yes or no given another way (by phone, in person) is recorded "on their
 * behalf"; going back to prospect withdraws an invitation (or puts a "no" back on the list to ask again later).
 * "invited" by hand is an invitation made outside Kith; POST …/invite is the one with the e-mail and the link.
 */
export const ORGANIZER_MOVES: Readonly<Record<SpeakerStatus, readonly SpeakerStatus[]>> = {
  prospect: ['accepted', 'declined', 'invited'],
  invited: ['accepted', 'declined', 'prospect'],
  accepted: ['confirmed', 'declined'],
  declined: ['prospect'],
  confirmed: ['spoke', 'declined'],
  spoke: [],
};

export interface MoveInput {
  from: SpeakerStatus;
  to: SpeakerStatus;
  /** The organizer records an answer the speaker gave another way. */
  onBehalf: boolean;
  /** The start of the speaker's event, if they have one. */
  eventStartsAt: string | null;
  now: Date;
}

/** Why an organizer's move is refused, or null when it is allowed. */
export function moveRefusal(move: MoveInput): { reason: string; field?: 'onBehalf' } | null {
  const { from, to } = move;
  if (!ORGANIZER_MOVES[from].includes(to)) {
    const allowed = ORGANIZER_MOVES[from];
    return { reason: `a speaker who is ${from} cannot be moved to ${to}${allowed.length ? ` (from ${from}: ${allowed.join(', ')})` : ' (that is the last step)'}` };
  }
  const answer = isAnswer(to);
  if (answer && !move.onBehalf) {
    return { field: 'onBehalf', reason: `the speaker answers through their invitation's page; to record an answer they gave another way, send onBehalf: true` };
  }
  if (!answer && move.onBehalf) return { field: 'onBehalf', reason: `onBehalf is for recording an answer (accepted or declined), not ${to}` };
  if (to === 'spoke' && move.eventStartsAt !== null && Date.parse(move.eventStartsAt) > move.now.getTime()) {
    return { reason: 'the event has not begun: a speaker is marked as having spoken once it has' };
  }
  return null;
}

/** A move to accepted or declined records the speaker's answer (their own, or one given another way). */
export function isAnswer(to: SpeakerStatus): boolean {
  return to === 'accepted' || to === 'declined';
}

/** An invitation (with its e-mail and link) may go to a prospect, or again to someone invited (it replaces the older link). */
export function canInvite(status: SpeakerStatus): boolean {
  return status === 'prospect' || status === 'invited';
}

/** What an organizer's move does to the speaker's open invitation: the answer is recorded on it, or it is withdrawn. */
export function invitationAfterMove(to: SpeakerStatus): 'answer' | 'revoke' | 'keep' {
  if (isAnswer(to)) return 'answer';
  if (to === 'prospect') return 'revoke';
  return 'keep';
}

export type InvitationState = 'open' | 'answered' | 'revoked' | 'event-cancelled';

/**
 * What the invitation's link can do: answer (open), show the answer given (answered: a link is single-use), or
 * nothing (revoked by a newer invitation or withdrawn; the event cancelled).
 */
export function invitationState(invitation: { answeredAt: string | null; revokedAt: string | null }, speakerStatus: SpeakerStatus, eventCancelled: boolean): InvitationState {
  if (invitation.answeredAt) return 'answered';
  if (invitation.revokedAt || speakerStatus !== 'invited') return 'revoked';
  if (eventCancelled) return 'event-cancelled';
  return 'open';
}

/** When an invitation sent at `sentAt` is nudged: `days` later; null when the organization turned the nudge off. */
export function nudgeAt(sentAt: Date, days: number | null): string | null {
  return days === null ? null : new Date(sentAt.getTime() + days * 86_400_000).toISOString();
}

/** A nudge makes no sense once the event has begun (or is cancelled): the invitation simply stays open. */
export function nudgeStillUseful(event: { startsAt: string; cancelledAt: string | null } | null, now: Date): boolean {
  return event === null || (event.cancelledAt === null && Date.parse(event.startsAt) > now.getTime());
}

export function checkNudgeDays(days: number | null): string | null {
  if (days === null) return null;
  return Number.isInteger(days) && days >= 1 && days <= MAX_NUDGE_DAYS ? null : `a whole number of days from 1 to ${MAX_NUDGE_DAYS}, or null for no nudge`;
}
