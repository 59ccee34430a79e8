import { describe, expect, it } from 'vitest';
import { digestDedupeKey, instantOfLocalHour, latestDigestSlot, nextDigestSlot, type DigestSchedule } from './digest-schedule.js';

const daily = (hour: number): DigestSchedule => ({ frequency: 'daily', hour, weekday: 'monday' });

describe('digest schedule', () => {
  it('a daily digest at 8 in London goes at 8:00 local time, in winter and in summer', () => {
    expect(nextDigestSlot(daily(8), 'Europe/London', new Date('2026-01-10T09:00:00Z')).toISOString()).toBe('2026-01-11T08:00:00.000Z');
    expect(nextDigestSlot(daily(8), 'Europe/London', new Date('2026-07-10T06:00:00Z')).toISOString()).toBe('2026-07-10T07:00:00.000Z');
  });

  it('the slot is strictly after the given instant', () => {
    expect(nextDigestSlot(daily(8), 'Europe/London', new Date('2026-01-10T08:00:00Z')).toISOString()).toBe('2026-01-11T08:00:00.000Z');
    expect(nextDigestSlot(daily(8), 'Europe/London', new Date('2026-01-10T07:59:59Z')).toISOString()).toBe('2026-01-10T08:00:00.000Z');
  });

  it('across the spring-forward night the digest keeps its local hour', () => {
    // Europe/London springs forward on 2026-03-29 at 01:00 GMT.
    expect(nextDigestSlot(daily(8), 'Europe/London', new Date('2026-03-28T09:00:00Z')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('an hour that does not exist on the spring-forward day goes when the clocks jump', () => {
    // 01:00–02:00 does not exist in London on 2026-03-29; New York skips 02:00–03:00 on 2026-03-08.
    expect(instantOfLocalHour('2026-03-29', 1, 'Europe/London').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(instantOfLocalHour('2026-03-08', 2, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(nextDigestSlot(daily(2), 'America/New_York', new Date('2026-03-07T12:00:00Z')).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('an hour that happens twice on the fall-back day is taken the first time, and the digest goes once', () => {
    // London falls back on 2026-10-25 at 02:00 BST: 01:00–02:00 happens twice.
    expect(instantOfLocalHour('2026-10-25', 1, 'Europe/London').toISOString()).toBe('2026-10-25T00:00:00.000Z');
    const first = nextDigestSlot(daily(1), 'Europe/London', new Date('2026-10-24T12:00:00Z'));
    expect(first.toISOString()).toBe('2026-10-25T00:00:00.000Z');
    // After the first 01:00, the next slot is the next day's, not the repeated hour.
    expect(nextDigestSlot(daily(1), 'Europe/London', first).toISOString()).toBe('2026-10-26T01:00:00.000Z');
  });

  it('a weekly digest goes on its weekday only', () => {
    const weekly: DigestSchedule = { frequency: 'weekly', hour: 9, weekday: 'friday' };
    // 2026-03-10 is a Tuesday; the Friday after is the 13th (Tokyo: UTC+9, no DST).
    expect(nextDigestSlot(weekly, 'Asia/Tokyo', new Date('2026-03-10T12:00:00Z')).toISOString()).toBe('2026-03-13T00:00:00.000Z');
    expect(nextDigestSlot(weekly, 'Asia/Tokyo', new Date('2026-03-13T00:00:00Z')).toISOString()).toBe('2026-03-20T00:00:00.000Z');
  });

  it('after downtime, the latest missed slot is the one owed', () => {
    const at = new Date('2026-03-14T12:00:00Z');
    expect(latestDigestSlot(daily(8), 'Europe/London', at).toISOString()).toBe('2026-03-14T08:00:00.000Z');
    expect(latestDigestSlot(daily(13), 'Europe/London', at).toISOString()).toBe('2026-03-13T13:00:00.000Z');
    expect(latestDigestSlot({ frequency: 'weekly', hour: 9, weekday: 'monday' }, 'Europe/London', at).toISOString()).toBe('2026-03-09T09:00:00.000Z');
  });

  it("the dedupe key names the slot's day in the account's time zone", () => {
    // 23:30 UTC on the 10th is already the 11th in Tokyo.
    expect(digestDedupeKey('acc', new Date('2026-03-10T23:30:00Z'), 'Asia/Tokyo')).toBe('digest:acc:2026-03-11');
  });
});
