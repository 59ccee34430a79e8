import { describe, expect, it } from 'vitest';
import { draftFollowUp } from './follow-up-draft.js';

describe('follow-up drafts', () => {
  it('a first follow-up greets by first name, names the event and mentions what we talked about', () => {
    const draft = draftFollowUp({ reason: 'first_follow_up', fullName: 'Dr. Jane Doe', eventName: 'the Chamber mixer', commonality: { kind: 'interest', text: 'opera' } });
    expect(draft).toEqual({
      subject: 'Great to meet you at the Chamber mixer',
      body: [
        'Hi Jane,',
        'It was great to meet you at the Chamber mixer. I really enjoyed our chat about opera.',
        "I'd love to stay in touch. If you're up for a coffee or a quick call in the next few weeks, just let me know.",
        'All the best',
      ].join('\n\n'),
      short: "Hi Jane, great to meet you at the Chamber mixer! I'd love to stay in touch.",
    });
  });

  it('a first follow-up offers help with their challenge, and says what we share or what is new in their life', () => {
    const met = (kind: 'challenge' | 'shared' | 'personal', text: string) =>
      draftFollowUp({ reason: 'first_follow_up', fullName: 'Jane Doe', eventName: 'SaaStr', commonality: { kind, text } }).body.split('\n\n')[1];
    expect(met('challenge', 'hiring engineers')).toBe('It was great to meet you at SaaStr. If I can help with hiring engineers in any way, just say.');
    expect(met('shared', 'went to MIT')).toBe('It was great to meet you at SaaStr. It was good to find something in common: went to MIT.');
    expect(met('personal', 'getting married in June.')).toBe('It was great to meet you at SaaStr. And it was lovely to hear your news: getting married in June.');
  });

  it('a first follow-up without a known event or commonality still reads as a whole sentence', () => {
    const draft = draftFollowUp({ reason: 'first_follow_up', fullName: 'Bob', eventName: null, commonality: null });
    expect(draft.subject).toBe('Great to meet you');
    expect(draft.body.split('\n\n')[1]).toBe('It was great to meet you.');
    expect(draft.short).toBe("Hi Bob, great to meet you! I'd love to stay in touch.");
  });

  it('a keep-in-touch follow-up checks in, and asks after an interest or a challenge', () => {
    const draft = draftFollowUp({ reason: 'cadence', fullName: 'Priya Shah', commonality: { kind: 'challenge', text: 'churn' } });
    expect(draft.subject).toBe('Catching up');
    expect(draft.body).toBe(
      [
        'Hi Priya,',
        "It's been a while, so I wanted to check in and see how you're doing. How is it going with churn?",
        'Would you be up for catching up soon? A coffee or a quick call, whichever suits you.',
        'All the best',
      ].join('\n\n'),
    );
    expect(draft.short).toBe("Hi Priya, it's been a while! How are things? It would be great to catch up soon.");
    const interest = draftFollowUp({ reason: 'cadence', fullName: 'Priya Shah', commonality: { kind: 'interest', text: 'jazz' } });
    expect(interest.body).toContain("I hope there's still been time for jazz.");
    const personal = draftFollowUp({ reason: 'cadence', fullName: 'Priya Shah', commonality: { kind: 'personal', text: 'two kids' } });
    expect(personal.body).not.toContain('two kids');
  });

  it('a promise I owe is mentioned in my own words, whether typed as an action or as a thing', () => {
    const action = draftFollowUp({ reason: 'promise', fullName: 'Jane Doe', promiseText: 'send the white paper on remote hiring' });
    expect(action).toEqual({
      subject: 'Following up',
      body: [
        'Hi Jane,',
        "When we last spoke I said I'd send the white paper on remote hiring, and I didn't want it to slip.",
        "Let me know if there's anything else I can do.",
        'All the best',
      ].join('\n\n'),
      short: "Hi Jane, just following up: I said I'd send the white paper on remote hiring, and I haven't forgotten.",
    });
    const thing = draftFollowUp({ reason: 'promise', fullName: 'Jane Doe', promiseText: 'an intro to Priya.' });
    expect(thing.short).toBe("Hi Jane, just following up: I promised you an intro to Priya, and I haven't forgotten.");
  });

  it('every draft is plain text signed off without a name, and the short form is one line', () => {
    const drafts = [
      draftFollowUp({ reason: 'first_follow_up', fullName: 'Jane Doe', eventName: 'the mixer', commonality: { kind: 'interest', text: 'opera' } }),
      draftFollowUp({ reason: 'cadence', fullName: 'Jane Doe', commonality: null }),
      draftFollowUp({ reason: 'promise', fullName: 'Jane Doe', promiseText: 'send the deck' }),
    ];
    for (const draft of drafts) {
      expect(draft.body.endsWith('\n\nAll the best')).toBe(true);
      expect(draft.body).not.toMatch(/[<>*_]/);
      expect(draft.short).not.toContain('\n');
      expect(draft.short.length).toBeLessThanOrEqual(160);
    }
  });
});
