import { describe, expect, it } from 'vitest';
import { suggestCommonalities } from './commonality-hints.js';
import { normalizeTopic } from './topic.js';

const hints = (text: string, existing: string[] = []) => suggestCommonalities([text], existing.map(normalizeTopic)).map((h) => [h.kind, h.text]);

describe('suggestCommonalities', () => {
  it('reads "big fan of Verdi, struggling to hire data engineers" as an interest and a challenge', () => {
    expect(hints('big fan of Verdi, struggling to hire data engineers')).toEqual([
      ['interest', 'Verdi'],
      ['challenge', 'hiring data engineers'],
    ]);
  });

  it('reads personal life: kids, a marathon, a dog', () => {
    expect(hints('has two kids')).toEqual([['personal', 'two kids']]);
    expect(hints('training for the Berlin marathon')).toEqual([['personal', 'Berlin marathon']]);
    expect(hints('opera lover; has a dog')).toEqual([['interest', 'opera'], ['personal', 'dog']]);
  });

  it('reads what we share: "also went to MIT", "we both love sailing"', () => {
    expect(hints('also went to MIT')).toEqual([['shared', 'MIT']]);
    expect(hints('We both love sailing')).toEqual([['shared', 'sailing']]);
  });

  it('splits "opera and jazz" into two interests but keeps "rock and roll" whole', () => {
    expect(hints('Loves opera and jazz')).toEqual([['interest', 'opera'], ['interest', 'jazz']]);
    expect(hints('into rock and roll')).toEqual([['interest', 'rock and roll']]);
  });

  it('says a challenge as what they are working on: "wants to raise a seed round" → "raising a seed round"', () => {
    expect(hints('wants to raise a seed round')).toEqual([['challenge', 'raising a seed round']]);
    expect(hints('She is hiring a CFO')).toEqual([['challenge', 'hiring a CFO']]);
    expect(hints('struggling with churn')).toEqual([['challenge', 'churn']]);
  });

  it('reads several sentences of a note, in order', () => {
    expect(hints('Met at the Chamber mixer. Loves sailing! Promised to send the deck. Her son plays cello.')).toEqual([
      ['interest', 'sailing'],
      ['personal', 'Her son plays cello'],
    ]);
  });

  it('never suggests a commonality the person already has, in any wording', () => {
    expect(hints('big fan of the opera, loves jazz', ['Opera'])).toEqual([['interest', 'jazz']]);
    expect(hints('Operas lover', ['opera'])).toEqual([]);
  });

  it('suggests each topic once across texts', () => {
    const result = suggestCommonalities(['loves opera', 'big fan of the opera', 'opera lover'], []);
    expect(result.map((h) => h.text)).toEqual(['opera']);
    expect(result[0]).toMatchObject({ topic: 'opera', source: 'loves opera' });
  });

  it('suggests nothing from text with no commonality in it', () => {
    for (const text of ['Call her next week about the proposal', 'Works at Acme, CTO', 'Met at the Chamber mixer', '', '   ', 'Jane Doe']) {
      expect(hints(text)).toEqual([]);
    }
  });

  it('leaves long sentences alone: a sentence is not a topic', () => {
    expect(hints('loves talking about the history of every single building in the old town of Prague')).toEqual([]);
  });

  it('does not take a promise for a challenge', () => {
    expect(hints('promised to help with hiring')).toEqual([]);
  });

  it('keeps at most ten suggestions', () => {
    const many = Array.from({ length: 15 }, (_, i) => `loves topic${i}`).join(', ');
    expect(suggestCommonalities([many], [])).toHaveLength(10);
  });
});
