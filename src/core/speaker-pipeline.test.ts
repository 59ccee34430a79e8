import { describe, expect, it } from 'vitest';
import { canInvite, checkNudgeDays, invitationAfterMove, invitationState, moveRefusal, nudgeAt, nudgeStillUseful, type MoveInput } from './speaker-pipeline.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const move = (from: MoveInput['from'], to: MoveInput['to'], extra: Partial<MoveInput> = {}) => moveRefusal({ from, to, onBehalf: false, eventStartsAt: null, now: NOW, ...extra });

describe('speaker pipeline rules', () => {
  it('walks prospect → invited → accepted → confirmed → spoke, with the answers recorded on their behalf', () => {
    expect(move('prospect', 'invited')).toBeNull();
    expect(move('invited', 'accepted', { onBehalf: true })).toBeNull();
    expect(move('prospect', 'accepted', { onBehalf: true })).toBeNull();
    expect(move('accepted', 'confirmed')).toBeNull();
    expect(move('confirmed', 'spoke')).toBeNull();
    expect(move('invited', 'declined', { onBehalf: true })).toBeNull();
    expect(move('declined', 'prospect')).toBeNull();
  });

  it('no "spoke" before "confirmed", no skipping the speaker’s yes, nothing after "spoke"', () => {
    expect(move('accepted', 'spoke')?.reason).toBe('a speaker who is accepted cannot be moved to spoke (from accepted: confirmed, declined)');
    expect(move('invited', 'confirmed')?.reason).toContain('cannot be moved to confirmed');
    expect(move('prospect', 'spoke')).not.toBeNull();
    expect(move('spoke', 'prospect')?.reason).toBe('a speaker who is spoke cannot be moved to prospect (that is the last step)');
    expect(move('declined', 'accepted', { onBehalf: true })).not.toBeNull();
  });

  it('an organizer records an answer only on the speaker’s behalf, and onBehalf only with an answer', () => {
    expect(move('invited', 'accepted')).toMatchObject({ field: 'onBehalf' });
    expect(move('invited', 'declined')).toMatchObject({ field: 'onBehalf' });
    expect(move('accepted', 'confirmed', { onBehalf: true })).toMatchObject({ field: 'onBehalf' });
  });

  it('"spoke" waits for the event to begin', () => {
    expect(move('confirmed', 'spoke', { eventStartsAt: '2026-03-10T18:00:00Z' })?.reason).toContain('the event has not begun');
    expect(move('confirmed', 'spoke', { eventStartsAt: '2026-03-10T11:00:00Z' })).toBeNull();
  });

  it('an invitation goes to a prospect, or again to someone invited; a move answers or withdraws the open one', () => {
    expect(['prospect', 'invited', 'accepted', 'declined', 'confirmed', 'spoke'].filter((s) => canInvite(s as MoveInput['from']))).toEqual(['prospect', 'invited']);
    expect(invitationAfterMove('accepted')).toBe('answer');
    expect(invitationAfterMove('declined')).toBe('answer');
    expect(invitationAfterMove('prospect')).toBe('revoke');
    expect(invitationAfterMove('confirmed')).toBe('keep');
  });

  it('a link is open once: answered, it shows the answer; revoked or replaced, it does nothing', () => {
    const open = { answeredAt: null, revokedAt: null };
    expect(invitationState(open, 'invited', false)).toBe('open');
    expect(invitationState({ ...open, answeredAt: '2026-03-10T12:00:00Z' }, 'accepted', false)).toBe('answered');
    expect(invitationState({ ...open, revokedAt: '2026-03-10T12:00:00Z' }, 'invited', false)).toBe('revoked');
    expect(invitationState(open, 'prospect', false)).toBe('revoked');
    expect(invitationState(open, 'invited', true)).toBe('event-cancelled');
  });

  it('the nudge is due N days after the invitation, never when turned off, and not once the event has begun', () => {
    expect(nudgeAt(NOW, 5)).toBe('2026-03-15T12:00:00.000Z');
    expect(nudgeAt(NOW, null)).toBeNull();
    expect(nudgeStillUseful(null, NOW)).toBe(true);
    expect(nudgeStillUseful({ startsAt: '2026-03-11T00:00:00Z', cancelledAt: null }, NOW)).toBe(true);
    expect(nudgeStillUseful({ startsAt: '2026-03-10T11:00:00Z', cancelledAt: null }, NOW)).toBe(false);
    expect(nudgeStillUseful({ startsAt: '2026-03-11T00:00:00Z', cancelledAt: '2026-03-09T00:00:00Z' }, NOW)).toBe(false);
    expect([checkNudgeDays(5), checkNudgeDays(null), checkNudgeDays(0), checkNudgeDays(61), checkNudgeDays(1.5)].map((x) => x === null)).toEqual([true, true, false, false, false]);
  });
});
