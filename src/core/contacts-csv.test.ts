import { describe, expect, it } from 'vitest';
import { checkMapping, contactFromCsvRow, csvLine, detectCsvKind, googleCsvHeader, googleCsvRow, neutraliseCell, parseCsvDate, proposeMapping } from './contacts-csv.js';
import { emptyContact } from './vcard.js';

describe('recognising CSV exports and proposing a mapping', () => {
  it('LinkedIn, Google, Outlook and anything else are told apart by their headers', () => {
    expect(detectCsvKind(['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'])).toBe('linkedin');
    expect(detectCsvKind(['First Name', 'Last Name', 'E-mail 1 - Label', 'E-mail 1 - Value'])).toBe('google');
    expect(detectCsvKind(['Title', 'First Name', 'Last Name', 'Job Title', 'E-mail Address'])).toBe('outlook');
    expect(detectCsvKind(['Who', 'Mail'])).toBe('generic');
  });

  it("Outlook's Title is the honorific; Google's label columns label their value column", () => {
    expect(proposeMapping(['Title', 'First Name', 'Job Title', 'E-mail Address', 'Business City'])).toEqual({
      Title: 'prefix',
      'First Name': 'givenName',
      'Job Title': 'title',
      'E-mail Address': 'email',
      'Business City': 'address:work',
    });
    expect(proposeMapping(['Given Name', 'E-mail 1 - Type', 'E-mail 1 - Value', 'Address 1 - Formatted', 'Address 1 - Street'])).toEqual({
      'Given Name': 'givenName',
      'E-mail 1 - Type': 'labelOf:E-mail 1 - Value',
      'E-mail 1 - Value': 'email',
      'Address 1 - Formatted': 'address',
      'Address 1 - Street': 'ignore',
    });
  });

  it('a mapping naming a missing column or an unknown field is refused, each problem named', () => {
    expect(checkMapping(['Who', 'Mail'], { Who: 'fullName', Mail: 'email' })).toEqual([]);
    expect(checkMapping(['Who', 'Mail'], { Name: 'fullName', Mail: 'mail', Who: 'labelOf:Nope' }).map((p) => p.message)).toEqual([
      'the file has no column "Name" (its columns: Who, Mail)',
      '"mail" is not a field Kith knows (one of fullName, givenName, middleName, familyName, prefix, suffix, company, department, title, notes, email, phone, url, address, birthday, categories, uid, connectedOn, ignore)',
      '"labelOf:Nope" names no column of the file',
    ]);
    expect(checkMapping(['Who'], { Who: 'notes' })[0]!.message).toMatch(/at least one column/);
  });
});

describe('reading a row', () => {
  it('joins address columns of one label, takes labels from label columns, splits Google multi-values', () => {
    const header = ['First Name', 'Last Name', 'E-mail 1 - Label', 'E-mail 1 - Value', 'Street', 'City', 'Labels', 'Birthday'];
    const mapping = { 'First Name': 'givenName', 'Last Name': 'familyName', 'E-mail 1 - Label': 'labelOf:E-mail 1 - Value', 'E-mail 1 - Value': 'email', Street: 'address:home', City: 'address:home', Labels: 'categories', Birthday: 'birthday' };
    const c = contactFromCsvRow(header, ['Ada', 'Lovelace', '* Work', 'ada@a.org ::: ada@b.org', '12 St James Sq', 'London', '* myContacts ::: Maths', 'sometime'], mapping);
    expect(c.fullName).toBe('Ada Lovelace');
    expect(c.emails).toEqual([
      { value: 'ada@a.org', types: [], label: 'Work' },
      { value: 'ada@b.org', types: [], label: 'Work' },
    ]);
    expect(c.addresses).toEqual([{ value: '12 St James Sq, London', types: [], label: 'home' }]);
    expect(c.categories).toEqual(['Maths']);
    expect(c.birthday).toBeNull();
    expect(c.extra).toEqual(['X-KITH-CSV-BIRTHDAY:sometime']);
  });

  it('dates as exports write them', () => {
    expect(parseCsvDate('1985-03-15')).toBe('1985-03-15');
    expect(parseCsvDate('3/15/1985')).toBe('1985-03-15');
    expect(parseCsvDate('0/0/00')).toBeNull();
    expect(parseCsvDate('12 Mar 2024')).toBe('2024-03-12');
    expect(parseCsvDate('--07-04')).toBe('--07-04');
  });
});

describe('writing CSV', () => {
  it('cells that a spreadsheet would run get a leading apostrophe; quotes and commas are quoted', () => {
    expect(['=1+1', '+44 20', '-5', '@SUM(A1)', '\tx', '\rx', 'plain'].map(neutraliseCell)).toEqual(["'=1+1", "'+44 20", "'-5", "'@SUM(A1)", "'\tx", "'\rx", 'plain']);
    expect(csvLine(['a,b', 'say "hi"', '=cmd', 'line\nbreak'])).toBe('"a,b","say ""hi""",\'=cmd,"line\nbreak"\r\n');
  });

  it("Google's columns, numbered as far as the contacts need", () => {
    const shape = { emails: 2, phones: 1, addresses: 1, urls: 1 };
    const c = { ...emptyContact(), fullName: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', emails: [{ value: 'a@x.org', types: ['work'], label: null }], categories: ['Maths', 'Poetry'] };
    const header = googleCsvHeader(shape);
    const row = googleCsvRow(c, shape);
    expect(header.length).toBe(row.length);
    expect(Object.fromEntries(header.map((h, i) => [h, row[i]]))).toMatchObject({ 'First Name': 'Ada', 'Last Name': 'Lovelace', Labels: 'Maths ::: Poetry', 'E-mail 1 - Label': 'work', 'E-mail 1 - Value': 'a@x.org', 'E-mail 2 - Value': '' });
  });
});
