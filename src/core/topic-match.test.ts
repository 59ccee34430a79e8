import { describe, expect, it } from 'vitest';
import { bestPerPerson, compareMatches, pageOfBest, matchCommonality, matchReason, saysTopicInSameWords, scoreTerms, shareTermsOf, shareTopicsOf, stemsOf, termsOf, type RankedMatch } from './topic-match.js';
import type { CommonalityKind } from './types.js';

const matches = (topics: string[], commonality: string) => matchCommonality(shareTopicsOf(topics), commonality);

describe('termsOf', () => {
  it('gives "opera", "operas", "the opera", "opera lover", "Opéra" and "OPERA!" the same terms', () => {
    for (const text of ['opera', 'operas', 'the opera', 'opera lover', 'Opéra', 'OPERA!', 'big fan of the opera', 'Opera lovers']) {
      expect(termsOf(text)).toEqual(['opera']);
    }
  });

  it('keeps "operations" apart from "opera"', () => {
    expect(termsOf('operations')).not.toEqual(termsOf('opera'));
    expect(termsOf('operating')).not.toContain('opera');
  });

  it('drops stop and filler words and stems the rest', () => {
    expect(termsOf('struggling to hire data engineers')).toEqual(['hire', 'data', 'engin']);
    expect(termsOf('Verdi operas')).toEqual(['verdi', 'opera']);
    expect(stemsOf('a huge jazz fan')).toEqual(['jazz']);
  });

  it('maps close forms of networking topics to one term', () => {
    expect(termsOf('recruiting engineers')).toEqual(termsOf('hiring engineers'));
    expect(termsOf('recruitment')).toEqual(['hire']);
    expect(termsOf('talent')).toEqual(['hire']);
    expect(termsOf('investors')).toEqual(termsOf('fundraising'));
    expect(termsOf('raising a seed round')).toContain('fundrais');
    expect(termsOf('growth')).toEqual(termsOf('marketing'));
    expect(termsOf('developers')).toEqual(termsOf('engineering'));
    expect(termsOf('my children')).toEqual(termsOf('kids'));
  });

  it('keeps "C++", "C#" and digits as terms', () => {
    expect(termsOf('C++')).toEqual(['c++']);
    expect(termsOf('C#')).toEqual(['c#']);
    expect(termsOf('the 2026 marathon')).toEqual(['2026', 'marathon']);
  });

  it('gives no terms to text made only of stop and filler words', () => {
    expect(termsOf('the')).toEqual([]);
    expect(termsOf('big fan')).toEqual([]);
    expect(termsOf('?!')).toEqual([]);
  });
});

describe('matchCommonality', () => {
  it('matches an interest in operas, the opera, an opera lover and Opéra with the topic "opera"', () => {
    for (const text of ['operas', 'the opera', 'opera lover', 'Opéra', 'Opera']) {
      expect(matches(['opera'], text)).toMatchObject({ score: 1, sameWords: true });
    }
  });

  it('does not match "opera" with "operations" or "operating systems"', () => {
    expect(matches(['opera'], 'operations')).toBeNull();
    expect(matches(['opera'], 'operating systems')).toBeNull();
    expect(matches(['operations'], 'opera')).toBeNull();
  });

  it('matches the topic "hiring" with the challenges "recruiting engineers" and "struggling to hire data engineers"', () => {
    expect(matches(['hiring'], 'recruiting engineers')).toMatchObject({ score: 1, sameWords: false, topic: 'hiring' });
    expect(matches(['hiring'], 'struggling to hire data engineers')).toMatchObject({ score: 1, sameWords: false });
  });

  it('needs every word of a phrase topic: "data engineering" does not match "data science"', () => {
    expect(matches(['data engineering'], 'data science')).toBeNull();
    expect(matches(['data engineering'], 'hiring data engineers')).toMatchObject({ score: 1 });
  });

  it('scores the part of the share that matched: both topics beat one', () => {
    const both = matches(['opera', 'Verdi'], 'Verdi operas');
    const one = matches(['opera', 'Verdi'], 'opera');
    expect(both?.score).toBe(1);
    expect(one?.score).toBe(0.5);
  });

  it('covers more of a commonality that says only the topic', () => {
    const exact = matches(['opera'], 'opera');
    const wider = matches(['opera'], 'Verdi operas at La Scala');
    expect(exact!.coverage).toBeGreaterThan(wider!.coverage);
    expect(wider).toMatchObject({ score: 1, sameWords: false });
  });

  it('does not match near-misses', () => {
    expect(matches(['jazz'], 'jazzercise')).toBeNull();
    expect(matches(['wine'], 'winter sports')).toBeNull();
    expect(matches(['art'], 'startups')).toBeNull();
    expect(matches(['hiring'], 'hiking')).toBeNull();
    expect(matches(['C++'], 'C#')).toBeNull();
    expect(matches(['opera'], 'big fan')).toBeNull();
  });

  it('is accent- and case-insensitive on both sides', () => {
    expect(matches(['Café Culture'], 'cafe culture')).toMatchObject({ score: 1, sameWords: true });
    expect(matches(['München'], 'munchen')).toMatchObject({ score: 1 });
  });
});

describe('scoreTerms (from the index)', () => {
  it('scores from the terms found and the commonality\'s term count, as matchCommonality does from the text', () => {
    const topics = shareTopicsOf(['opera', 'Verdi']);
    expect(scoreTerms(topics, ['opera'], 2)).toEqual({ score: 0.5, coverage: 0.5, topic: 'opera' });
    expect(scoreTerms(topics, ['opera', 'verdi'], 2)).toEqual({ score: 1, coverage: 1, topic: 'opera' });
    expect(scoreTerms(shareTopicsOf(['data engineering']), ['data'], 2)).toBeNull();
    expect(scoreTerms(topics, [], 0)).toBeNull();
  });

  it('tells the same words from a close form', () => {
    const topics = shareTopicsOf(['hiring']);
    expect(saysTopicInSameWords(topics, 'hiring', 'hired')).toBe(true);
    expect(saysTopicInSameWords(topics, 'hiring', 'recruiting')).toBe(false);
    expect(saysTopicInSameWords(topics, 'nope', 'hiring')).toBe(false);
  });
});

describe('shareTermsOf', () => {
  it('gives the sorted distinct terms of all topics, dropping topics with none', () => {
    expect(shareTermsOf(shareTopicsOf(['Opera', 'the operas', 'recruiting', 'the']))).toEqual(['hire', 'opera']);
  });
});

const ranked = (personId: string, kind: CommonalityKind, score: number, coverage: number, commonalityId = `${personId}-c`): RankedMatch => ({
  personId, kind, score, coverage, commonalityId, topic: 'opera',
});

describe('ranking', () => {
  it('orders by score, then kind (interest first), then coverage, then the person added first', () => {
    const list = [
      ranked('p1', 'personal', 1, 1),
      ranked('p2', 'interest', 0.5, 1),
      ranked('p3', 'interest', 1, 0.5),
      ranked('p6', 'interest', 1, 1),
      ranked('p4', 'interest', 1, 1),
      ranked('p5', 'challenge', 1, 1),
    ].sort(compareMatches);
    expect(list.map((m) => m.personId)).toEqual(['p4', 'p6', 'p3', 'p5', 'p1', 'p2']);
  });

  it('keeps each person once, with their best commonality', () => {
    const best = bestPerPerson([
      ranked('p1', 'personal', 1, 1, 'c1'),
      ranked('p1', 'interest', 1, 1, 'c2'),
      ranked('p2', 'interest', 0.5, 1, 'c3'),
    ]);
    expect(best.map((m) => m.commonalityId)).toEqual(['c2', 'c3']);
  });

  it('pages the same order as sorting everyone, with the number of people in all', () => {
    const kinds: CommonalityKind[] = ['interest', 'challenge', 'shared', 'personal'];
    const matches: RankedMatch[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 400; i++) {
      const person = `p${Math.floor(next() * 150).toString().padStart(3, '0')}`;
      matches.push(ranked(person, kinds[Math.floor(next() * 4)]!, [1, 0.5, 1 / 3][Math.floor(next() * 3)]!, [1, 0.5][Math.floor(next() * 2)]!, `${person}-${i}`));
    }
    const all = bestPerPerson(matches);
    for (const [offset, limit] of [[0, 10], [0, 500], [5, 7], [37, 50], [140, 50], [500, 10]] as const) {
      expect(pageOfBest(matches, offset, limit)).toEqual({ items: all.slice(offset, offset + limit), total: all.length });
    }
  });

  it('breaks full ties by ids, so the order never changes between runs', () => {
    const a = ranked('b', 'interest', 1, 1);
    const b = ranked('a', 'interest', 1, 1, 'a-2');
    const c = ranked('a', 'interest', 1, 1, 'a-1');
    expect([a, b, c].sort(compareMatches).map((m) => m.commonalityId)).toEqual(['a-1', 'a-2', 'b-c']);
  });
});

describe('matchReason', () => {
  it('says "Jane loves opera" when her interest says the topic in the same words', () => {
    expect(matchReason('Jane Doe', 'interest', 'opera lover', matches(['opera'], 'opera lover')!)).toBe('Jane loves opera');
  });

  it('says what matched what when the words differ', () => {
    expect(matchReason('Jane Doe', 'interest', 'Verdi operas', matches(['opera'], 'Verdi operas')!)).toBe("Jane: interest 'Verdi operas' matches 'opera'");
    expect(matchReason('Raj Patel', 'challenge', 'recruiting engineers', matches(['hiring'], 'recruiting engineers')!)).toBe(
      "Raj: challenge 'recruiting engineers' matches 'hiring'",
    );
  });

  it('words the other kinds by what they are', () => {
    expect(matchReason('Jane Doe', 'challenge', 'hiring', matches(['hiring'], 'hiring')!)).toBe('Jane is working on hiring');
    expect(matchReason('Jane Doe', 'shared', 'MIT', matches(['MIT'], 'MIT')!)).toBe('You and Jane share MIT');
    expect(matchReason('Jane Doe', 'personal', 'marathon', matches(['marathon'], 'marathon')!)).toBe('Jane mentioned marathon');
  });
});

describe('words that are names of object properties', () => {
  it('"constructor" and "toString" are terms like any other word, never a function', () => {
    expect(termsOf('{{constructor.constructor("window.__xss=1")()}}')).toEqual(['constructor', 'window', 'xss', '1']);
    expect(termsOf('toString valueOf').every((t) => typeof t === 'string')).toBe(true);
  });
});
