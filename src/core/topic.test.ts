import { describe, expect, it } from 'vitest';
import { normalizeTopic } from './topic.js';

describe('normalizeTopic', () => {
  it('gives "Opera", "opera", "the opera", "Operas" and "Opéra" the same topic', () => {
    const topics = ['Opera', 'opera', 'the opera', 'Operas', 'Opéra', '  THE   OPERA!  '].map(normalizeTopic);
    expect(new Set(topics)).toEqual(new Set(['opera']));
  });

  it('drops a leading article or possessive but keeps the same word inside the topic', () => {
    expect(normalizeTopic('my kids')).toBe('kid');
    expect(normalizeTopic('their dog')).toBe('dog');
    expect(normalizeTopic('a marathon')).toBe('marathon');
    expect(normalizeTopic('An Apple a day')).toBe('apple a day');
    expect(normalizeTopic('the the')).toBe('the');
  });

  it('collapses punctuation and spacing to single spaces', () => {
    expect(normalizeTopic('remote-hiring')).toBe(normalizeTopic('remote   hiring'));
    expect(normalizeTopic('rock & roll')).toBe(normalizeTopic('rock and roll'));
    expect(normalizeTopic("women's football")).toBe('woman football');
  });

  it('makes English plurals singular', () => {
    expect(normalizeTopic('companies')).toBe('company');
    expect(normalizeTopic('classes')).toBe('class');
    expect(normalizeTopic('data engineers')).toBe('data engineer');
    expect(normalizeTopic('movies')).toBe('movie');
    expect(normalizeTopic('churches')).toBe('church');
    expect(normalizeTopic('headaches')).toBe('headache');
    expect(normalizeTopic('boxes')).toBe('box');
    expect(normalizeTopic('children')).toBe('child');
    expect(normalizeTopic('wolves')).toBe('wolf');
  });

  it('leaves words that only look plural alone', () => {
    for (const word of ['news', 'chess', 'business', 'analysis', 'series', 'physics', 'tennis', 'campus', 'bus']) {
      expect(normalizeTopic(word)).toBe(word);
    }
  });

  it('keeps programming languages apart ("C++" is not "C#" is not "C")', () => {
    expect(new Set(['C++', 'C#', 'C'].map(normalizeTopic)).size).toBe(3);
    expect(normalizeTopic('#opera')).toBe('opera');
  });

  it('keeps non-Latin topics and digits', () => {
    expect(normalizeTopic('歌剧')).toBe('歌剧');
    expect(normalizeTopic('the 1990s')).toBe('1990s');
  });

  it('gives an empty key for text with no letters or digits', () => {
    expect(normalizeTopic('  ?! ')).toBe('');
  });
});

describe('topics that are names of object properties', () => {
  it('"constructor", "toString" and "__proto__" are plain words', () => {
    expect(normalizeTopic('constructor')).toBe('constructor');
    expect(normalizeTopic('toString hasOwnProperty')).toBe('tostring hasownproperty');
    expect(normalizeTopic('__proto__')).toBe('proto');
  });
});
