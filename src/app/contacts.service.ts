// People as vCards and CSV: what a vCard carries beyond a person's fields (UID, unknown lines, birthday, photo),
// kept next to the person, and the exports, written a page of people at a time.
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { PersonRecord } from '../core/records.js';
import { contactFromPerson, formatVCard, type PersonForVCard, type VCardPhoto } from '../core/vcard.js';
import { csvLine, googleCsvHeader, googleCsvRow, type CsvShape } from '../core/contacts-csv.js';

export type VCardVersion = '3.0' | '4.0';

const PAGE = 500;

export class ContactsService {
  constructor(private readonly ctx: AppContext) {}

  /** People with their vCard data and photo attached (CardDAV and the exports use this). */
  async withVCardData(repos: Repositories, accountId: string, people: PersonRecord[]): Promise<PersonForVCard[]> {
    const ids = people.map((p) => p.id);
    const [data, photos] = await Promise.all([repos.contacts.vcardData(accountId, ids), repos.contacts.photos(accountId, ids)]);
    return people.map((p) => {
      const d = data.get(p.id);
      const photo = photos.get(p.id);
      return {
        ...p,
        uid: d?.uid ?? null,
        birthday: d?.birthday ?? null,
        extra: d?.extra ?? [],
        photo: photo ? ({ mime: photo.mime, base64: photo.bytes.toString('base64') } satisfies VCardPhoto) : null,
      };
    });
  }

  /** Every living person of the account, a page at a time, in one consistent snapshot. */
  private async *pages(accountId: string): AsyncGenerator<PersonForVCard[]> {
    const repos = this.ctx.store.repos;
    let after: { id: string; createdAt: string } | null = null;
    for (;;) {
      const ids = await repos.contacts.livePersonIds(accountId, after, PAGE);
      if (ids.length === 0) return;
      after = ids[ids.length - 1]!;
      const people = await repos.people.getMany(
        accountId,
        ids.map((r) => r.id),
      );
      yield await this.withVCardData(repos, accountId, people);
    }
  }

  /** The vCard of every person, one after the other; a person without a UID gets `kith-<id>`, stable across exports. */
  async *exportVCards(accountId: string, version: VCardVersion): AsyncGenerator<string> {
    for await (const page of this.pages(accountId)) {
      yield page.map((p) => formatVCard({ ...contactFromPerson(p), uid: p.uid ?? `kith-${p.id}` }, version)).join('');
    }
  }

  /** Google Contacts' CSV: a first pass finds how many e-mail/phone/address/website columns are needed. */
  async *exportCsv(accountId: string): AsyncGenerator<string> {
    const shape: CsvShape = { emails: 1, phones: 1, addresses: 1, urls: 1 };
    for await (const page of this.pages(accountId)) {
      for (const p of page) {
        shape.emails = Math.max(shape.emails, p.emails.length);
        shape.phones = Math.max(shape.phones, p.phones.length);
        shape.addresses = Math.max(shape.addresses, p.addresses.length);
        shape.urls = Math.max(shape.urls, p.links.length);
      }
    }
    yield '\uFEFF' + csvLine(googleCsvHeader(shape));
    for await (const page of this.pages(accountId)) {
      yield page.map((p) => csvLine(googleCsvRow(contactFromPerson(p), shape))).join('');
    }
  }
}
