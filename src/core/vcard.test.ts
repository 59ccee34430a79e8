import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonRecord } from './records.js';
import { decodeVCardBytes, decodeWindows1252 } from './vcard-encoding.js';
import { contactFromPerson, emptyContact, foldLine, formatVCard, parseVCards, personInputFromContact, type VCardContact } from './vcard.js';

const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n';

function only(text: string): VCardContact {
  const { contacts, errors } = parseVCards(text);
  expect(errors).toEqual([]);
  expect(contacts).toHaveLength(1);
  return contacts[0]!.contact;
}

describe('reading vCards from real exports', () => {
  it('an iPhone export gives labelled values from item groups, a birthday without a year and the photo', () => {
    const c = only(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'PRODID:-//Apple Inc.//iPhone OS 17.4//EN',
        'N:Álvarez;Inés;;Dr.;',
        'FN:Dr. Inés Álvarez',
        'ORG:Ferreira & Filhos\\, Lda;Vendas',
        'TITLE:Head of Sales',
        'item1.EMAIL;type=INTERNET;type=pref:ines@ferreira.pt',
        'item1.X-ABLabel:_$!<Other>!$_',
        'EMAIL;type=INTERNET;type=WORK:ines.alvarez@example.com',
        'TEL;type=CELL;type=VOICE;type=pref:+351 912 345 678',
        'item2.TEL:+351 21 000 0000',
        'item2.X-ABLabel:Casa de praia',
        'item3.URL;type=pref:https://ferreira.pt',
        'item3.X-ABLabel:_$!<HomePage>!$_',
        'item4.X-ABDATE:2015-06-01',
        'item4.X-ABLabel:_$!<Anniversary>!$_',
        'ADR;type=WORK;type=pref:;;Rua Augusta 10\\n2º;Lisboa;;1100-048;Portugal',
        'NOTE:Likes fado\\; hates football\\, mostly.\\nSecond line',
        'BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15',
        'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD',
        ' /2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U',
        'X-SOCIALPROFILE;type=linkedin:http://www.linkedin.com/in/ines',
        'END:VCARD',
      ]),
    );
    expect(c.fullName).toBe('Dr. Inés Álvarez');
    expect([c.familyName, c.givenName, c.prefix]).toEqual(['Álvarez', 'Inés', 'Dr.']);
    expect(c.company).toBe('Ferreira & Filhos, Lda');
    expect(c.department).toBe('Vendas');
    expect(c.emails).toEqual([
      { value: 'ines@ferreira.pt', types: ['internet', 'pref'], label: 'Other' },
      { value: 'ines.alvarez@example.com', types: ['internet', 'work'], label: null },
    ]);
    expect(c.phones[1]).toEqual({ value: '+351 21 000 0000', types: [], label: 'Casa de praia' });
    expect(c.urls).toEqual([{ value: 'https://ferreira.pt', types: ['pref'], label: 'HomePage' }]);
    expect(c.addresses[0]!.value).toBe('Rua Augusta 10\n2º, Lisboa, 1100-048, Portugal');
    expect(c.notes).toBe('Likes fado; hates football, mostly.\nSecond line');
    expect(c.birthday).toBe('--03-15');
    expect(c.photo).toEqual({ mime: 'image/jpeg', base64: '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U' });
    expect(c.extra).toEqual([
      'PRODID:-//Apple Inc.//iPhone OS 17.4//EN',
      'item4.X-ABDATE:2015-06-01',
      'item4.X-ABLabel:_$!<Anniversary>!$_',
      'X-SOCIALPROFILE;type=linkedin:http://www.linkedin.com/in/ines',
    ]);
  });

  it('a Google export: escaped colons in URLs, categories, a 4.0-style data: photo is not needed', () => {
    const c = only(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Priya Raman',
        'N:Raman;Priya;;;',
        'EMAIL;TYPE=INTERNET;TYPE=HOME:priya@gmail.com',
        'TEL;TYPE=CELL:(415) 555-0199',
        'item1.URL:https\\://priya.dev/blog',
        'item1.X-ABLabel:Blog',
        'CATEGORIES:myContacts,Climbing,Jazz\\, mostly modal',
        'BDAY:1988-11-02',
        'END:VCARD',
      ]),
    );
    expect(c.urls).toEqual([{ value: 'https://priya.dev/blog', types: [], label: 'Blog' }]);
    expect(c.categories).toEqual(['myContacts', 'Climbing', 'Jazz, mostly modal']);
    expect(c.birthday).toBe('1988-11-02');
    expect(c.emails[0]!.types).toEqual(['internet', 'home']);
  });

  it('an Outlook 2.1 export: quoted-printable with soft breaks and CHARSET, bare types, a BASE64 photo', () => {
    const c = only(
      crlf([
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N;LANGUAGE=en-us;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Beaum=C3=A9;Ren=C3=A9e',
        'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e Beaum=C3=A9',
        'ORG:Contoso Ltd.',
        'TEL;WORK;VOICE:(425) 555-0100',
        'TEL;CELL;VOICE:(425) 555-0101',
        'EMAIL;PREF;INTERNET:renee@contoso.com',
        'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 meeting =E2=80=93 re: the=',
        ' caf=C3=',
        '=A9 launch=0D=0Anext line',
        'ADR;WORK;PREF:;;One Microsoft Way;Redmond;WA;98052;United States of America',
        'PHOTO;TYPE=JPEG;ENCODING=BASE64:',
        ' /9j/4AAQSkZJRgABAQ',
        ' AAAQABAAD',
        '',
        'X-MS-OL-DEFAULT-POSTAL-ADDRESS:2',
        'REV:20240312T101500Z',
        'END:VCARD',
      ]),
    );
    expect(c.fullName).toBe('Renée Beaumé');
    expect([c.familyName, c.givenName]).toEqual(['Beaumé', 'Renée']);
    expect(c.notes).toBe('Café meeting – re: the café launch\nnext line');
    expect(c.phones).toEqual([
      { value: '(425) 555-0100', types: ['work', 'voice'], label: null },
      { value: '(425) 555-0101', types: ['cell', 'voice'], label: null },
    ]);
    expect(c.emails[0]!.types).toEqual(['pref', 'internet']);
    expect(c.addresses[0]!.value).toBe('One Microsoft Way, Redmond, WA, 98052, United States of America');
    expect(c.photo).toEqual({ mime: 'image/jpeg', base64: '/9j/4AAQSkZJRgABAQAAAQABAAD=' });
    expect(c.extra).toEqual(['X-MS-OL-DEFAULT-POSTAL-ADDRESS:2']);
    expect(c.revision).toBe('20240312T101500Z');
  });

  it('Outlook 2.1 in Windows-1252 reads the euro sign and curly quotes', () => {
    const c = only(
      crlf([
        'BEGIN:VCARD',
        'VERSION:2.1',
        'FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Jos=E9 M=FCller',
        'NOTE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:=93Budget=94 =80 500 =96 maybe',
        'END:VCARD',
      ]),
    );
    expect(c.fullName).toBe('José Müller');
    expect(c.notes).toBe('“Budget” € 500 – maybe');
  });

  it('a 4.0 card with a data: photo, PREF and a tel: URI', () => {
    const c = only(
      crlf([
        'BEGIN:VCARD',
        'VERSION:4.0',
        'UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1',
        'FN:Kai Tanaka',
        'TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+81-90-1234-5678',
        'PHOTO:data:image/png;base64,iVBORw0KGgo=',
        'BDAY:--0704',
        'END:VCARD',
      ]),
    );
    expect(c.uid).toBe('urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1');
    expect(c.phones).toEqual([{ value: '+81-90-1234-5678', types: ['voice', 'cell', 'pref'], label: null }]);
    expect(c.photo).toEqual({ mime: 'image/png', base64: 'iVBORw0KGgo=' });
    expect(c.birthday).toBe('--07-04');
  });

  it('folded lines, also inside a multi-byte character when the file is read as bytes', () => {
    const name = 'Zoë Ålborg-Øster 😀 Ñandú';
    const line = foldLine(`NOTE:${name.repeat(6)}`);
    expect(line.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    // A fold that splits a character, as Apple writes: bytes e2 82 | ac.
    const euro = new TextEncoder().encode('€');
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Price '),
      euro[0]!,
      euro[1]!,
      0x0d,
      0x0a,
      0x20,
      euro[2]!,
      ...new TextEncoder().encode('5\r\nEND:VCARD\r\n'),
    ]);
    expect(only(decodeVCardBytes(bytes)).fullName).toBe('Price €5');
  });

  it('a broken card in the middle is reported with its line and the others are read', () => {
    const { contacts, errors } = parseVCards(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:First',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Broken',
        'this line has no colon',
        'END:VCARD',
        'BEGIN:VCARD',
        'FN:Bad photo',
        'PHOTO;ENCODING=b;TYPE=JPEG:not base64 at all!!',
        'END:VCARD',
        'BEGIN:VCARD',
        'FN:Cut off',
        'BEGIN:VCARD',
        'FN:Last',
        'END:VCARD',
        'BEGIN:VCARD',
        'FN:Truncated at the end',
      ]),
    );
    expect(contacts.map((c) => [c.line, c.contact.fullName])).toEqual([
      [1, 'First'],
      [16, 'Last'],
    ]);
    expect(errors.map((e) => e.line)).toEqual([5, 10, 14, 19]);
    expect(errors[0]!.message).toMatch(/line 8 is not a vCard property/);
    expect(errors[1]!.message).toMatch(/not valid base64/);
    expect(errors[2]!.message).toMatch(/no END:VCARD/);
    expect(errors[3]!.message).toMatch(/cut off/);
  });

  it('HTML is not a vCard, and an unknown charset is named', () => {
    expect(parseVCards('<!DOCTYPE html>\n<html><body>Login</body></html>').errors).toEqual([{ line: 1, message: 'this is not a vCard file: no BEGIN:VCARD found' }]);
    const { errors } = parseVCards(crlf(['BEGIN:VCARD', 'FN;CHARSET=KOI8-R;ENCODING=QUOTED-PRINTABLE:=C1', 'END:VCARD']));
    expect(errors[0]!.message).toMatch(/unknown character set "KOI8-R"/);
  });

  it('a card without FN takes its name from N, then the organisation', () => {
    expect(only('BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jane;;;\nEND:VCARD\n').fullName).toBe('Jane Doe');
    expect(only('BEGIN:VCARD\nVERSION:3.0\nORG:Acme\nEND:VCARD\n').fullName).toBe('Acme');
    expect(parseVCards('BEGIN:VCARD\nVERSION:3.0\nNOTE:nothing\nEND:VCARD\n').errors[0]!.message).toMatch(/no name/);
  });

  it('Windows-1252 maps 0x80–0x9F by the WHATWG table', () => {
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x93, 0x94, 0x96, 0x85, 0xe9]))).toBe('€“”–…é');
  });
});

describe('writing vCards', () => {
  const contact: VCardContact = {
    ...emptyContact(),
    uid: 'abc-1',
    fullName: 'Ana; Bea, "C"',
    familyName: 'C',
    givenName: 'Ana',
    company: 'Acme, Inc.',
    department: 'R&D',
    notes: 'line one\nline two; with \\ backslash',
    emails: [{ value: 'ana@example.com', types: ['work'], label: null }],
    phones: [{ value: '+1 555 0100', types: ['cell', 'pref'], label: 'Burner' }],
    urls: [{ value: 'https://example.com/a,b', types: [], label: null }],
    photo: { mime: 'image/png', base64: 'iVBORw0KGgo=' },
    extra: ['X-FOO;BAR=1:baz', 'item1.X-ABDATE:2020-01-01', 'item1.X-ABLabel:Wedding'],
  };

  it('3.0 escapes text, groups labels, writes ENCODING=b photos and gives extra lines back', () => {
    const text = formatVCard(contact, '3.0');
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    expect(text).toContain('FN:Ana\\; Bea\\, "C"\r\n');
    expect(text).toContain('ORG:Acme\\, Inc.;R&D\r\n');
    expect(text).toContain('NOTE:line one\\nline two\\; with \\\\ backslash\r\n');
    expect(text).toContain('item2.TEL;TYPE=cell,pref:+1 555 0100\r\nitem2.X-ABLabel:Burner\r\n');
    expect(text).toContain('PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo=\r\n');
    expect(text).toContain('URL:https://example.com/a,b\r\n');
    expect(text).toContain('X-FOO;BAR=1:baz\r\nitem1.X-ABDATE:2020-01-01\r\n');
    expect(only(text)).toEqual(contact);
  });

  it('4.0 writes PREF=1 and a data: photo', () => {
    const text = formatVCard(contact, '4.0');
    expect(text).toContain('item2.TEL;TYPE=cell;PREF=1:+1 555 0100\r\n');
    expect(text).toContain('PHOTO:data:image/png;base64,iVBORw0KGgo=\r\n');
    expect(only(text)).toEqual(contact);
  });

  it('every physical line is at most 75 octets', () => {
    const long = { ...contact, notes: 'é'.repeat(200) + '😀'.repeat(50), photo: { mime: 'image/jpeg', base64: 'A'.repeat(4000) } };
    const text = formatVCard(long, '3.0');
    for (const l of text.split('\r\n')) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(only(text)).toEqual(long);
  });

  const text = fc.string({ unit: fc.constantFrom('a', 'Z', 'é', 'Ø', 'ñ', '😀', ',', ';', '\\', '\n', ':', ' ', '"', '=', '中'), maxLength: 30 });
  const trimmed = text.map((s) => s.trim()).filter((s) => s !== '' && !s.includes('\n'));
  const value = fc.record({
    value: trimmed,
    types: fc.subarray(['work', 'home', 'cell', 'pref']),
    label: fc.option(trimmed, { nil: null }),
  });
  const arbitraryContact = fc.record({
    uid: fc.option(trimmed, { nil: null }),
    fullName: trimmed,
    familyName: text.filter((s) => !s.includes('\n')),
    givenName: text,
    additionalNames: text,
    prefix: text,
    suffix: text,
    company: fc.option(trimmed, { nil: null }),
    department: fc.option(trimmed.filter((s) => !s.includes(';')), { nil: null }),
    title: fc.option(trimmed, { nil: null }),
    notes: fc.option(text, { nil: null }),
    emails: fc.array(value, { maxLength: 3 }),
    phones: fc.array(value, { maxLength: 3 }),
    urls: fc.array(value.map((v) => ({ ...v, value: v.value.replace(/[\n\\]/g, ' ').trim() || 'x' })), { maxLength: 2 }),
    addresses: fc.array(value.filter((v) => !v.value.split(', ').some((p) => p.trim() !== p || p === '')), { maxLength: 2 }),
    birthday: fc.option(fc.constantFrom('1990-01-31', '--03-15', '2001-12-01'), { nil: null }),
    categories: fc.uniqueArray(trimmed, { maxLength: 3 }),
    photo: fc.option(fc.constantFrom({ mime: 'image/jpeg', base64: '/9j/4AAQ' }, { mime: 'image/png', base64: 'iVBORw0KGgo=' }), { nil: null }),
    extra: fc.constant<string[]>(['X-UNKNOWN;P=1:kept as is']),
    revision: fc.option(fc.constant<string>('20240101T000000Z'), { nil: null }),
  });

  for (const version of ['3.0', '4.0'] as const) {
    it(`format → parse gives the same contact back (vCard ${version}, random names with accents, commas, semicolons, newlines)`, () => {
      fc.assert(
        fc.property(arbitraryContact, (c) => {
          expect(only(formatVCard(c, version))).toEqual(c);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('mapping a person to a contact and back', () => {
  const person: PersonRecord & { uid: string; birthday: string; photo: { mime: string; base64: string }; extra: string[] } = {
    id: 'p1',
    fullName: 'Jean-Luc van der Berg',
    company: 'Acme',
    title: 'CTO',
    notes: 'Met at RustConf',
    stage: 'talking',
    cadenceDays: 21,
    source: 'typed',
    metEventId: null,
    metOn: null,
    introducedBy: 'Sam; from work',
    snoozedUntil: null,
    lastTouchOn: null,
    lastFollowUpOn: null,
    lastMetOn: null,
    followUp: null,
    emails: [
      { value: 'jl@acme.io', label: 'work' },
      { value: 'jl@home.net', label: 'Side project' },
    ],
    phones: [{ value: '+4915112345678', label: 'cell' }],
    links: [{ value: 'https://jl.dev', label: null }],
    addresses: [{ value: 'Hauptstr. 1, 10115 Berlin', label: 'home' }],
    commonalities: [
      { id: 'c1', kind: 'interest', text: 'Sailing', topic: 'sail', createdAt: '2024-01-01T00:00:00.000Z' },
      { id: 'c2', kind: 'challenge', text: 'Hiring, in Berlin', topic: 'hire', createdAt: '2024-01-01T00:00:00.000Z' },
    ],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-02-03T04:05:06.789Z',
    uid: 'kith-p1',
    birthday: '--06-30',
    photo: { mime: 'image/jpeg', base64: '/9j/4AAQ' },
    extra: ['X-SOCIALPROFILE;type=twitter:jl', 'X-KITH-N:van der Berg;Jean-Luc;;;'],
  };

  it("Kith's own fields survive person → vCard → person", () => {
    const text = formatVCard(contactFromPerson(person), '3.0');
    expect(text).toContain('N:van der Berg;Jean-Luc;;;\r\n');
    expect(text).toContain('X-KITH-STAGE:talking\r\n');
    expect(text).toContain('EMAIL;TYPE=work:jl@acme.io\r\n');
    expect(text).not.toContain('X-KITH-N');
    const mapped = personInputFromContact(only(text));
    expect(mapped.input).toEqual({
      fullName: person.fullName,
      company: 'Acme',
      title: 'CTO',
      notes: 'Met at RustConf',
      stage: 'talking',
      cadenceDays: 21,
      introducedBy: 'Sam; from work',
      emails: person.emails,
      phones: person.phones,
      links: person.links,
      addresses: person.addresses,
      source: 'import',
    });
    expect(mapped.commonalities).toEqual([
      { kind: 'interest', text: 'Sailing' },
      { kind: 'challenge', text: 'Hiring, in Berlin' },
    ]);
    expect(mapped.extra).toEqual(['X-SOCIALPROFILE;type=twitter:jl', 'X-KITH-N:van der Berg;Jean-Luc;;;']);
    expect([mapped.uid, mapped.birthday, mapped.photo]).toEqual([person.uid, person.birthday, person.photo]);
  });

  it('labels come from X-ABLabel first, then a meaningful TYPE; categories become interests', () => {
    const mapped = personInputFromContact({
      ...emptyContact(),
      fullName: 'A B',
      familyName: 'B',
      givenName: 'A',
      phones: [
        { value: '1', types: ['voice', 'mobile'], label: null },
        { value: '2', types: ['voice'], label: 'Office' },
      ],
      categories: ['Jazz'],
    });
    expect(mapped.input.phones).toEqual([
      { value: '1', label: 'cell' },
      { value: '2', label: 'Office' },
    ]);
    expect(mapped.commonalities).toEqual([{ kind: 'interest', text: 'Jazz' }]);
    expect(mapped.extra).toEqual([]);
  });

  it('a renamed person drops a stored N that no longer fits', () => {
    const c = contactFromPerson({ ...person, fullName: 'Someone Else' });
    expect([c.familyName, c.givenName]).toEqual(['Else', 'Someone']);
  });
});
