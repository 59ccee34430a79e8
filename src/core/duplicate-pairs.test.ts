import { describe, expect, it } from 'vitest';
import { comparePairs, describeNames, editDistance, nameKeys, pairsWithinBlock, scorePair, workDomainOf, type PairPerson } from './duplicate-pairs.js';

let next = 0;
function person(fullName: string, more: Partial<PairPerson> = {}): PairPerson {
  next++;
  return { id: more.id ?? `p${String(next).padStart(3, '0')}`, fullName, company: null, emails: [], phones: [], ...more };
}

describe('certain pairs', () => {
  it('the same e-mail makes a certain pair, whatever the names', () => {
    const pair = scorePair(person('Jane Doe', { emails: ['jane@acme.com'] }), person('J. Smith', { emails: ['jane@acme.com'] }));
    expect(pair).toMatchObject({ confidence: 1, certain: true, evidence: ['same e-mail jane@acme.com'] });
  });

  it('the same phone makes a certain pair', () => {
    const pair = scorePair(person('Jane Doe', { phones: ['+442079460111'] }), person('Janie', { phones: ['+442079460111'] }));
    expect(pair?.certain).toBe(true);
    expect(pair?.evidence).toEqual(['same phone +442079460111']);
  });

  it('an e-mail in another case is the same e-mail', () => {
    expect(scorePair(person('A', { emails: ['Jane@Acme.com'] }), person('B', { emails: ['jane@acme.com'] }))?.certain).toBe(true);
  });

  it('is symmetric and orders the ids', () => {
    const x = person('Jon Smith', { id: 'b', company: 'Acme' });
    const y = person('John Smith', { id: 'a', company: 'Acme' });
    expect(scorePair(x, y)).toEqual(scorePair(y, x));
    expect(scorePair(x, y)).toMatchObject({ a: 'a', b: 'b' });
  });

  it('a person is never a pair with themselves', () => {
    const x = person('Jane', { emails: ['j@x.com'] });
    expect(scorePair(x, x)).toBeNull();
  });
});

describe('likely pairs: close names at the same company or domain', () => {
  it('one letter apart at the same company, with the evidence in words', () => {
    const pair = scorePair(person('Jon Smith', { company: 'Acme' }), person('John Smith', { company: 'ACME Inc.' }));
    expect(pair?.certain).toBe(false);
    expect(pair?.confidence).toBeGreaterThan(0.7);
    expect(pair?.confidence).toBeLessThan(1);
    expect(pair?.evidence[0]).toMatch(/differ by one letter; both at Acme/);
  });

  it('accents and case', () => {
    const pair = scorePair(person('José Díaz', { company: 'Acme' }), person('jose diaz', { company: 'Acme' }));
    expect(pair?.evidence[0]).toMatch(/differ only in accents, case or punctuation/);
    expect(pair?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('transposed first and last names', () => {
    const pair = scorePair(person('Smith John', { company: 'Acme' }), person('John Smith', { company: 'Acme' }));
    expect(pair?.evidence[0]).toMatch(/same words in another order/);
  });

  it('an initial', () => {
    const pair = scorePair(person('J. Smith', { company: 'Acme' }), person('John Smith', { company: 'Acme' }));
    expect(pair?.evidence[0]).toMatch(/initial/);
  });

  it('a nickname from the table: Bob and Robert', () => {
    const pair = scorePair(person('Bob Jones', { company: 'Acme' }), person('Robert Jones', { company: 'Acme' }));
    expect(pair).not.toBeNull();
    expect(pair?.evidence[0]).toMatch(/'bob' is short for 'robert'/);
    expect(pair?.confidence).toBeLessThan(1);
  });

  it('the same work e-mail domain stands for the same company', () => {
    const pair = scorePair(person('Jon Smith', { emails: ['jon@acme.com'] }), person('John Smith', { emails: ['john.smith@acme.com'] }));
    expect(pair?.evidence[0]).toMatch(/both with e-mail at acme.com/);
  });

  it('a shared and certain pair shows both kinds of evidence, certain first', () => {
    const pair = scorePair(person('Jon Smith', { company: 'Acme', phones: ['+15551234567'] }), person('John Smith', { company: 'Acme', phones: ['+15551234567'] }));
    expect(pair?.confidence).toBe(1);
    expect(pair?.evidence).toHaveLength(2);
    expect(pair?.evidence[0]).toBe('same phone +15551234567');
  });
});

describe('near misses that must not pair', () => {
  it('the same common name at different companies', () => {
    expect(scorePair(person('John Smith', { company: 'Acme' }), person('John Smith', { company: 'Globex' }))).toBeNull();
  });

  it('the same common name with no company at all', () => {
    expect(scorePair(person('John Smith'), person('John Smith'))).toBeNull();
  });

  it('the same name at gmail.com: a free-mail domain is no employer', () => {
    expect(scorePair(person('John Smith', { emails: ['js1@gmail.com'] }), person('John Smith', { emails: ['js2@gmail.com'] }))).toBeNull();
  });

  it('different first names at one company', () => {
    expect(scorePair(person('John Smith', { company: 'Acme' }), person('Jane Smith', { company: 'Acme' }))).toBeNull();
    expect(scorePair(person('Mary Jones', { company: 'Acme' }), person('Peter Jones', { company: 'Acme' }))).toBeNull();
  });

  it('different surnames at one company', () => {
    expect(scorePair(person('John Smith', { company: 'Acme' }), person('John Brown', { company: 'Acme' }))).toBeNull();
  });

  it('two initials that start alike are not a nickname', () => {
    expect(scorePair(person('Bob Jones', { company: 'Acme' }), person('William Jones', { company: 'Acme' }))).toBeNull();
  });
});

describe('blocking keys', () => {
  it('name keys are one word whole and the initial of another, after nicknames', () => {
    expect(nameKeys('Bob Smith').sort()).toEqual(['robert|s', 'smith|r']);
    expect(nameKeys('J. Smith')).toEqual(['smith|j']);
    expect(nameKeys('Smith John').sort()).toEqual(nameKeys('John Smith').sort());
    expect(nameKeys('Cher')).toEqual(['cher']);
  });

  it('a block pairs only people who share a name key', () => {
    const pairs = pairsWithinBlock([
      { id: '1', fullName: 'John Smith' },
      { id: '2', fullName: 'Jon Smith' },
      { id: '3', fullName: 'Mary Brown' },
      { id: '4', fullName: 'Smith John' },
    ]);
    expect(pairs.map((p) => p.join('-')).sort()).toEqual(['1-2', '1-4', '2-4']);
  });

  it('a block of a thousand different names makes far fewer pairs than all pairs', () => {
    const word = (n: number) => String.fromCharCode(97 + (n % 26), 97 + (Math.floor(n / 26) % 26), 97 + (Math.floor(n / 676) % 26)) + 'son';
    const members = Array.from({ length: 1000 }, (_, i) => ({ id: String(i), fullName: `${word(i)} ${word(i * 7 + 3)}` }));
    expect(pairsWithinBlock(members).length).toBeLessThan(1000 * 999 / 20);
  });

  it('work domains leave out free-mail providers', () => {
    expect(workDomainOf('a@Acme.com')).toBe('acme.com');
    expect(workDomainOf('a@gmail.com')).toBeNull();
    expect(workDomainOf('no-at-sign')).toBeNull();
  });
});

describe('words and order', () => {
  it('edit distance counts letters', () => {
    expect(editDistance('jon', 'john')).toBe(1);
    expect(editDistance('smith', 'smyth')).toBe(1);
    expect(editDistance('', 'ab')).toBe(2);
  });

  it('describes names', () => {
    expect(describeNames('Jane Doe', 'Jane Doe')).toBe("same name 'Jane Doe'");
    expect(describeNames('Jane Doe', 'Jane Dooe')).toBe("names 'Jane Doe' and 'Jane Dooe' differ by one letter");
  });

  it('sorts best first', () => {
    const low = { a: '1', b: '2', confidence: 0.8, certain: false, evidence: ['x'] };
    const high = { a: '3', b: '4', confidence: 1, certain: true, evidence: ['y'] };
    expect([low, high].sort(comparePairs)).toEqual([high, low]);
  });
});
