import { describe, expect, it } from 'vitest';
import { checkAnswers, checkQuestions, holdsSeat, nextMonthsMeeting, placeFor } from './organizer.js';

describe('organizer rules', () => {
  it('seats while there is room, then waitlists; approval comes first; no capacity means no limit', () => {
    expect(placeFor({ capacity: 2, requiresApproval: false }, 1)).toBe('confirmed');
    expect(placeFor({ capacity: 2, requiresApproval: false }, 2)).toBe('waitlisted');
    expect(placeFor({ capacity: null, requiresApproval: false }, 10_000)).toBe('confirmed');
    expect(placeFor({ capacity: 2, requiresApproval: true }, 0)).toBe('pending');
  });

  it('an offered seat is held until its claim window ends', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(holdsSeat({ status: 'offered', offeredUntil: '2026-03-10T12:00:01Z' }, now)).toBe(true);
    expect(holdsSeat({ status: 'offered', offeredUntil: '2026-03-10T12:00:00Z' }, now)).toBe(false);
    expect(holdsSeat({ status: 'confirmed', offeredUntil: null }, now)).toBe(true);
    expect(holdsSeat({ status: 'waitlisted', offeredUntil: null }, now)).toBe(false);
  });

  it('the next meeting is the same weekday of the same week, same wall-clock time across a DST change', () => {
    // 2nd Tuesday of March 2026, 18:30 in London (GMT) → 2nd Tuesday of April, 18:30 BST.
    expect(nextMonthsMeeting('2026-03-10T18:30:00.000Z', 'Europe/London')).toBe('2026-04-14T17:30:00.000Z');
    // A 5th Thursday (29 Jan 2026) becomes the last Thursday of February (26th).
    expect(nextMonthsMeeting('2026-01-29T17:00:00.000Z', 'Europe/Berlin')).toBe('2026-02-26T17:00:00.000Z');
    // December → January of the next year; the local day counts, not UTC's (Tue 8 Dec 2026, 19:00 in Los Angeles).
    expect(nextMonthsMeeting('2026-12-09T03:00:00.000Z', 'America/Los_Angeles')).toBe('2027-01-13T03:00:00.000Z');
  });

  it('checks questions and answers, naming the field', () => {
    expect(checkQuestions([{ id: 'diet', label: 'Diet', required: false }, { id: 'diet', label: 'Again', required: true }])).toEqual([{ path: 'questions[1].id', message: 'the id "diet" is used twice' }]);
    expect(checkQuestions([{ id: 'bad id', label: '', required: false }]).map((i) => i.path)).toEqual(['questions[0].id', 'questions[0].label']);
    const questions = [{ id: 'diet', label: 'Any dietary needs?', required: true }, { id: 'topic', label: 'A topic for the talk?', required: false }];
    expect(checkAnswers(questions, { diet: '  vegan ', topic: '', extra: 'ignored' })).toEqual({ answers: { diet: 'vegan' }, issues: [] });
    expect(checkAnswers(questions, {}).issues).toEqual([{ path: 'answers.diet', message: '"Any dietary needs?" needs an answer' }]);
    // Ids every object has are refused; an answer keyed by one is never read from the object's prototype.
    expect(checkQuestions([{ id: 'constructor', label: 'x', required: false }, { id: '__proto__', label: 'y', required: false }]).map((i) => i.path)).toEqual(['questions[0].id', 'questions[1].id']);
    expect(checkAnswers([{ id: 'constructor', label: 'Why?', required: false }], {}).answers).toEqual({});
    expect({ ...checkAnswers([{ id: 'topic', label: 'Topic', required: false }], JSON.parse('{"__proto__": "x", "topic": "AI"}') as Record<string, string>).answers }).toEqual({ topic: 'AI' });
  });
});
