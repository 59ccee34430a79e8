import { describe, expect, it } from 'vitest';
import { buildFeedItems, followUpItem, itemFingerprint, nextSequence, promiseItem, wallClockOf, type FeedFacts } from './calendar-feed.js';

const NOW = new Date('2026-03-10T12:00:00Z');

function exact(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

describe('wallClockOf', () => {
  it('gives the wall-clock time of every half hour around the DST changes of Berlin, New York, Auckland and Lord Howe', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
    const days = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-25', '2026-11-01', '2026-10-04'];
    for (const zone of zones) {
      for (const day of days) {
        for (let minutes = -24 * 60; minutes < 48 * 60; minutes += 30) {
          const instant = new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000 + 17_000);
          expect(wallClockOf(instant, zone), `${zone} ${instant.toISOString()}`).toEqual(exact(instant, zone));
        }
      }
    }
  });

  it('keeps 18:00 in Berlin at 18:00 on both sides of the spring change', () => {
    expect(wallClockOf(new Date('2026-03-20T17:00:00Z'), 'Europe/Berlin')).toMatchObject({ day: 20, hour: 18, minute: 0 });
    expect(wallClockOf(new Date('2026-04-02T16:00:00Z'), 'Europe/Berlin')).toMatchObject({ day: 2, hour: 18, minute: 0 });
  });
});

describe('feed items', () => {
  const followUp = { personId: 'p1', fullName: 'Jane Doe', reason: 'cadence' as const, since: '2026-02-01', dueOn: '2026-03-03', eventName: null, cadenceDays: 30, everTouched: true };

  it('puts an overdue follow-up on today and an upcoming one on its day, worded as of that day', () => {
    expect(followUpItem(followUp, '2026-03-10')).toMatchObject({ day: '2026-03-10', summary: 'Follow up with Jane Doe', uid: 'followup-p1@kith' });
    expect(followUpItem(followUp, '2026-03-10').description).toBe('Your last touch with Jane was 37 days ago (you aim for every 30 days). (due 2026-03-03: overdue)');
    const upcoming = followUpItem({ ...followUp, dueOn: '2026-03-20' }, '2026-03-10');
    expect(upcoming).toMatchObject({ day: '2026-03-20', description: 'Your last touch with Jane was 47 days ago (you aim for every 30 days).' });
    expect(itemFingerprint(followUpItem({ ...followUp, dueOn: '2026-03-20' }, '2026-03-15'))).toBe(itemFingerprint(upcoming));
  });

  it('names promises by who owes them', () => {
    expect(promiseItem({ id: 'q', personId: 'p', fullName: 'Dr. Jane Doe', direction: 'i_owe', text: 'send the deck', dueOn: '2026-03-12' }).summary).toBe('Promise to Jane: send the deck');
    expect(promiseItem({ id: 'q', personId: 'p', fullName: 'Jane Doe', direction: 'they_owe', text: 'an intro', dueOn: '2026-03-12' }).summary).toBe('Jane promised: an intro');
  });

  it('keeps the nearest items when over the cap, and returns them in calendar order', () => {
    const facts: FeedFacts = {
      followUps: [],
      promises: ['2026-01-01', '2026-03-11', '2026-03-09', '2026-09-01', '2026-03-20'].map((dueOn, i) => ({ id: `q${i}`, personId: 'p', fullName: 'Jane', direction: 'i_owe', text: 't', dueOn })),
      events: [{ id: 'e', name: 'Mixer', startsAt: '2026-03-10T18:00:00Z', endsAt: '2026-03-10T20:00:00Z', timeZone: 'UTC', place: null, link: null, role: 'attending' }],
    };
    const items = buildFeedItems(facts, '2026-03-10', NOW, 4);
    expect(items.map((i) => i.uid)).toEqual(['promise-q2@kith', 'event-e@kith', 'promise-q1@kith', 'promise-q4@kith']);
  });

  it('bumps SEQUENCE only when the digest changed', () => {
    expect(nextSequence(undefined, 'a')).toEqual({ sequence: 0, changed: true });
    expect(nextSequence({ digest: 'a', sequence: 3 }, 'a')).toEqual({ sequence: 3, changed: false });
    expect(nextSequence({ digest: 'a', sequence: 3 }, 'b')).toEqual({ sequence: 4, changed: true });
  });
});
