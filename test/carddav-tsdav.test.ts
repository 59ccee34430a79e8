// tsdav, a real CardDAV client library, against Kith on a port: discovery, address books, cards, create, update
// with an ETag, delete, and sync-collection. On SQLite and PostgreSQL.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDAVClient, type DAVAddressBook, type DAVObject } from 'tsdav';
import { createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

function vcard(uid: string, name: string, email: string): string {
  return `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${name}\r\nN:${name.split(' ').reverse().join(';')};;;\r\nEMAIL;TYPE=work:${email}\r\nEND:VCARD\r\n`;
}

describe.each(DIALECTS)('tsdav against Kith (%s)', (dialect) => {
  let kit: AppKit;
  let client: Awaited<ReturnType<typeof createDAVClient>>;
  let book: DAVAddressBook;
  let base: string;

  beforeAll(async () => {
    kit = await createAppKit(dialect);
    const { accountId } = await signUpWithToken(kit, 'ada@example.com');
    await kit.services.people.create(accountId, { fullName: 'Alan Turing', emails: [{ value: 'alan@example.com' }] });
    const { password } = await kit.services.carddav.createAppPassword(accountId, 'tsdav');
    await kit.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(kit.app.server.address() as AddressInfo).port}`;
    client = await createDAVClient({ serverUrl: base, credentials: { username: 'ada@example.com', password }, authMethod: 'Basic', defaultAccountType: 'carddav' });
  });
  afterAll(async () => kit?.close());

  it('discovers the account through /.well-known/carddav and finds one address book', async () => {
    const books = await client.fetchAddressBooks();
    expect(books).toHaveLength(1);
    book = books[0]!;
    expect(book.url).toMatch(/\/dav\/addressbooks\/[^/]+\/contacts\/$/);
    expect(book.displayName).toBe('Kith');
    expect(book.syncToken).toMatch(/^http:\/\/kith\.invalid\/ns\/sync\/\d+$/);
  });

  it('fetches the cards with their data, creates one (201), refuses it twice (412), updates it with its ETag and deletes it', async () => {
    const cards = await client.fetchVCards({ addressBook: book });
    expect(cards.map((c) => c.data as string).join()).toContain('FN:Alan Turing');

    const created = await client.createVCard({ addressBook: book, vCardString: vcard('grace-1', 'Grace Hopper', 'grace@example.com'), filename: 'grace-1.vcf' });
    expect(created.status).toBe(201);
    const again = await client.createVCard({ addressBook: book, vCardString: vcard('grace-1', 'Grace Hopper', 'grace@example.com'), filename: 'grace-1.vcf' });
    expect(again.status).toBe(412);

    const [grace] = await client.addressBookMultiGet({ url: book.url, props: { 'd:getetag': {}, 'card:address-data': {} }, objectUrls: [`${book.url}grace-1.vcf`], depth: '1' });
    const fetched = (await client.fetchVCards({ addressBook: book })).find((c) => c.url.endsWith('grace-1.vcf')) as DAVObject;
    expect(fetched.etag).toBe(grace!.props?.getetag);
    expect(fetched.data).toContain('grace@example.com');

    const stale = await client.updateVCard({ vCard: { ...fetched, etag: '"stale"', data: vcard('grace-1', 'Grace M. Hopper', 'grace@example.com') } });
    expect(stale.status).toBe(412);
    const updated = await client.updateVCard({ vCard: { ...fetched, data: vcard('grace-1', 'Grace Murray Hopper', 'grace@example.com') } });
    expect(updated.status).toBe(204);
    const refetched = (await client.fetchVCards({ addressBook: book })).find((c) => c.url.endsWith('grace-1.vcf'))!;
    expect(refetched.data).toContain('FN:Grace Murray Hopper');
    expect(refetched.etag).not.toBe(fetched.etag);

    const deleted = await client.deleteVCard({ vCard: refetched });
    expect(deleted.status).toBe(204);
    expect((await client.fetchVCards({ addressBook: book })).some((c) => c.url.endsWith('grace-1.vcf'))).toBe(false);
  });

  it('sync-collection from the previous token reports only what changed, deletions included', async () => {
    const start = await client.syncCollection({ url: book.url, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: '' });
    const token = (await client.fetchAddressBooks())[0]!.syncToken as string;
    expect(start.length).toBeGreaterThan(0);

    await client.createVCard({ addressBook: book, vCardString: vcard('ken-1', 'Ken Thompson', 'ken@example.com'), filename: 'ken-1.vcf' });
    const [ken] = (await client.fetchVCards({ addressBook: book })).filter((c) => c.url.endsWith('ken-1.vcf'));
    const changes = await client.syncCollection({ url: book.url, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: token });
    expect(changes.map((c) => c.href)).toEqual([new URL(ken!.url).pathname]);

    const token2 = (await client.fetchAddressBooks())[0]!.syncToken as string;
    await client.deleteVCard({ vCard: ken! });
    const afterDelete = await client.syncCollection({ url: book.url, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: token2 });
    expect(afterDelete).toHaveLength(1);
    expect(afterDelete[0]!.href).toBe(new URL(ken!.url).pathname);
    expect(afterDelete[0]!.status).toBe(404);
  });
});
