// The CardDAV server at the request level, on SQLite and PostgreSQL: every status a client can meet, every REPORT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type ApiCall, type AppKit } from './helpers.js';

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, isArray: (name) => name === 'response' || name === 'propstat' });

type DavResponse = { href: string; status?: string; propstat?: { prop: Record<string, unknown>; status: string }[] };

function responses(body: string): DavResponse[] {
  return ((xml.parse(body) as { multistatus?: { response?: DavResponse[] } }).multistatus?.response ?? []) as DavResponse[];
}

function card(uid: string, name: string, extra = ''): string {
  return `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${name}\r\nN:${name.split(' ').reverse().join(';')};;;\r\n${extra}END:VCARD\r\n`;
}

describe.each(DIALECTS)('CardDAV requests (%s)', (dialect) => {
  let kit: AppKit;
  let api: ApiCall;
  let accountId: string;
  let otherId: string;
  let auth: string;
  let otherAuth: string;
  let book: string;

  const dav = (method: string, url: string, options: { body?: string; headers?: Record<string, string>; auth?: string | null; ip?: string } = {}) =>
    kit.app.inject({
      method: method as 'GET',
      url,
      ...(options.ip ? { remoteAddress: options.ip } : {}),
      headers: { ...(options.auth === null ? {} : { authorization: options.auth ?? auth }), ...(options.body !== undefined ? { 'content-type': 'application/xml; charset=utf-8' } : {}), ...options.headers },
      ...(options.body !== undefined ? { payload: options.body } : {}),
    });

  beforeAll(async () => {
    kit = await createAppKit(dialect);
    const me = await signUpWithToken(kit, 'ada@example.com');
    const other = await signUpWithToken(kit, 'bob@example.com');
    accountId = me.accountId;
    otherId = other.accountId;
    api = apiAs(() => kit, () => me.headers);
    const created = await api('POST', '/app-passwords', { name: 'iPhone' });
    expect(created.statusCode).toBe(201);
    auth = `Basic ${Buffer.from(`ada%40example.com:${created.json().password}`).toString('base64')}`;
    const theirs = await kit.services.carddav.createAppPassword(otherId, 'Pixel');
    otherAuth = `Basic ${Buffer.from(`bob@example.com:${theirs.password}`).toString('base64')}`;
    book = `/dav/addressbooks/${accountId}/contacts/`;
  });
  afterAll(async () => kit?.close());

  it('sends clients from /.well-known/carddav to /dav/ for any method, without credentials (301)', async () => {
    for (const method of ['GET', 'PROPFIND']) {
      const res = await dav(method, '/.well-known/carddav', { auth: null });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('/dav/');
    }
  });

  it('answers OPTIONS without credentials and names addressbook in the DAV header', async () => {
    const res = await dav('OPTIONS', `/dav/principals/${accountId}/`, { auth: null });
    expect(res.statusCode).toBe(200);
    expect(res.headers.dav).toContain('addressbook');
    expect(res.headers.allow).toContain('PROPFIND');
  });

  it('asks for Basic credentials with 401, and refuses the account password (only app passwords open CardDAV)', async () => {
    const none = await dav('PROPFIND', '/dav/', { auth: null });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic realm=/);
    const accountPassword = await dav('PROPFIND', '/dav/', { auth: `Basic ${Buffer.from('ada@example.com:correct horse battery').toString('base64')}` });
    expect(accountPassword.statusCode).toBe(401);
  });

  it('finds the principal and the address-book home from /dav/ (207)', async () => {
    const res = await dav('PROPFIND', '/dav/', {
      headers: { depth: '0' },
      body: '<?xml version="1.0"?><A:propfind xmlns:A="DAV:"><A:prop><A:current-user-principal/><B:addressbook-home-set xmlns:B="urn:ietf:params:xml:ns:carddav"/><A:unknown-thing/></A:prop></A:propfind>',
    });
    expect(res.statusCode).toBe(207);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const [root] = responses(res.body);
    expect(root!.propstat![0]!.status).toBe('HTTP/1.1 200 OK');
    expect(root!.propstat![0]!.prop['current-user-principal']).toEqual({ href: `/dav/principals/${accountId}/` });
    expect(root!.propstat![0]!.prop['addressbook-home-set']).toEqual({ href: `/dav/addressbooks/${accountId}/` });
    expect(root!.propstat![1]!.status).toBe('HTTP/1.1 404 Not Found');
  });

  it('lists one address book in the home, with a ctag, a sync token and the vCard versions it serves', async () => {
    const res = await dav('PROPFIND', `/dav/addressbooks/${accountId}/`, {
      headers: { depth: '1' },
      body: '<propfind xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav" xmlns:CS="http://calendarserver.org/ns/"><prop><resourcetype/><displayname/><CS:getctag/><sync-token/><C:supported-address-data/><current-user-privilege-set/><supported-report-set/></prop></propfind>',
    });
    expect(res.statusCode).toBe(207);
    const items = responses(res.body);
    expect(items.map((r) => r.href)).toEqual([`/dav/addressbooks/${accountId}/`, book]);
    const props = items[1]!.propstat![0]!.prop;
    expect(props.resourcetype).toHaveProperty('addressbook');
    expect(String(props['sync-token'])).toMatch(/^http:\/\/kith\.invalid\/ns\/sync\/\d+$/);
    expect(res.body).toContain('version="4.0"');
    expect(res.body).toContain('<card:addressbook-multiget/>');
    expect(res.body).toContain('<d:write-content/>');
  });

  it('creates a card with PUT (201), serves it with its ETag (3.0 by default, 4.0 when asked), and refuses it again with If-None-Match: * (412)', async () => {
    const put = await dav('PUT', `${book}grace.vcf`, { body: card('grace-uid', 'Grace Hopper', 'EMAIL;TYPE=work:grace@navy.example\r\nORG:US Navy\r\n'), headers: { 'content-type': 'text/vcard', 'if-none-match': '*' } });
    expect(put.statusCode).toBe(201);
    const get = await dav('GET', `${book}grace.vcf`);
    expect(get.statusCode).toBe(200);
    expect(get.headers.etag).toMatch(/^"[^"]+"$/);
    expect(get.body).toContain('VERSION:3.0');
    expect(get.body).toContain('UID:grace-uid');
    expect(get.body).toContain('grace@navy.example');
    const v4 = await dav('GET', `${book}grace.vcf`, { headers: { accept: 'text/vcard; version=4.0' } });
    expect(v4.body).toContain('VERSION:4.0');
    expect(v4.headers.etag).toBe(get.headers.etag);
    const again = await dav('PUT', `${book}grace.vcf`, { body: card('grace-uid', 'Grace Hopper'), headers: { 'content-type': 'text/vcard', 'if-none-match': '*' } });
    expect(again.statusCode).toBe(412);
    const people = await api('GET', '/people?q=Hopper');
    expect(people.json().items.map((p: { fullName: string }) => p.fullName)).toContain('Grace Hopper');
  });

  it('updates a card with a matching If-Match (204) and refuses a stale one (412), changing the ETag', async () => {
    const before = await dav('GET', `${book}grace.vcf`);
    const stale = await dav('PUT', `${book}grace.vcf`, { body: card('grace-uid', 'Grace B. Hopper'), headers: { 'content-type': 'text/vcard', 'if-match': '"not-the-etag"' } });
    expect(stale.statusCode).toBe(412);
    const ok = await dav('PUT', `${book}grace.vcf`, { body: card('grace-uid', 'Grace Brewster Hopper'), headers: { 'content-type': 'text/vcard', 'if-match': before.headers.etag as string } });
    expect(ok.statusCode).toBe(204);
    const after = await dav('GET', `${book}grace.vcf`);
    expect(after.body).toContain('FN:Grace Brewster Hopper');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const missing = await dav('PUT', `${book}nobody.vcf`, { body: card('nobody', 'No Body'), headers: { 'content-type': 'text/vcard', 'if-match': '"x"' } });
    expect(missing.statusCode).toBe(412);
  });

  it('keeps a photo, a birthday and unknown properties sent by a phone, and gives them back in 3.0 and 4.0', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]).toString('base64');
    const put = await dav('PUT', `${book}photo.vcf`, {
      body: card('photo-uid', 'Hedy Lamarr', `BDAY:1914-11-09\r\nX-CUSTOM-THING:kept\r\nPHOTO;ENCODING=b;TYPE=JPEG:${jpeg}\r\n`),
      headers: { 'content-type': 'text/vcard' },
    });
    expect(put.statusCode).toBe(201);
    const v3 = (await dav('GET', `${book}photo.vcf`)).body.replace(/\r\n /g, '');
    expect(v3).toContain(jpeg);
    expect(v3).toContain('X-CUSTOM-THING:kept');
    expect(v3).toMatch(/BDAY:1914-?11-?09/);
    const v4 = (await dav('GET', `${book}photo.vcf`, { headers: { accept: 'text/vcard;version=4.0' } })).body.replace(/\r\n /g, '');
    expect(v4).toContain(`data:image/jpeg;base64,${jpeg}`);
    expect((await dav('DELETE', `${book}photo.vcf`)).statusCode).toBe(204);
    // A client re-creating the card it deleted, same name and UID: a new person, the deleted one stays recoverable.
    const again = await dav('PUT', `${book}photo.vcf`, { body: card('photo-uid', 'Hedy Lamarr'), headers: { 'content-type': 'text/vcard', 'if-none-match': '*' } });
    expect(again.statusCode).toBe(201);
    expect((await dav('GET', `${book}photo.vcf`)).body).toContain('UID:photo-uid');
    expect((await dav('DELETE', `${book}photo.vcf`)).statusCode).toBe(204);
  });

  it('follows edits made on the phone: CATEGORIES become the interests, a removed photo goes, other kinds stay', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]).toString('base64');
    const first = await dav('PUT', `${book}edits.vcf`, {
      body: card('edits-uid', 'Katherine Johnson', `CATEGORIES:Sailing,Opera\r\nPHOTO;ENCODING=b;TYPE=JPEG:${jpeg}\r\n`),
      headers: { 'content-type': 'text/vcard' },
    });
    expect(first.statusCode).toBe(201);
    const personId = (await kit.store.repos.carddav.cardByHref(accountId, 'edits.vcf'))!.personId;
    // A commonality of another kind, added in Kith: a phone's card does not carry it back (it dropped the X- line).
    expect((await api('POST', `/people/${personId}/commonalities`, { kind: 'challenge', text: 'hiring engineers' })).statusCode).toBe(201);
    const edited = await dav('PUT', `${book}edits.vcf`, { body: card('edits-uid', 'Katherine Johnson', 'CATEGORIES:Opera,Chess\r\n'), headers: { 'content-type': 'text/vcard' } });
    expect(edited.statusCode).toBe(204);
    const person = (await api('GET', `/people/${personId}`)).json().person as { commonalities: { kind: string; text: string }[] };
    expect(person.commonalities.map((c) => `${c.kind}:${c.text}`).sort()).toEqual(['challenge:hiring engineers', 'interest:Chess', 'interest:Opera']);
    expect((await kit.store.repos.contacts.photos(accountId, [personId])).size).toBe(0);
    const back = (await dav('GET', `${book}edits.vcf`)).body;
    expect(back).not.toContain('PHOTO');
    expect(back).toMatch(/CATEGORIES:(Opera,Chess|Chess,Opera)/);
    // Searchable by the new interest at once.
    expect((await api('GET', '/people?q=chess')).json().items.map((p: { id: string }) => p.id)).toContain(personId);
    expect((await dav('DELETE', `${book}edits.vcf`)).statusCode).toBe(204);
  });

  it('refuses a second card with a UID already in the book (409 no-uid-conflict)', async () => {
    const res = await dav('PUT', `${book}another-name.vcf`, { body: card('grace-uid', 'Grace Again'), headers: { 'content-type': 'text/vcard' } });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('no-uid-conflict');
    expect(res.body).toContain(`${book}grace.vcf`);
  });

  it('refuses a body that is not a vCard (415 valid-address-data), and an oversized one (413), storing nothing', async () => {
    const html = await dav('PUT', `${book}html.vcf`, { body: '<html><body>HAHA:YES</body></html>', headers: { 'content-type': 'text/vcard' } });
    expect(html.statusCode).toBe(415);
    expect(html.body).toContain('valid-address-data');
    const big = await dav('PUT', `${book}big.vcf`, { body: card('big', 'Big Card', `NOTE:${'x'.repeat(5 * 1024 * 1024)}\r\n`), headers: { 'content-type': 'text/vcard' } });
    expect(big.statusCode).toBe(413);
    expect((await dav('GET', `${book}html.vcf`)).statusCode).toBe(404);
    expect((await dav('GET', `${book}big.vcf`)).statusCode).toBe(404);
    // Up to max-resource-size is fine: a 2 MB photo (over the API's 1 MB body limit).
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1_500_000, 7), Buffer.from([0xff, 0xd9])]).toString('base64');
    const large = await dav('PUT', `${book}large.vcf`, { body: card('large', 'Large Photo', `PHOTO;ENCODING=b;TYPE=JPEG:${photo}\r\n`), headers: { 'content-type': 'text/vcard' } });
    expect(large.statusCode).toBe(201);
    expect((await dav('GET', `${book}large.vcf`)).body.replace(/\r\n /g, '')).toContain(photo.slice(0, 1000));
    expect((await dav('DELETE', `${book}large.vcf`)).statusCode).toBe(204);
  });

  it('takes a card PUT without a Content-Type, and a PROPFIND with an empty body (allprop)', async () => {
    const put = await kit.app.inject({ method: 'PUT', url: `${book}bare.vcf`, headers: { authorization: auth }, payload: card('bare-uid', 'Bare Card') });
    expect(put.statusCode).toBe(201);
    const propfind = await dav('PROPFIND', `${book}bare.vcf`, { headers: { depth: '0' } });
    expect(propfind.statusCode).toBe(207);
    expect(propfind.body).toContain('<d:getetag>');
    expect((await dav('DELETE', `${book}bare.vcf`)).statusCode).toBe(204);
  });

  it('answers malformed XML with 400, not 500', async () => {
    const res = await dav('PROPFIND', book, { body: '<propfind xmlns="DAV:"><prop>', headers: { depth: '0' } });
    expect(res.statusCode).toBe(400);
  });

  it('lists the cards of the book with Depth: 1, and a person added in Kith appears with an ETag', async () => {
    const added = await api('POST', '/people', { fullName: 'Alan Turing', emails: [{ value: 'alan@example.com' }] });
    expect(added.statusCode).toBe(201);
    const res = await dav('PROPFIND', book, { headers: { depth: '1' }, body: '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:getcontenttype/></d:prop></d:propfind>' });
    expect(res.statusCode).toBe(207);
    const cards = responses(res.body).slice(1);
    expect(cards.map((c) => c.href).sort()).toEqual([`${book}${added.json().person.id}.vcf`, `${book}grace.vcf`].sort());
    for (const c of cards) expect(String(c.propstat![0]!.prop.getetag)).toMatch(/^"/);
  });

  it('addressbook-multiget returns the asked cards with their data, and 404 for an href with no card', async () => {
    const res = await dav('REPORT', book, {
      headers: { depth: '1' },
      body: `<C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/><C:address-data version="4.0"/></D:prop><D:href>${book}grace.vcf</D:href><D:href>${book}missing.vcf</D:href></C:addressbook-multiget>`,
    });
    expect(res.statusCode).toBe(207);
    const [grace, missing] = responses(res.body);
    expect(String(grace!.propstat![0]!.prop['address-data'])).toContain('VERSION:4.0');
    expect(missing!.status).toBe('HTTP/1.1 404 Not Found');
  });

  it('addressbook-query filters on properties (contains, equals, is-not-defined, anyof/allof) and honours limit', async () => {
    const query = (filter: string, limit = '') =>
      dav('REPORT', book, { body: `<C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/></D:prop>${filter}${limit}</C:addressbook-query>` });
    const hrefs = async (filter: string, limit = '') => responses((await query(filter, limit)).body).map((r) => r.href);
    expect(await hrefs('<C:filter><C:prop-filter name="FN"/></C:filter>')).toHaveLength(2);
    expect(await hrefs('<C:filter><C:prop-filter name="FN"><C:text-match collation="i;unicode-casemap" match-type="contains">hopper</C:text-match></C:prop-filter></C:filter>')).toEqual([`${book}grace.vcf`]);
    expect(await hrefs('<C:filter><C:prop-filter name="EMAIL"><C:text-match match-type="equals">alan@example.com</C:text-match></C:prop-filter></C:filter>')).toHaveLength(1);
    expect(await hrefs('<C:filter><C:prop-filter name="EMAIL"><C:is-not-defined/></C:prop-filter></C:filter>')).toEqual([`${book}grace.vcf`]);
    expect(await hrefs('<C:filter test="allof"><C:prop-filter name="FN"><C:text-match match-type="starts-with">Alan</C:text-match></C:prop-filter><C:prop-filter name="FN"><C:text-match match-type="ends-with">Hopper</C:text-match></C:prop-filter></C:filter>')).toEqual([]);
    expect(await hrefs('<C:filter test="anyof"><C:prop-filter name="FN"><C:text-match match-type="starts-with">Alan</C:text-match></C:prop-filter><C:prop-filter name="FN"><C:text-match match-type="ends-with">Hopper</C:text-match></C:prop-filter></C:filter>')).toHaveLength(2);
    expect(await hrefs('<C:filter><C:prop-filter name="FN"><C:text-match negate-condition="yes">Alan</C:text-match></C:prop-filter></C:filter>')).toEqual([`${book}grace.vcf`]);
    const limited = await query('<C:filter><C:prop-filter name="FN"/></C:filter>', '<C:limit><C:nresults>1</C:nresults></C:limit>');
    expect(responses(limited.body).filter((r) => r.href !== book)).toHaveLength(1);
    expect(responses(limited.body).find((r) => r.href === book)?.status).toBe('HTTP/1.1 507 Insufficient Storage');
  });

  it('sync-collection: everything from scratch, then only changes, with deletions from either side as 404 tombstones', async () => {
    const sync = (token: string) =>
      dav('REPORT', book, { body: `<D:sync-collection xmlns:D="DAV:"><D:sync-token>${token}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>` });
    const first = await sync('');
    expect(first.statusCode).toBe(207);
    const token1 = String((xml.parse(first.body) as { multistatus: { 'sync-token': string } }).multistatus['sync-token']);
    expect(responses(first.body)).toHaveLength(2);
    expect(responses((await sync(token1)).body)).toHaveLength(0);

    // Kith's side: an edit and a delete.
    const people = (await api('GET', '/people')).json().items as { id: string; fullName: string }[];
    const alan = people.find((p) => p.fullName === 'Alan Turing')!;
    kit.clock.set('2026-03-10T12:05:00Z');
    expect((await api('PATCH', `/people/${alan.id}`, { title: 'Mathematician' })).statusCode).toBe(200);
    const afterEdit = await sync(token1);
    expect(responses(afterEdit.body).map((r) => r.href)).toEqual([`${book}${alan.id}.vcf`]);
    const token2 = String((xml.parse(afterEdit.body) as { multistatus: { 'sync-token': string } }).multistatus['sync-token']);
    expect((await api('DELETE', `/people/${alan.id}`)).statusCode).toBe(204);
    const afterDelete = responses((await sync(token2)).body);
    expect(afterDelete).toEqual([{ href: `${book}${alan.id}.vcf`, status: 'HTTP/1.1 404 Not Found' }]);

    // The phone's side: DELETE with a stale If-Match (412), then a good one (204); the person is recoverable.
    const grace = await dav('GET', `${book}grace.vcf`);
    expect((await dav('DELETE', `${book}grace.vcf`, { headers: { 'if-match': '"stale"' } })).statusCode).toBe(412);
    expect((await dav('DELETE', `${book}grace.vcf`, { headers: { 'if-match': grace.headers.etag as string } })).statusCode).toBe(204);
    expect((await dav('DELETE', `${book}grace.vcf`)).statusCode).toBe(404);
    expect((await dav('GET', `${book}grace.vcf`)).statusCode).toBe(404);
    const fromToken1 = responses((await sync(token1)).body);
    expect(fromToken1.map((r) => [r.href, r.status ?? 'live']).sort()).toEqual([[`${book}${alan.id}.vcf`, 'HTTP/1.1 404 Not Found'], [`${book}grace.vcf`, 'HTTP/1.1 404 Not Found']].sort());
    const deletedGrace = (await api('GET', '/people?q=Hopper')).json().items as unknown[];
    expect(deletedGrace).toHaveLength(0);

    // Restored in Kith: the card comes back under the same name.
    const graceId = (await kit.store.repos.carddav.cardByHref(accountId, 'grace.vcf'))!.personId;
    expect((await api('POST', `/people/${graceId}/restore`)).statusCode).toBe(200);
    expect((await dav('GET', `${book}grace.vcf`)).statusCode).toBe(200);
  });

  it('refuses a sync token it never issued (403 valid-sync-token)', async () => {
    for (const token of ['http://kith.invalid/ns/sync/999999', 'urn:something-else']) {
      const res = await dav('REPORT', book, { body: `<D:sync-collection xmlns:D="DAV:"><D:sync-token>${token}</D:sync-token><D:prop><D:getetag/></D:prop></D:sync-collection>` });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('valid-sync-token');
    }
  });

  it("never opens another account's address book: 403 on its URLs, and its cards stay invisible", async () => {
    const theirBook = `/dav/addressbooks/${otherId}/contacts/`;
    expect((await dav('PROPFIND', theirBook, { headers: { depth: '1' } })).statusCode).toBe(403);
    expect((await dav('GET', `${theirBook}grace.vcf`)).statusCode).toBe(403);
    expect((await dav('PUT', `${theirBook}x.vcf`, { body: card('x', 'Intruder'), headers: { 'content-type': 'text/vcard' } })).statusCode).toBe(403);
    expect((await dav('DELETE', `${book}grace.vcf`, { auth: otherAuth })).statusCode).toBe(403);
    const theirs = await dav('PROPFIND', theirBook, { auth: otherAuth, headers: { depth: '1' }, body: '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>' });
    expect(theirs.statusCode).toBe(207);
    expect(responses(theirs.body)).toHaveLength(1);
  });

  it('lists and revokes app passwords; a revoked password no longer opens the book', async () => {
    const created = await api('POST', '/app-passwords', { name: 'Thunderbird' });
    const { password, record } = created.json() as { password: string; record: { id: string; prefix: string } };
    expect(password.startsWith(record.prefix)).toBe(true);
    const basic = `Basic ${Buffer.from(`ada@example.com:${password}`).toString('base64')}`;
    expect((await dav('PROPFIND', '/dav/', { auth: basic })).statusCode).toBe(207);
    const list = await api('GET', '/app-passwords');
    expect(list.json().items.map((p: { name: string }) => p.name).sort()).toEqual(['Thunderbird', 'iPhone']);
    expect(JSON.stringify(list.json())).not.toContain(password);
    expect(list.json().carddav.addressBook).toBe(book);
    expect((await api('DELETE', `/app-passwords/${record.id}`)).statusCode).toBe(204);
    expect((await api('DELETE', `/app-passwords/${record.id}`)).statusCode).toBe(404);
    expect((await dav('PROPFIND', '/dav/', { auth: basic })).statusCode).toBe(401);
    expect((await api('POST', '/app-passwords', { name: '' })).statusCode).toBe(400);
  });

  it('slows down guessing: after 10 failed sign-ins in a minute the address gets 429', async () => {
    const wrong = `Basic ${Buffer.from('ada@example.com:kithdav_wrong').toString('base64')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await dav('PROPFIND', '/dav/', { auth: wrong, ip: '10.0.0.9' })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another address is not held up.
    expect((await dav('PROPFIND', '/dav/', { ip: '10.0.0.10' })).statusCode).toBe(207);
  });
});
