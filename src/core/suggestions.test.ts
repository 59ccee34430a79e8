import { describe, expect, it } from 'vitest';
import { rankSuggestions, type SuggestionCandidate } from './suggestions.js';

const c = (key: string, kind: SuggestionCandidate['kind'], personId: string, state: SuggestionCandidate['state'], dueOn: string, score?: number): SuggestionCandidate => ({
  key,
  kind,
  personId,
  state,
  dueOn,
  ...(score === undefined ? {} : { score }),
});

const rank = (candidates: SuggestionCandidate[], limit = 10, setAside: [string, string][] = []) =>
  rankSuggestions(candidates, { limit, today: '2026-03-10', setAside: new Map(setAside) }).map((s) => s.key);

describe('ranking the daily suggestions', () => {
  const all = [
    c('person:soon', 'cadence', 'soon', 'soon', '2026-03-12'),
    c('share:s1:ann', 'share', 'ann', 'due', '2026-03-10', 0.5),
    c('share:s1:bob', 'share', 'bob', 'due', '2026-03-10', 0.9),
    c('person:overdue', 'cadence', 'overdue', 'overdue', '2026-03-01'),
    c('promise:p2', 'promise', 'pat', 'soon', '2026-03-12'),
    c('promise:p1', 'promise', 'quinn', 'overdue', '2026-03-08'),
    c('person:met', 'first_follow_up', 'met', 'soon', '2026-03-11'),
  ];

  it('first follow-ups, then promises nearest due first, then keep-in-touch overdue, then shares best first, then what is coming up', () => {
    expect(rank(all)).toEqual(['person:met', 'promise:p1', 'promise:p2', 'person:overdue', 'share:s1:bob', 'share:s1:ann', 'person:soon']);
  });

  it('stops at the limit', () => {
    expect(rank(all, 3)).toEqual(['person:met', 'promise:p1', 'promise:p2']);
  });

  it('never lists a person twice: they come for their first reason', () => {
    const same = [c('person:jane', 'cadence', 'jane', 'overdue', '2026-03-01'), c('promise:p9', 'promise', 'jane', 'due', '2026-03-10'), c('share:s:jane', 'share', 'jane', 'due', '2026-03-10', 1)];
    expect(rank(same)).toEqual(['promise:p9']);
  });

  it('a suggestion set aside stays away through its day and comes back after it, and the next one moves up', () => {
    expect(rank(all, 2, [['person:met', '2026-03-10']])).toEqual(['promise:p1', 'promise:p2']);
    expect(rank(all, 2, [['person:met', '2026-03-09']])).toEqual(['person:met', 'promise:p1']);
  });

  it('is deterministic: the order of the input does not matter', () => {
    expect(rank([...all].reverse())).toEqual(rank(all));
  });
});
