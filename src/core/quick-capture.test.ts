import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/prng.js';
import { parseQuickCapture, type QuickCaptureOptions, type QuickCaptureResult } from './quick-capture.js';

// 2026-03-04 is a Wednesday.
const options: QuickCaptureOptions = { defaultRegion: 'GB', today: '2026-03-04' };
const parse = (line: string, overrides: Partial<QuickCaptureOptions> = {}) => parseQuickCapture(line, { ...options, ...overrides });
const kinds = (result: QuickCaptureResult) => result.commonalities.map(({ kind, text }) => ({ kind, text }));

describe('parseQuickCapture: the examples people type', () => {
  it('reads name, title, company, e-mail, phone, an interest, a challenge and a promise from one line', () => {
    const result = parse(
      'Jane Doe, CTO at Acme Corp, jane@acme.com, +44 20 7946 0958, loves opera, hiring engineers; promised to send the white paper on remote hiring',
    );
    expect(result).toMatchObject({ fullName: 'Jane Doe', title: 'CTO', company: 'Acme Corp', introducedBy: null, note: null });
    expect(result.emails).toEqual([{ value: 'jane@acme.com', label: null }]);
    expect(result.phones).toEqual([{ value: '+442079460958', label: null }]);
    expect(result.commonalities).toEqual([
      { kind: 'interest', text: 'opera', topic: 'opera' },
      { kind: 'challenge', text: 'hiring engineers', topic: 'hiring engineer' },
    ]);
    expect(result.promises).toEqual([{ direction: 'i_owe', text: 'send the white paper on remote hiring', dueOn: null }]);
    expect(result.parts.map((p) => p.role)).toEqual(['name', 'title', 'company', 'email', 'phone', 'commonality', 'commonality', 'promise']);
  });

  it('takes the company from the parentheses after the name and the introducer from "met via"', () => {
    const result = parse('Bob Stone (Stone & Co) bob@stone.co — marathon runner, met via Priya');
    expect(result).toMatchObject({ fullName: 'Bob Stone', company: 'Stone & Co', introducedBy: 'Priya', note: null });
    expect(result.emails).toEqual([{ value: 'bob@stone.co', label: null }]);
    expect(kinds(result)).toEqual([{ kind: 'personal', text: 'marathon runner' }]);
    expect(result.parts).toEqual([
      { text: 'Bob Stone', role: 'name' },
      { text: 'Stone & Co', role: 'company' },
      { text: 'bob@stone.co', role: 'email' },
      { text: 'marathon runner', role: 'commonality' },
      { text: 'met via Priya', role: 'introduced_by' },
    ]);
  });

  it('accepts a line with only a first name', () => {
    expect(parse('Jane')).toMatchObject({ fullName: 'Jane', note: null, parts: [{ text: 'Jane', role: 'name' }] });
  });

  it('returns an empty result for an empty or blank line', () => {
    for (const line of ['', '   ', '\n\t', ' , ; — | ']) {
      expect(parse(line)).toEqual({
        fullName: null, company: null, title: null, emails: [], phones: [], links: [], commonalities: [], promises: [],
        introducedBy: null, note: null, parts: [],
      });
    }
  });

  it('keeps the exact spelling of names in any script', () => {
    for (const name of ['José Müller-Lüdenscheidt', "Zoë O'Brien", '李小龙', 'Ludwig van Beethoven', 'J. R. R. Tolkien']) {
      expect(parse(`${name}, loves opera`).fullName).toBe(name);
    }
  });
});

describe('parseQuickCapture: separators', () => {
  it('cuts the line at commas, semicolons, dashes, pipes and new lines', () => {
    const lines = [
      'Jane Doe; loves opera; met via Priya',
      'Jane Doe — loves opera – met via Priya',
      'Jane Doe - loves opera - met via Priya',
      'Jane Doe | loves opera | met via Priya',
      'Jane Doe\nloves opera\r\n- met via Priya',
    ];
    for (const line of lines) {
      expect(parse(line)).toMatchObject({ fullName: 'Jane Doe', introducedBy: 'Priya', commonalities: [{ text: 'opera' }] });
    }
  });

  it('keeps hyphenated names and numbers with thousands separators in one piece', () => {
    expect(parse('Anna-Lena Schmidt, raising 1,000,000').fullName).toBe('Anna-Lena Schmidt');
    expect(kinds(parse('Anna-Lena Schmidt, raising 1,000,000'))).toEqual([{ kind: 'challenge', text: 'raising 1,000,000' }]);
  });
});

describe('parseQuickCapture: title and company', () => {
  it('reads "CTO at Acme" and "CTO @ Acme"', () => {
    expect(parse('Jane Doe, CTO at Acme')).toMatchObject({ title: 'CTO', company: 'Acme' });
    expect(parse('Jane Doe, CTO @ Acme')).toMatchObject({ title: 'CTO', company: 'Acme' });
    expect(parse('Jane Doe, Growth Hacker at Acme')).toMatchObject({ title: 'Growth Hacker', company: 'Acme' });
  });

  it('reads "Head of Sales, Acme" as a title and the company beside it', () => {
    expect(parse('Jane Doe, Head of Sales, Acme')).toMatchObject({ title: 'Head of Sales', company: 'Acme', note: null });
    expect(parse('Jane Doe, Acme, Head of Sales')).toMatchObject({ title: 'Head of Sales', company: 'Acme', note: null });
  });

  it('reads "works at Acme" and "from Acme" as the company', () => {
    expect(parse('Jane Doe, works at Acme').company).toBe('Acme');
    expect(parse('Jane Doe, from Acme Labs').company).toBe('Acme Labs');
  });

  it('reads "Jane Doe at Acme" as the name and the company', () => {
    expect(parse('Jane Doe at Acme, loves opera')).toMatchObject({ fullName: 'Jane Doe', company: 'Acme', title: null });
  });

  it('recognises a company by its suffix anywhere in the line', () => {
    expect(parse('Acme Ltd, Jane Doe')).toMatchObject({ company: 'Acme Ltd', fullName: 'Jane Doe' });
  });

  it('reads "met at the mixer" as a note, not as a title at a company', () => {
    expect(parse('Jane Doe, met at the mixer')).toMatchObject({ title: null, company: null, note: 'met at the mixer' });
  });

  it('keeps a second company in the note instead of replacing the first', () => {
    expect(parse('Jane Doe, CTO at Acme, works at Globex')).toMatchObject({ company: 'Acme', note: 'works at Globex' });
  });
});

describe('parseQuickCapture: commonalities', () => {
  it('reads interests without the verb that introduced them', () => {
    const lines = ['loves opera', 'likes opera', 'into opera', 'fan of opera', 'big fan of opera', 'a huge fan of opera',
      'enjoys opera', 'passionate about opera', 'opera lover', 'opera enthusiast', "she's into opera"];
    for (const line of lines) expect(kinds(parse(`Jane Doe, ${line}`)), line).toEqual([{ kind: 'interest', text: 'opera' }]);
  });

  it('reads challenges and keeps the meaningful phrase', () => {
    const cases: [string, string][] = [
      ['hiring engineers', 'hiring engineers'],
      ['hiring data engineers', 'hiring data engineers'],
      ['struggling with churn', 'churn'],
      ['struggling to hire designers', 'hire designers'],
      ['looking for a cofounder', 'a cofounder'],
      ['needs funding', 'funding'],
      ['wants to expand to Germany', 'expand to Germany'],
      ['challenge: cash flow', 'cash flow'],
    ];
    for (const [line, text] of cases) expect(kinds(parse(`Jane Doe, ${line}`)), line).toEqual([{ kind: 'challenge', text }]);
  });

  it('reads what we have in common', () => {
    const cases: [string, string][] = [
      ['we both went to MIT', 'went to MIT'],
      ['both love jazz', 'love jazz'],
      ['same gym as me', 'gym'],
      ['also went to Stanford', 'Stanford'],
    ];
    for (const [line, text] of cases) expect(kinds(parse(`Jane Doe, ${line}`)), line).toEqual([{ kind: 'shared', text }]);
  });

  it('reads life outside work as personal', () => {
    for (const line of ['two kids', 'has a daughter', 'marathon runner', 'running Boston in April', 'new dog', 'getting married in June', 'moved to Lisbon']) {
      expect(kinds(parse(`Jane Doe, ${line}`)), line).toEqual([{ kind: 'personal', text: line }]);
    }
  });

  it('gives every commonality its normalised topic', () => {
    expect(parse('Jane Doe, loves the Operas').commonalities).toEqual([{ kind: 'interest', text: 'the Operas', topic: 'opera' }]);
  });
});

describe('parseQuickCapture: introductions', () => {
  it('reads who introduced us', () => {
    for (const line of ['met via Priya Patel', 'introduced by Priya Patel', 'intro from Priya Patel', 'through Priya Patel']) {
      expect(parse(`Jane Doe, ${line}`).introducedBy, line).toBe('Priya Patel');
    }
  });
});

describe('parseQuickCapture: promises', () => {
  it('reads promises I owe', () => {
    const cases: [string, string][] = [
      ['promised to send the deck', 'send the deck'],
      ['I promised an intro to Sam', 'an intro to Sam'],
      ['will send the deck', 'send the deck'],
      ['owe them a coffee', 'a coffee'],
      ['to send the pricing sheet', 'send the pricing sheet'],
    ];
    for (const [line, text] of cases) {
      expect(parse(`Jane Doe, ${line}`).promises, line).toEqual([{ direction: 'i_owe', text, dueOn: null }]);
    }
  });

  it('reads promises they owe me', () => {
    const cases: [string, string][] = [
      ['she promised me an intro to her VC', 'an intro to her VC'],
      ['he promised to send the report', 'send the report'],
      ['they promised me the slides', 'the slides'],
      ['promised me a demo', 'a demo'],
      ['owes me lunch', 'lunch'],
    ];
    for (const [line, text] of cases) {
      expect(parse(`Jane Doe, ${line}`).promises, line).toEqual([{ direction: 'they_owe', text, dueOn: null }]);
    }
  });

  it('sets the due date from the promise and takes it out of the text', () => {
    const cases: [string, string][] = [
      ['promised to send the deck by Friday', '2026-03-06'],
      ['promised to send the deck by tomorrow', '2026-03-05'],
      ['promised to send the deck by next week', '2026-03-11'],
      ['promised to send the deck by 2026-12-01', '2026-12-01'],
      ['promised to send the deck by 3 Dec', '2026-12-03'],
      ['promised to send the deck by Dec 3rd', '2026-12-03'],
      ['promised to send the deck in 2 weeks', '2026-03-18'],
      ['promised to send the deck in 3 days', '2026-03-07'],
      ['promised to send the deck by Wednesday', '2026-03-11'],
    ];
    for (const [line, dueOn] of cases) {
      expect(parse(`Jane Doe, ${line}`).promises, line).toEqual([{ direction: 'i_owe', text: 'send the deck', dueOn }]);
    }
  });

  it('puts a day of the year already past into next year', () => {
    expect(parse('Jane Doe, promised the deck by 3 Jan').promises[0]?.dueOn).toBe('2027-01-03');
  });

  it('leaves an impossible date in the promise text with no due date', () => {
    expect(parse('Jane Doe, promised the deck by 31 Feb').promises).toEqual([{ direction: 'i_owe', text: 'the deck by 31 Feb', dueOn: null }]);
  });

  it('keeps an e-mail address inside a promise as part of the promise', () => {
    expect(parse('Jane Doe, will send the deck to ops@acme.com')).toMatchObject({
      emails: [],
      promises: [{ direction: 'i_owe', text: 'send the deck to ops@acme.com', dueOn: null }],
    });
  });
});

describe('parseQuickCapture: links and handles', () => {
  it('collects URLs, adding https:// when missing, labelled by site', () => {
    const result = parse('Jane Doe, https://janedoe.dev, www.acme.com/team, linkedin.com/in/janedoe.');
    expect(result.links).toEqual([
      { value: 'https://janedoe.dev', label: 'website' },
      { value: 'https://www.acme.com/team', label: 'website' },
      { value: 'https://linkedin.com/in/janedoe', label: 'linkedin' },
    ]);
    expect(result.note).toBeNull();
  });

  it('turns an @handle into an X link', () => {
    expect(parse('Jane Doe @janedoe').links).toEqual([{ value: 'https://x.com/janedoe', label: 'x' }]);
    expect(parse('Jane Doe @janedoe').fullName).toBe('Jane Doe');
  });

  it('does not read a file name like "node.js" as a link', () => {
    expect(parse('Jane Doe, node.js').links).toEqual([]);
  });
});

describe('parseQuickCapture: e-mails and phones', () => {
  it('lower-cases e-mail addresses and keeps each only once', () => {
    expect(parse('Jane Doe, Jane.Doe@Acme.COM, email: jane.doe@acme.com').emails).toEqual([{ value: 'jane.doe@acme.com', label: null }]);
  });

  it('reads national numbers in the default region and labels mobiles', () => {
    expect(parse('Jane Doe, 07911 123456').phones).toEqual([{ value: '+447911123456', label: 'mobile' }]);
    expect(parse('Jane Doe, (212) 555-0100', { defaultRegion: 'US' }).phones).toEqual([{ value: '+12125550100', label: null }]);
  });

  it('labels a number as work when the line says office, work or tel', () => {
    for (const line of ['office +1 212 555 0100', 'work: +1 212 555 0100', 'tel. +1 212 555 0100', '+1 212 555 0100 (office)']) {
      const result = parse(`Jane Doe, ${line}`);
      expect(result.phones, line).toEqual([{ value: '+12125550100', label: 'work' }]);
      expect(result.note, line).toBeNull();
    }
  });

  it('keeps digits that are not a valid phone number in the note', () => {
    expect(parse('Jane Doe, 12345')).toMatchObject({ phones: [], note: '12345' });
  });

  it('keeps a phone extension in the note, since E.164 has no room for it', () => {
    expect(parse('Jane Doe, +1 415 555 2671 x 12')).toMatchObject({ phones: [{ value: '+14155552671' }], note: '+14155552671 ext. 12' });
  });
});

describe('parseQuickCapture: the note', () => {
  it('keeps every piece that fits nowhere, in order, joined with "; "', () => {
    const result = parse('Jane Doe, met at the mixer, tall, Priya Patel');
    expect(result.note).toBe('met at the mixer; tall; Priya Patel');
    expect(result.parts.filter((p) => p.role === 'note').map((p) => p.text)).toEqual(['met at the mixer', 'tall', 'Priya Patel']);
  });
});

const generator = mulberry32;

const wordsOf = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? [];

describe('parseQuickCapture: any input', () => {
  const pick = <T,>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const tokens = ['Jane', 'Doe', 'at', '@', 'loves', 'via', 'promised', 'by', 'Friday', 'x@y.io', '+44', '20', '7946', '0958',
    '(', ')', ',', ';', '—', '|', '\n', ' - ', 'Zoë', '李', 'é', '\u0301', '1,000', 'www.', '.com', '/', ':', '#', '\u0000', '😀'];

  it('never throws and keeps every word of the input in the parts it shows', () => {
    const random = generator(20260304);
    for (let i = 0; i < 2000; i += 1) {
      const line = Array.from({ length: Math.floor(random() * 12) }, () =>
        random() < 0.6 ? pick(random, tokens) : String.fromCharCode(32 + Math.floor(random() * 400)),
      ).join(random() < 0.5 ? ' ' : '');
      const result = parse(line);
      const shown = result.parts.map((p) => p.text).join('\u0000');
      for (const word of wordsOf(line)) expect(shown, JSON.stringify(line)).toContain(word);
      for (const part of result.parts.filter((p) => p.role === 'note')) expect(result.note, JSON.stringify(line)).toContain(part.text);
    }
  });

  it('puts every word of a line of unknown words in some field or the note', () => {
    const random = generator(42);
    const letters = 'bcdfghjklmnpqrstvwxzäöüßéñçøł李王张ДЖЯ';
    for (let i = 0; i < 500; i += 1) {
      const words = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
        Array.from({ length: 5 + Math.floor(random() * 6) }, () => pick(random, [...letters])).join(''),
      );
      const line = words.map((w, n) => (n === 0 ? w : `${pick(random, [' ', ', ', '; ', ' — ', ' | ', '\n'])}${w}`)).join('');
      const { parts, ...fields } = parse(line);
      const phoneTexts = parts.filter((p) => p.role === 'phone').map((p) => p.text);
      const haystack = JSON.stringify(fields) + phoneTexts.join(' ');
      for (const word of words) expect(haystack, JSON.stringify(line)).toContain(word);
    }
  });
});

describe('a line starts with the name', () => {
  it('a surname that is also a job word is still a name at the start of the line', () => {
    const result = parseQuickCapture('Alice Owner, alice@owner.example, loves falconry', { defaultRegion: 'GB', today: '2026-03-10' });
    expect(result.fullName).toBe('Alice Owner');
    expect(result.title).toBeNull();
  });

  it('a line that starts with a job title alone keeps it as the title', () => {
    const result = parseQuickCapture('CTO, Jane Doe', { defaultRegion: 'GB', today: '2026-03-10' });
    expect(result.title).toBe('CTO');
    expect(result.fullName).toBe('Jane Doe');
  });
});

describe('titles and companies written the way people say them', () => {
  const read = (line: string) => parseQuickCapture(line, { defaultRegion: 'GB', today: '2026-03-10' });

  it('"founder of Ruiz Labs" is a title and a company', () => {
    expect(read('Carla Ruiz, founder of Ruiz Labs')).toMatchObject({ fullName: 'Carla Ruiz', title: 'founder', company: 'Ruiz Labs' });
    expect(read('Sam Lee, CEO of Northwind Traders')).toMatchObject({ title: 'CEO', company: 'Northwind Traders' });
  });

  it('"Head of Sales" stays a title when no company follows', () => {
    expect(read('Dana Park, Head of sales')).toMatchObject({ fullName: 'Dana Park', company: null });
  });

  it('"Jane Doe from Acme" at the start of a line is a name and a company', () => {
    expect(read('Jane Doe from Acme, loves opera')).toMatchObject({ fullName: 'Jane Doe', company: 'Acme' });
  });
});
