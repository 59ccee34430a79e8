// Importing contacts files and exporting contacts, over the API, on SQLite and PostgreSQL: what each real export
// gives, the report, idempotence, dry runs, bad input, all-or-nothing, and the round trip export → import.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/contacts/${name}`, import.meta.url));

interface Report {
  id: string | null;
  total: number;
  imported: number;
  merged: number;
  skipped: number;
  needsMapping: boolean;
  csv: { kind: string; columns: string[]; proposedMapping: Record<string, string> } | null;
  records: { line: number; outcome: string; personId: string | null; matchedBy: string | null; name: string | null; reason: string | null }[];
}

describe.each(DIALECTS)('importing and exporting contacts (%s)', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  let accountId: string;

  beforeAll(async () => {
    kit = await createAppKit(dialect);
    ({ headers, accountId } = await signUpWithToken(kit, 'importer@example.com'));
  });
  afterAll(async () => kit?.close());

  const newAccount = async (email: string) => signUpWithToken(kit, email);

  const upload = async (body: Buffer | string, query = '', as = headers, contentType = 'application/octet-stream') =>
    kit.app.inject({ method: 'POST', url: `/api/v1/imports${query}`, headers: { ...as, 'content-type': contentType }, payload: body });

  const importOk = async (body: Buffer | string, query = '', as = headers): Promise<Report> => {
    const res = await upload(body, query, as);
    expect(res.statusCode, res.body).toBe(query.includes('dryRun=true') ? 200 : 201);
    const report = res.json() as Report;
    expect(report.imported + report.merged + report.skipped).toBe(report.total);
    return report;
  };

  const person = async (id: string, as = headers) => (await kit.app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers: as })).json().person;
  const peopleCount = async (id = accountId) => (await kit.services.people.list(id, { limit: 1, offset: 0 } as never)).total;

  it('an iPhone export: both cards imported with labels, notes, birthday, photo, interests and unknown lines kept', async () => {
    const report = await importOk(fixture('iphone.vcf'), '?fileName=iphone.vcf');
    expect([report.total, report.imported, report.merged, report.skipped]).toEqual([2, 2, 0, 0]);
    expect(report.records.map((r) => [r.line, r.outcome, r.name])).toEqual([
      [1, 'imported', 'Inés Álvarez'],
      [21, 'imported', 'Chidi Okafor'],
    ]);
    const ines = await person(report.records[0]!.personId!);
    expect(ines).toMatchObject({ fullName: 'Inés Álvarez', company: 'Ferreira & Filhos, Lda', title: 'Head of Sales', notes: 'Likes fado; hates football, mostly.', source: 'import' });
    expect(ines.emails).toEqual([{ value: 'ines@ferreira.pt', label: 'Other' }]);
    expect(ines.phones).toEqual([{ value: '+351912345678', label: 'cell' }]);
    expect(ines.links).toEqual([{ value: 'https://ferreira.pt/', label: 'HomePage' }]);
    expect(ines.commonalities.map((c: { kind: string; text: string }) => [c.kind, c.text])).toEqual([
      ['interest', 'Wine'],
      ['interest', 'Sailing'],
    ]);
    const data = (await kit.store.repos.contacts.vcardData(accountId, [ines.id])).get(ines.id)!;
    expect(data.birthday).toBe('--03-15');
    expect(data.extra).toContain('X-SOCIALPROFILE;type=linkedin:http://www.linkedin.com/in/ines');
    const photo = (await kit.store.repos.contacts.photos(accountId, [ines.id])).get(ines.id)!;
    expect(photo.mime).toBe('image/jpeg');
    expect(photo.bytes.toString('base64')).toBe('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U');
  });

  it('importing the same file twice adds nothing: every record is merged into the person it made', async () => {
    const before = await peopleCount();
    const report = await importOk(fixture('iphone.vcf'));
    expect([report.imported, report.merged]).toEqual([0, 2]);
    expect(report.records.map((r) => r.matchedBy)).toEqual(['email', 'email']);
    expect(await peopleCount()).toBe(before);
    const ines = await person(report.records[0]!.personId!);
    expect(ines.commonalities).toHaveLength(2);
    expect(ines.notes).toBe('Likes fado; hates football, mostly.');
  });

  it('an Outlook 2.1 export: quoted-printable in UTF-8 and Windows-1252, and the broken card skipped with its line', async () => {
    const { accountId: id, headers: as } = await newAccount('outlook21@example.com');
    const report = await importOk(fixture('outlook21.vcf'), '', as);
    expect([report.total, report.imported, report.skipped]).toEqual([3, 2, 1]);
    expect(report.records[1]).toMatchObject({ line: 13, outcome: 'skipped' });
    expect(report.records[1]!.reason).toMatch(/line 16 is not a vCard property/);
    const renee = await person(report.records[0]!.personId!, as);
    expect(renee).toMatchObject({ fullName: 'Renée Beaumé', company: 'Contoso Ltd.', title: 'Buyer', notes: '“Budget” € 500 – café meeting' });
    expect(renee.phones).toEqual([{ value: '+14255550100', label: 'work' }]);
    expect(await peopleCount(id)).toBe(2);
  });

  it('a LinkedIn Connections CSV, notes before the header: every connection, its profile URL and connection day', async () => {
    const { headers: as, accountId: id } = await newAccount('linkedin@example.com');
    const report = await importOk(fixture('linkedin.csv'), '', as);
    expect(report.csv!.kind).toBe('linkedin');
    expect([report.total, report.imported]).toEqual([3, 3]);
    expect(report.records.map((r) => r.line)).toEqual([5, 6, 7]);
    const grace = await person(report.records[1]!.personId!, as);
    expect(grace).toMatchObject({ fullName: 'Grace Hopper', company: 'US Navy', title: 'Rear Admiral, retired', emails: [{ value: 'grace@navy.mil', label: null }], links: [{ value: 'https://www.linkedin.com/in/grace', label: 'LinkedIn' }] });
    const data = (await kit.store.repos.contacts.vcardData(id, [grace.id])).get(grace.id)!;
    expect(data.extra).toContain('X-LINKEDIN-CONNECTED-ON:2020-01-01');
  });

  it('a Google Contacts CSV (UTF-8 with BOM): labelled e-mails and phones, address, website, labels as interests', async () => {
    const { headers: as, accountId: id } = await newAccount('google@example.com');
    const report = await importOk(fixture('google.csv'), '', as);
    expect(report.csv!.kind).toBe('google');
    const zoe = await person(report.records[0]!.personId!, as);
    expect(zoe).toMatchObject({ fullName: 'Zoë Ålborg', company: 'Nørd ApS', title: 'CTO', notes: 'Met at a conference, Copenhagen' });
    expect(zoe.emails).toEqual([
      { value: 'zoe@nord.dk', label: 'Work' },
      { value: 'zoe@home.dk', label: 'Home' },
    ]);
    expect(zoe.phones).toEqual([{ value: '+4520123456', label: 'Mobile' }]);
    expect(zoe.addresses).toEqual([{ value: 'Vesterbrogade 1, 1620 København', label: 'Work' }]);
    expect(zoe.links).toEqual([{ value: 'https://nord.dk/', label: null }]);
    expect(zoe.commonalities.map((c: { text: string }) => c.text)).toEqual(['Friends']);
    expect((await kit.store.repos.contacts.vcardData(id, [zoe.id])).get(zoe.id)!.birthday).toBe('1990-05-06');
  });

  it('an Outlook CSV in Windows-1252 with ";": honorific, job title, address columns joined, € and curly quotes', async () => {
    const { headers: as } = await newAccount('outlookcsv@example.com');
    const report = await importOk(fixture('outlook.csv'), '', as);
    expect(report.csv!.kind).toBe('outlook');
    expect(report.imported).toBe(2);
    const jose = await person(report.records[0]!.personId!, as);
    expect(jose).toMatchObject({ fullName: 'Dr. José Müller', company: 'Café GmbH', title: 'Einkäufer', notes: '„Kaffee“ – € 5' });
    expect(jose.addresses).toEqual([{ value: 'Hauptstraße 5, Köln, 50667, Deutschland', label: 'work' }]);
    expect(jose.phones.map((p: { label: string }) => p.label)).toEqual(['work', 'cell']);
    expect(jose.commonalities.map((c: { text: string }) => c.text)).toEqual(['Business', 'Golf']);
  });

  it('a CSV Kith does not know (UTF-16, tabs): the dry run proposes a mapping, the import takes the confirmed one', async () => {
    const { headers: as, accountId: id } = await newAccount('generic@example.com');
    const dry = await importOk(fixture('generic-utf16.csv'), '?dryRun=true', as);
    expect(dry.needsMapping).toBe(true);
    expect(dry.csv!.columns).toEqual(['Who', 'Mail', 'Phone number', 'Where']);
    expect(dry.csv!.proposedMapping).toMatchObject({ 'Phone number': 'phone' });
    const without = await upload(fixture('generic-utf16.csv'), '', as);
    expect(without.statusCode).toBe(400);
    expect(without.json().error.code).toBe('KITH_IMPORT_NEEDS_MAPPING');
    const wrong = await upload(fixture('generic-utf16.csv'), `?mapping=${encodeURIComponent(JSON.stringify({ Name: 'fullName' }))}`, as);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('KITH_IMPORT_MAPPING');
    expect(wrong.json().error.message).toMatch(/no column "Name"/);
    const mapping = { Who: 'fullName', Mail: 'email', 'Phone number': 'phone:cell', Where: 'address' };
    const report = await importOk(fixture('generic-utf16.csv'), `?mapping=${encodeURIComponent(JSON.stringify(mapping))}`, as);
    expect([report.imported, report.skipped]).toEqual([2, 0]);
    const kai = await person(report.records[0]!.personId!, as);
    expect(kai).toMatchObject({ fullName: 'Kai Tanaka', emails: [{ value: 'kai@example.jp' }], phones: [{ value: '+819012345678', label: 'cell' }], addresses: [{ value: 'Tokyo' }] });
    expect(await peopleCount(id)).toBe(2);
  });

  it('a ragged row is skipped with its line; the other rows are imported', async () => {
    const { headers: as } = await newAccount('ragged@example.com');
    const mapping = { Name: 'fullName', Email: 'email' };
    const report = await importOk(fixture('ragged.csv'), `?mapping=${encodeURIComponent(JSON.stringify(mapping))}`, as);
    expect(report.records.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'imported'],
      [3, 'skipped'],
      [4, 'imported'],
    ]);
    expect(report.records[1]!.reason).toBe('line 3 has 4 cells, the header has 2');
  });

  it('a truncated vCard: the whole card is imported, the cut one reported with its line', async () => {
    const { headers: as } = await newAccount('truncated@example.com');
    const report = await importOk(fixture('truncated.vcf'), '', as);
    expect(report.records.map((r) => [r.line, r.outcome])).toEqual([
      [1, 'imported'],
      [6, 'skipped'],
    ]);
    expect(report.records[1]!.reason).toMatch(/cut off/);
  });

  it('a NUL character in a card is dropped, not a failed import (PostgreSQL refuses it in text)', async () => {
    const { headers: as } = await newAccount('nul@example.com');
    const report = await importOk(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nul\u0000 Person\r\nNOTE:a\u0000b\r\nTITLE:${'x'.repeat(300)}\r\nEND:VCARD\r\n`, '', as);
    expect(report.imported).toBe(1);
    expect(await person(report.records[0]!.personId!, as)).toMatchObject({ fullName: 'Nul Person', notes: 'ab' });
  });

  it('a UTF-16 vCard (with its byte order mark) is read like any other', async () => {
    const { headers: as } = await newAccount('utf16vcf@example.com');
    const body = Buffer.from('\uFEFFBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ålborg\r\nEMAIL:zoe@nord.dk\r\nEND:VCARD\r\n', 'utf16le');
    const report = await importOk(body, '', as);
    expect(report).toMatchObject({ encoding: 'utf-16le', imported: 1 });
    expect(report.records[0]!.name).toBe('Zoë Ålborg');
  });

  it('HTML, binary and empty files are refused with a clear error, and nothing is kept', async () => {
    const { headers: as, accountId: id } = await newAccount('bad@example.com');
    for (const body of [fixture('not-contacts.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(0)]) {
      const res = await upload(body, '', as);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toMatch(/KITH_IMPORT_UNREADABLE|KITH_VALIDATION/);
    }
    const bad = await upload('Name,Email\nA,a@x.com\n', '?mapping=not-json', as);
    expect(bad.json().error.code).toBe('KITH_IMPORT_MAPPING');
    expect(await peopleCount(id)).toBe(0);
  });

  it('a card whose UID belongs to a deleted person makes a new person without that UID', async () => {
    const { headers: as, accountId: id } = await newAccount('deleted-uid@example.com');
    const card = (email: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:same-uid\r\nFN:Uma Uid\r\nEMAIL:${email}\r\nEND:VCARD\r\n`;
    const first = await importOk(card('uma@example.com'), '', as);
    await kit.app.inject({ method: 'DELETE', url: `/api/v1/people/${first.records[0]!.personId}`, headers: as });
    const second = await importOk(card('uma@example.com'), '', as);
    expect(second.records[0]).toMatchObject({ outcome: 'imported', reason: 'the card id same-uid belongs to a deleted person: not kept' });
    expect(await peopleCount(id)).toBe(1);
  });

  it('a dry run gives the report and keeps nothing', async () => {
    const { headers: as, accountId: id } = await newAccount('dry@example.com');
    const report = await importOk(fixture('linkedin.csv'), '?dryRun=true', as);
    expect([report.id, report.imported]).toEqual([null, 3]);
    expect(await peopleCount(id)).toBe(0);
  });

  it('an import that fails in the middle leaves nothing of it', async () => {
    const { accountId: id } = await newAccount('killed@example.com');
    const cards = Array.from({ length: 1200 }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${i}\r\nEMAIL:p${i}@example.com\r\nEND:VCARD\r\n`).join('');
    async function* dying() {
      yield Buffer.from(cards);
      throw new Error('connection reset');
    }
    let processed = 0;
    await expect(kit.services.imports.import(id, dying(), { onProgress: (n) => (processed = n) })).rejects.toThrow('connection reset');
    expect(processed).toBeGreaterThanOrEqual(1000);
    expect(await peopleCount(id)).toBe(0);
    expect(await kit.store.db.selectFrom('imports').select('id').where('account_id', '=', id).execute()).toEqual([]);
  });

  it('a multipart upload works the same, and the report pages through GET /imports/:id, for its account only', async () => {
    const { headers: as } = await newAccount('multipart@example.com');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(fixture('google.vcf'))]), 'google.vcf');
    const response = new Response(form);
    const res = await kit.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...as, 'content-type': response.headers.get('content-type')! }, payload: Buffer.from(await response.arrayBuffer()) });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json() as Report;
    const status = await kit.app.inject({ method: 'GET', url: `/api/v1/imports/${report.id}?limit=1`, headers: as });
    expect(status.json()).toMatchObject({ state: 'done', fileName: 'google.vcf', total: 1, imported: 1, records: [{ line: 1, outcome: 'imported', name: 'Priya Raman' }] });
    const other = await kit.app.inject({ method: 'GET', url: `/api/v1/imports/${report.id}`, headers });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('KITH_IMPORT_NOT_FOUND');
  });

  it('export as vCard 3.0 and 4.0, and as CSV with Google headers and formula cells neutralised', async () => {
    const { headers: as } = await newAccount('export@example.com');
    await kit.app.inject({ method: 'POST', url: '/api/v1/people', headers: as, payload: { fullName: '=HYPERLINK("http://evil")', company: '+cmd', emails: [{ value: 'x@example.com' }] } });
    const v3 = await kit.app.inject({ method: 'GET', url: '/api/v1/export?format=vcard', headers: as });
    expect(v3.statusCode).toBe(200);
    expect(v3.headers['content-type']).toMatch(/^text\/vcard/);
    expect(v3.body).toMatch(/^BEGIN:VCARD\r\nVERSION:3.0\r\nUID:kith-/);
    const v4 = await kit.app.inject({ method: 'GET', url: '/api/v1/export?format=vcard&version=4.0', headers: as });
    expect(v4.body).toContain('VERSION:4.0\r\n');
    const csv = await kit.app.inject({ method: 'GET', url: '/api/v1/export?format=csv', headers: as });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('First Name,Middle Name,Last Name,Name Prefix,Name Suffix,Organization Name,Organization Title,Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Website 1 - Label,Website 1 - Value');
    // One word: the whole name is the family name (third column).
    expect(row!.startsWith(`,,"'=HYPERLINK(""http://evil"")",,,'+cmd,`)).toBe(true);
    const json = await kit.app.inject({ method: 'GET', url: '/api/v1/export', headers: as });
    expect(json.json().format).toBe('kith-export');
    const bad = await kit.app.inject({ method: 'GET', url: '/api/v1/export?format=xml', headers: as });
    expect(bad.statusCode).toBe(400);
  });

  it('round trip: export as vCard → import into an empty account gives the same people, fields, commonalities and photos', async () => {
    for (const version of ['3.0', '4.0']) {
      const exported = await kit.app.inject({ method: 'GET', url: `/api/v1/export?format=vcard&version=${version}`, headers });
      const { headers: as, accountId: id } = await newAccount(`roundtrip-${version}@example.com`);
      const report = await importOk(exported.body, '', as);
      expect(report.imported).toBe(await peopleCount());
      const again = await kit.app.inject({ method: 'GET', url: `/api/v1/export?format=vcard&version=${version}`, headers: as });
      // The same cards, but for REV (the new people's update time) and the stage line Kith writes last.
      const strip = (text: string) => text.replace(/^REV:.*\r\n/gm, '');
      expect(strip(again.body)).toBe(strip(exported.body));
      expect(await peopleCount(id)).toBe(await peopleCount());
    }
  });
});
