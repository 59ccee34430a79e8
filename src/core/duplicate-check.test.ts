import { describe, expect, it } from 'vitest';
import { companyKey, findPossibleDuplicates, nameSimilarity } from './duplicate-check.js';
import type { DuplicateCandidate, DuplicateProbe } from './duplicate-check.js';

function probe(fields: Partial<DuplicateProbe>): DuplicateProbe {
  return { fullName: null, company: null, emails: [], phones: [], ...fields };
}

function person(id: string, fullName: string, fields: Partial<DuplicateCandidate> = {}): DuplicateCandidate {
  return { id, fullName, company: null, emails: [], phones: [], ...fields };
}

describe('findPossibleDuplicates: certain matches', () => {
  it('warns with certainty when the new person has the e-mail of someone already known, whatever its case', () => {
    const [match, ...rest] = findPossibleDuplicates(probe({ fullName: 'J. Doe', emails: [' Jane@ACME.com '] }), [
      person('p1', 'Jane Doe', { company: 'Acme Corp', emails: ['jane@acme.com'] }),
    ]);
    expect(rest).toEqual([]);
    expect(match?.personId).toBe('p1');
    expect(match?.reasons[0]).toBe('same_email');
    expect(match?.confidence).toBe(1);
    expect(match?.message).toBe('You may already know Jane Doe (Acme Corp): same e-mail jane@acme.com.');
    expect(match?.evidence).toContain('e-mail jane@acme.com');
  });

  it('treats Gmail addresses that differ only by dots, a +suffix or googlemail.com as the same e-mail', () => {
    const found = findPossibleDuplicates(probe({ fullName: 'Sam Patel', emails: ['sam.patel+events@googlemail.com'] }), [
      person('p1', 'Samir Patel', { emails: ['SamPatel@gmail.com'] }),
    ]);
    expect(found.map((d) => [d.personId, d.reasons, d.confidence])).toEqual([['p1', ['same_email'], 1]]);
    expect(found[0]?.message).toBe('You may already know Samir Patel: same e-mail SamPatel@gmail.com.');
  });

  it('keeps dots significant outside Gmail, where they make a different address', () => {
    const found = findPossibleDuplicates(probe({ emails: ['jane.doe@acme.com'] }), [person('p1', 'Jane Doe', { emails: ['janedoe@acme.com'] })]);
    expect(found).toEqual([]);
  });

  it('warns with certainty when the new person has the phone number of someone already known', () => {
    const found = findPossibleDuplicates(probe({ fullName: 'Li Wei', phones: ['+447700900123'] }), [
      person('p1', 'Wei Li', { company: 'Globex', phones: ['+14155550100', '+447700900123'] }),
      person('p2', 'Li Wei', { company: 'Initech', phones: ['+447700900999'] }),
    ]);
    expect(found.map((d) => d.personId)).toEqual(['p1']);
    expect(found[0]?.reasons).toEqual(['same_phone']);
    expect(found[0]?.confidence).toBe(1);
    expect(found[0]?.message).toBe('You may already know Wei Li (Globex): same phone +447700900123.');
  });

  it('lists every way a person matches and reports the strongest in the message', () => {
    const [match] = findPossibleDuplicates(
      probe({ fullName: 'Jane Do', company: 'ACME, Inc.', emails: ['jane@acme.com'], phones: ['+14155550123'] }),
      [person('p1', 'Jane Doe', { company: 'Acme Corp', emails: ['jane@acme.com'], phones: ['+14155550123'] })],
    );
    expect(match?.reasons).toEqual(['same_email', 'same_phone', 'similar_name_same_company']);
    expect(match?.confidence).toBe(1);
    expect(match?.message).toBe('You may already know Jane Doe (Acme Corp): same e-mail jane@acme.com.');
    expect(match?.evidence).toEqual(['e-mail jane@acme.com', 'phone +14155550123', 'name "Jane Doe" ≈ "Jane Do"', 'company Acme Corp']);
  });
});

describe('findPossibleDuplicates: probable matches by name and company', () => {
  it('warns about a one-letter typo in the name at the same company', () => {
    const [match] = findPossibleDuplicates(probe({ fullName: 'Jon Smith', company: 'Initech LLC' }), [
      person('p1', 'John Smith', { company: 'Initech' }),
    ]);
    expect(match?.reasons).toEqual(['similar_name_same_company']);
    expect(match?.confidence).toBeGreaterThanOrEqual(0.7);
    expect(match?.confidence).toBeLessThan(0.95);
    expect(match?.message).toBe('You may already know John Smith (Initech): similar name, same company.');
    expect(match?.evidence).toEqual(['name "John Smith" ≈ "Jon Smith"', 'company Initech']);
  });

  it('recognises a name written with initials, in another word order or with an honorific', () => {
    const existing = [person('p1', 'Jane Doe', { company: 'Acme Corp' })];
    for (const typed of ['J. Doe', 'Doe, Jane', 'Dr. Jane Doe', 'DOE Jane']) {
      const found = findPossibleDuplicates(probe({ fullName: typed, company: 'Acme' }), existing);
      expect(found.map((d) => d.reasons), typed).toEqual([['similar_name_same_company']]);
    }
  });

  it('recognises the same name with and without accents', () => {
    const [match] = findPossibleDuplicates(probe({ fullName: 'Jose Garcia', company: 'Telefonica' }), [
      person('p1', 'José García', { company: 'Telefónica S.A.' }),
    ]);
    expect(match?.reasons).toEqual(['similar_name_same_company']);
    expect(match?.confidence).toBe(0.95);
    expect(match?.message).toBe('You may already know José García (Telefónica S.A.): same name, same company.');
  });

  it('counts a shared work e-mail domain as the same company', () => {
    const [match] = findPossibleDuplicates(probe({ fullName: 'Catherine Zhou', emails: ['c.zhou@northwind.io'] }), [
      person('p1', 'Katherine Zhou', { company: 'Northwind Traders', emails: ['katherine@northwind.io'] }),
    ]);
    expect(match?.reasons).toEqual(['similar_name_same_company']);
    expect(match?.message).toBe('You may already know Katherine Zhou (Northwind Traders): similar name, same e-mail domain northwind.io.');
    expect(match?.evidence).toEqual(['name "Katherine Zhou" ≈ "Catherine Zhou"', 'e-mail domain northwind.io']);
  });

  it('does not count a shared free-mail domain such as gmail.com as the same company', () => {
    const found = findPossibleDuplicates(probe({ fullName: 'Jon Smith', emails: ['jon.smith@gmail.com'] }), [
      person('p1', 'John Smith', { emails: ['john.smith@gmail.com'] }),
    ]);
    expect(found).toEqual([]);
  });

  it('does not warn about the same name at a different company', () => {
    const found = findPossibleDuplicates(probe({ fullName: 'Jane Doe', company: 'Acme' }), [person('p1', 'Jane Doe', { company: 'Globex' })]);
    expect(found).toEqual([]);
  });

  it('does not warn about a colleague who only shares the surname', () => {
    const found = findPossibleDuplicates(probe({ fullName: 'John Doe', company: 'Acme' }), [
      person('p1', 'Jane Doe', { company: 'Acme' }),
      person('p2', 'Doe Jane', { company: 'Acme' }),
      person('p3', 'Mary Smith', { company: 'Acme' }),
    ]);
    expect(found).toEqual([]);
  });

  it('warns with low confidence about the exact same name when neither side has a company', () => {
    const found = findPossibleDuplicates(probe({ fullName: 'Anna Müller', emails: ['anna.m@gmail.com'] }), [
      person('p1', 'Anna Mueller'),
      person('p2', 'Anna Muller', { emails: ['anna1984@outlook.com'] }),
    ]);
    expect(found.map((d) => d.personId)).toEqual(['p2']);
    const [match] = found;
    expect(match?.reasons).toEqual(['same_name']);
    expect(match?.confidence).toBe(0.6);
    expect(match?.message).toBe('You may already know Anna Muller: same name.');
    expect(match?.evidence).toEqual(['name "Anna Muller" ≈ "Anna Müller"']);
  });

  it('does not warn about the same name alone when one side names a company', () => {
    const found = findPossibleDuplicates(probe({ fullName: 'Tom Brown', company: 'Acme' }), [person('p1', 'Tom Brown')]);
    expect(found).toEqual([]);
  });
});

describe('findPossibleDuplicates: the list', () => {
  it('puts certain matches before probable ones and closer names before looser ones', () => {
    const found = findPossibleDuplicates(probe({ fullName: 'Jon Smith', company: 'Initech', emails: ['jsmith@gmail.com'] }), [
      person('initials', 'J. Smith', { company: 'Initech Inc.' }),
      person('exact', 'Smith, Jon', { company: 'Initech' }),
      person('typo', 'John Smith', { company: 'Initech' }),
      person('email', 'Johnny Smithers', { emails: ['j.smith@gmail.com'] }),
    ]);
    expect(found.map((d) => d.personId)).toEqual(['email', 'exact', 'typo', 'initials']);
    const confidences = found.map((d) => d.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('shows at most five possible duplicates', () => {
    const candidates = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eve', 'Finn', 'Gus'].map((first, i) =>
      person(`p${i}`, `${first} Lopez`, { phones: ['+34600111222'] }),
    );
    const found = findPossibleDuplicates(probe({ phones: ['+34600111222'] }), candidates);
    expect(found.map((d) => d.fullName)).toEqual(['Ana Lopez', 'Ben Lopez', 'Cleo Lopez', 'Dev Lopez', 'Eve Lopez']);
  });

  it('shows a person only once when the repository returns them twice', () => {
    const jane = person('p1', 'Jane Doe', { emails: ['jane@acme.com'] });
    expect(findPossibleDuplicates(probe({ emails: ['jane@acme.com'] }), [jane, jane])).toHaveLength(1);
  });

  it('copes with empty names, missing fields and names made only of punctuation', () => {
    const odd = probe({ fullName: '', company: '', emails: ['', '   '], phones: [''] });
    const candidates = [person('p1', '', { company: null, emails: [''], phones: [''] }), person('p2', '.-!', { company: '&' })];
    expect(findPossibleDuplicates(odd, candidates)).toEqual([]);
    expect(findPossibleDuplicates(probe({ fullName: '?!' }), candidates)).toEqual([]);
    expect(findPossibleDuplicates(probe({}), [])).toEqual([]);
  });
});

describe('nameSimilarity', () => {
  it('rates equal names 1 whatever the case, accents, punctuation, honorifics and word order', () => {
    expect(nameSimilarity('José García', 'jose garcia')).toBe(1);
    expect(nameSimilarity('Doe, Jane', 'Ms. Jane Doe')).toBe(1);
    expect(nameSimilarity("Sean O'Brien", 'Sean OBrien')).toBe(1);
  });

  it('rates typos and initials as close, and different first names as not close', () => {
    expect(nameSimilarity('Katherine Jones', 'Catherine Jones')).toBeGreaterThan(0.9);
    expect(nameSimilarity('J. Doe', 'Jane Doe')).toBeGreaterThan(0.88);
    expect(nameSimilarity('Jane M. Doe', 'Jane Doe')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Jane Doe', 'John Doe')).toBeLessThan(0.88);
    expect(nameSimilarity('J. D.', 'Jane Doe')).toBeLessThan(0.88);
    expect(nameSimilarity('Jane Doe', 'Pierre Martin')).toBeLessThan(0.5);
  });

  it('gives the same score whichever name comes first', () => {
    expect(nameSimilarity('Jon Smith', 'John Smith')).toBe(nameSimilarity('John Smith', 'Jon Smith'));
    expect(nameSimilarity('J. Doe', 'Jane Doe')).toBe(nameSimilarity('Jane Doe', 'J. Doe'));
  });

  it('rates empty or punctuation-only names 0', () => {
    expect(nameSimilarity('', 'Jane Doe')).toBe(0);
    expect(nameSimilarity('...', '!!')).toBe(0);
    expect(nameSimilarity('Dr.', 'Dr.')).toBe(0);
  });
});

describe('companyKey', () => {
  it('makes the usual spellings of one company equal', () => {
    expect(companyKey('The Acme Corporation')).toBe('acme');
    expect(companyKey('ACME, Inc.')).toBe('acme');
    expect(companyKey('Acme Corp.')).toBe('acme');
    expect(companyKey('Siemens AG')).toBe('siemens');
    expect(companyKey('Müller GmbH')).toBe('muller');
    expect(companyKey('Telefónica S.A.')).toBe('telefonica');
    expect(companyKey('Dupont SARL')).toBe('dupont');
    expect(companyKey('Tesco plc')).toBe('tesco');
    expect(companyKey('Smith & Co.')).toBe('smith');
    expect(companyKey('Widgets Holdings Ltd')).toBe('widgets holdings');
  });

  it('keeps what distinguishes one company from another', () => {
    expect(companyKey('Procter & Gamble')).toBe('procter and gamble');
    expect(companyKey('Coca-Cola Company')).toBe('coca cola company');
    expect(companyKey('Co')).toBe('co');
    expect(companyKey('')).toBe('');
    expect(companyKey(' ... ')).toBe('');
  });
});
