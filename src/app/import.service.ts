// Importing a contacts file (vCard or CSV) into an account, as one unit.
//
// The whole import runs in ONE transaction: a failure or a kill in the middle leaves nothing of it (the database
// rolls back), and a re-run starts clean. Records are read from the stream and written in batches, so memory stays
// bounded whatever the size of the file; the report (one row per input record) is written with them. A dry run does
// exactly the same work and then rolls back, so its report is the one the real import would give.
//
// Each record is matched against the account, in this order: the vCard UID, then an e-mail, then a phone. A match
// is merged into that person (values they lack are added, nothing of theirs is overwritten), so importing the same
// file twice adds nothing the second time.
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { PeopleService } from './people.service.js';
import { refreshPerson } from './person-derived.js';
import { openContactsFile, type ContactsFileInfo, type ContactsFileRecord } from './contacts-file.js';
import type { NewPerson } from '../db/repositories/person.repository.js';
import type { ImportOutcome, ImportRecordRow, ImportRunRow } from '../db/repositories/contacts.repository.js';
import type { CsvMapping } from '../core/contacts-csv.js';
import { personInputFromContact, type VCardPersonMapping } from '../core/vcard.js';
import { normaliseAddresses, normaliseEmails, normaliseLinks, normalisePhones } from '../core/contact-values.js';
import { normalizeTopic } from '../core/topic.js';
import { ConflictError, KithError, NotFoundError, ValidationError } from '../core/errors.js';
import type { LabelledValue } from '../core/types.js';
import type { SettingsRecord } from '../core/records.js';

export interface ImportOptions {
  fileName?: string | null;
  mapping?: CsvMapping | null;
  dryRun?: boolean;
  /** The id to give the import (a client polls GET /imports/:id with it while the upload runs); a new one by default. */
  importId?: string | null;
  /** Called after each batch with the number of records read so far. */
  onProgress?: (processed: number) => void;
}

export interface ImportCounts {
  total: number;
  imported: number;
  merged: number;
  skipped: number;
}

export interface ImportReport extends ImportCounts {
  /** Null for a dry run: nothing was kept. */
  id: string | null;
  dryRun: boolean;
  format: ContactsFileInfo['format'];
  encoding: string;
  csv: ContactsFileInfo['csv'];
  /** A CSV whose columns Kith does not recognise: nothing was read; confirm `csv.proposedMapping` and send it. */
  needsMapping: boolean;
  /** The first records of the report; GET /imports/:id pages through the rest. */
  records: ImportRecordRow[];
  /** True when `records` holds the whole report. */
  complete: boolean;
}

export interface ImportStatus extends ImportCounts {
  id: string;
  state: 'running' | 'done';
  format: string | null;
  fileName: string | null;
  createdAt: string | null;
  records: ImportRecordRow[];
  /** While running: the bytes of the file read so far. */
  bytesRead: number | null;
}

/** How many records go to the database at a time. */
const BATCH = 500;
/** How many report rows come back with the import itself. */
export const REPORT_PREVIEW = 1000;
/** A photo larger than this is not kept (the record is imported without it, and the report says so). */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

class DryRunRollback extends Error {}

interface Prepared {
  line: number;
  mapping: VCardPersonMapping;
  emails: LabelledValue[];
  phones: LabelledValue[];
  links: LabelledValue[];
  addresses: LabelledValue[];
  commonalities: { kind: VCardPersonMapping['commonalities'][number]['kind']; text: string }[];
  photo: { mime: string; bytes: Buffer } | null;
  notes: string[];
}

export class ImportService {
  private readonly running = new Map<string, { accountId: string; bytes: number; counts: ImportCounts }>();

  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeopleService,
  ) {}

  async import(accountId: string, source: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>, options: ImportOptions = {}): Promise<ImportReport> {
    const id = options.importId ?? this.ctx.newId();
    if (this.running.has(id) || (await this.ctx.store.repos.contacts.getImport(accountId, id))) {
      throw new ConflictError('KITH_IMPORT_EXISTS', `an import with id ${id} exists already: choose a new id`, { importId: id });
    }
    const counts: ImportCounts = { total: 0, imported: 0, merged: 0, skipped: 0 };
    const progress = { accountId, bytes: 0, counts };
    this.running.set(id, progress);
    try {
      return await this.run(accountId, id, counted(source, progress), counts, options);
    } finally {
      this.running.delete(id);
    }
  }

  private async run(accountId: string, id: string, source: AsyncIterable<Buffer | Uint8Array | string>, counts: ImportCounts, options: ImportOptions): Promise<ImportReport> {
    const file = await openContactsFile(source, options.mapping ?? null);
    const dryRun = options.dryRun ?? false;
    const csv = file.info.csv;
    if (csv && !csv.mapping) {
      // A CSV Kith does not recognise: the dry run shows its columns and the proposed mapping for the person to confirm.
      if (dryRun) return { id: null, dryRun, format: 'csv', encoding: file.info.encoding, csv, needsMapping: true, total: 0, imported: 0, merged: 0, skipped: 0, records: [], complete: true };
      throw new KithError('KITH_IMPORT_NEEDS_MAPPING', `Kith does not know this CSV's columns (${csv.columns.join(', ')}): confirm a mapping of columns to fields`, {
        columns: csv.columns,
        proposedMapping: csv.proposedMapping,
      });
    }
    const preview: ImportRecordRow[] = [];
    try {
      await this.ctx.store.transaction(async (repos) => {
        const settings = await repos.accounts.getSettings(accountId);
        const at = this.ctx.clock.now().toISOString();
        await repos.contacts.insertImport(accountId, { id, format: file.info.format, fileName: options.fileName ?? null, dryRun, total: 0, imported: 0, merged: 0, skipped: 0, createdAt: at });
        let batch: ContactsFileRecord[] = [];
        const flush = async (): Promise<void> => {
          const rows = await this.writeBatch(repos, accountId, settings, batch, counts.total, at);
          for (const r of rows) {
            counts.total++;
            counts[r.outcome === 'imported' ? 'imported' : r.outcome === 'merged' ? 'merged' : 'skipped']++;
            if (preview.length < REPORT_PREVIEW) preview.push(r);
          }
          await repos.contacts.addImportRecords(accountId, id, rows);
          batch = [];
          options.onProgress?.(counts.total);
        };
        for await (const record of file.records) {
          batch.push(record);
          if (batch.length >= BATCH) await flush();
        }
        if (batch.length) await flush();
        await repos.contacts.finishImport(accountId, id, counts);
        if (dryRun) throw new DryRunRollback();
      });
    } catch (e) {
      if (!(e instanceof DryRunRollback)) throw e;
    }
    return { id: dryRun ? null : id, dryRun, format: file.info.format, encoding: file.info.encoding, csv, needsMapping: false, ...counts, records: preview, complete: counts.total <= REPORT_PREVIEW };
  }

  async status(accountId: string, id: string, limit: number, offset: number): Promise<ImportStatus> {
    const live = this.running.get(id);
    if (live && live.accountId === accountId) {
      return { id, state: 'running', format: null, fileName: null, createdAt: null, ...live.counts, records: [], bytesRead: live.bytes };
    }
    const repos = this.ctx.store.repos;
    const run: ImportRunRow | null = await repos.contacts.getImport(accountId, id);
    if (!run) throw new NotFoundError('KITH_IMPORT_NOT_FOUND', `no import with id ${id}`, { importId: id });
    const records = await repos.contacts.importRecords(accountId, id, limit, offset);
    return { id, state: 'done', format: run.format, fileName: run.fileName, createdAt: run.createdAt, total: run.total, imported: run.imported, merged: run.merged, skipped: run.skipped, records, bytesRead: null };
  }

  /** Validates and normalises a record; a value Kith cannot read is kept verbatim in the extra lines, never dropped. */
  private prepare(record: { line: number; contact: NonNullable<ContactsFileRecord['contact']> }, settings: SettingsRecord): Prepared {
    const mapping = personInputFromContact(record.contact, 'import');
    const notes: string[] = [];
    const keep = <T extends LabelledValue>(values: T[], normalise: (v: T[]) => LabelledValue[], property: string): LabelledValue[] => {
      const out: LabelledValue[] = [];
      for (const v of values) {
        try {
          out.push(...normalise([v]));
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          mapping.extra.push(`${property}:${v.value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
          notes.push(`kept "${v.value}" as it was: ${e.issues[0]?.message ?? 'not readable'}`);
        }
      }
      return dedupe(out);
    };
    const emails = keep(mapping.input.emails, (v) => normaliseEmails(v), 'EMAIL');
    const phones = keep(mapping.input.phones, (v) => normalisePhones(v, settings.defaultRegion), 'TEL');
    const links = keep(mapping.input.links, (v) => normaliseLinks(v), 'URL');
    const addresses = keep(mapping.input.addresses, (v) => normaliseAddresses(v), 'ADR');
    const commonalities: Prepared['commonalities'] = [];
    const topics = new Set<string>();
    for (const c of mapping.commonalities) {
      const topic = normalizeTopic(c.text.trim());
      if (!topic) mapping.extra.push(`CATEGORIES:${c.text.replace(/([\\,;])/g, '\\$1')}`);
      else if (!topics.has(`${c.kind}:${topic}`)) {
        topics.add(`${c.kind}:${topic}`);
        commonalities.push(c);
      }
    }
    let photo: Prepared['photo'] = null;
    if (mapping.photo) {
      const bytes = Buffer.from(mapping.photo.base64, 'base64');
      if (bytes.length > MAX_PHOTO_BYTES) notes.push(`the photo (${Math.round(bytes.length / 1024)} KB) is larger than 5 MB and was not kept`);
      else photo = { mime: mapping.photo.mime, bytes };
    }
    return { line: record.line, mapping, emails, phones, links, addresses, commonalities, photo, notes };
  }

  private async writeBatch(repos: Repositories, accountId: string, settings: SettingsRecord, batch: ContactsFileRecord[], position: number, at: string): Promise<ImportRecordRow[]> {
    const prepared = batch.map((r): Prepared | { line: number; error: string } => {
      if (r.error !== undefined) return { line: r.line, error: r.error };
      try {
        return this.prepare({ line: r.line, contact: r.contact }, settings);
      } catch (e) {
        if (!(e instanceof KithError)) throw e;
        return { line: r.line, error: e.message };
      }
    });
    const ok = prepared.filter((p): p is Prepared => !('error' in p));
    // Matches for the whole batch in three queries; people created earlier in this batch are added as we go.
    const [byUid, byEmail, byPhone] = await Promise.all([
      repos.contacts.personByUid(
        accountId,
        ok.flatMap((p) => (p.mapping.uid ? [p.mapping.uid] : [])),
      ),
      repos.contacts.peopleByContact(
        accountId,
        'email',
        ok.flatMap((p) => p.emails.map((e) => e.value)),
      ),
      repos.contacts.peopleByContact(
        accountId,
        'phone',
        ok.flatMap((p) => p.phones.map((e) => e.value)),
      ),
    ]);
    const uidsInUse = await repos.contacts.uidsInUse(
      accountId,
      ok.flatMap((p) => (p.mapping.uid ? [p.mapping.uid] : [])),
    );
    const rows: ImportRecordRow[] = [];
    // New people are written together (a few statements per batch); a merge into one of them writes them first.
    let fresh: { person: NewPerson; p: Prepared; uid: string | null }[] = [];
    const freshIds = new Set<string>();
    const writeFresh = async (): Promise<void> => {
      if (!fresh.length) return;
      await this.people.insertPeople(repos, accountId, fresh.map((f) => f.person));
      await repos.contacts.insertVCardData(
        accountId,
        fresh.map((f) => ({ personId: f.person.id, uid: f.uid, birthday: f.p.mapping.birthday, extra: f.p.mapping.extra })),
        at,
      );
      await repos.contacts.insertPhotos(
        accountId,
        fresh.flatMap((f) => (f.p.photo ? [{ personId: f.person.id, ...f.p.photo }] : [])),
        at,
      );
      fresh = [];
      freshIds.clear();
    };
    for (const [i, p] of prepared.entries()) {
      const base = { position: position + i, line: p.line };
      if ('error' in p) {
        rows.push({ ...base, outcome: 'skipped', personId: null, matchedBy: null, name: null, reason: p.error });
        continue;
      }
      const match = matchOf(p, byUid, byEmail, byPhone);
      let outcome: ImportOutcome;
      let personId: string;
      if (match) {
        personId = match.personId;
        if (freshIds.has(personId)) await writeFresh();
        const ok = await this.mergeInto(repos, accountId, settings, personId, p, at);
        if (!ok) {
          rows.push({ ...base, outcome: 'skipped', personId: null, matchedBy: null, name: p.mapping.input.fullName, reason: 'the matching person was deleted during the import' });
          continue;
        }
        outcome = 'merged';
      } else {
        const person = this.people.newPerson(
          accountId,
          settings,
          { ...p.mapping.input, emails: p.emails, phones: p.phones, links: p.links, addresses: p.addresses, commonalities: p.commonalities },
          null,
          at,
        );
        personId = person.id;
        // A UID held by a deleted person stays theirs (restoring them must not clash): the new person goes without.
        const uid = p.mapping.uid && !uidsInUse.has(p.mapping.uid) ? p.mapping.uid : null;
        if (uid) uidsInUse.add(uid);
        else if (p.mapping.uid) p.notes.push(`the card id ${p.mapping.uid} belongs to a deleted person: not kept`);
        fresh.push({ person, p, uid });
        freshIds.add(personId);
        outcome = 'imported';
      }
      if (p.mapping.uid && !byUid.has(p.mapping.uid)) byUid.set(p.mapping.uid, personId);
      for (const e of p.emails) if (!byEmail.has(e.value)) byEmail.set(e.value, personId);
      for (const ph of p.phones) if (!byPhone.has(ph.value)) byPhone.set(ph.value, personId);
      rows.push({ ...base, outcome, personId, matchedBy: match?.by ?? null, name: p.mapping.input.fullName, reason: p.notes.length ? p.notes.join('; ') : null });
    }
    await writeFresh();
    return rows;
  }

  /** Adds what the person lacks; overwrites nothing. Returns false when the person is gone. */
  private async mergeInto(repos: Repositories, accountId: string, settings: SettingsRecord, personId: string, p: Prepared, at: string): Promise<boolean> {
    const person = await repos.people.get(accountId, personId);
    if (!person) return false;
    const fields: Record<string, string> = {};
    const input = p.mapping.input;
    if (!person.company && input.company) fields.company = input.company;
    if (!person.title && input.title) fields.title = input.title;
    if (input.notes?.trim()) {
      if (!person.notes) fields.notes = input.notes.trim();
      else if (!person.notes.includes(input.notes.trim())) fields.notes = `${person.notes}\n\n${input.notes.trim()}`;
    }
    if (!person.introducedBy && input.introducedBy) fields.introducedBy = input.introducedBy;
    if (Object.keys(fields).length) await repos.people.update(accountId, personId, fields, at);
    const union = async (kind: 'email' | 'phone' | 'link' | 'address', have: LabelledValue[], add: LabelledValue[]): Promise<void> => {
      const known = new Set(have.map((v) => v.value));
      const extra = add.filter((v) => !known.has(v.value));
      if (extra.length) await repos.people.replaceContacts(accountId, personId, kind, [...have, ...extra], this.ctx.newId);
    };
    await union('email', person.emails, p.emails);
    await union('phone', person.phones, p.phones);
    await union('link', person.links, p.links);
    await union('address', person.addresses, p.addresses);
    const topics = new Set(person.commonalities.map((c) => `${c.kind}:${c.topic}`));
    for (const c of p.commonalities) {
      if (!topics.has(`${c.kind}:${normalizeTopic(c.text.trim())}`)) await this.people.insertCommonality(repos, accountId, personId, c, at, 'commonalities');
    }
    const current = (await repos.contacts.vcardData(accountId, [personId])).get(personId);
    const uidFree = p.mapping.uid !== null && (await repos.contacts.uidsInUse(accountId, [p.mapping.uid])).size === 0;
    const extra = [...(current?.extra ?? [])];
    for (const line of p.mapping.extra) if (!extra.includes(line)) extra.push(line);
    const next = { uid: current?.uid ?? (uidFree ? p.mapping.uid : null), birthday: current?.birthday ?? p.mapping.birthday, extra };
    if (!current || next.uid !== current.uid || next.birthday !== current.birthday || extra.length !== current.extra.length) {
      await repos.contacts.saveVCardData(accountId, personId, next, at);
    }
    if (p.photo && (await repos.contacts.photos(accountId, [personId])).size === 0) await repos.contacts.savePhoto(accountId, personId, p.photo, at);
    await refreshPerson(repos, accountId, personId, settings);
    return true;
  }
}

async function* counted(source: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>, progress: { bytes: number }): AsyncGenerator<Buffer | Uint8Array | string> {
  for await (const chunk of source) {
    progress.bytes += chunk.length;
    yield chunk;
  }
}

function dedupe(values: LabelledValue[]): LabelledValue[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v.value) ? false : (seen.add(v.value), true)));
}

function matchOf(p: Prepared, byUid: Map<string, string>, byEmail: Map<string, string>, byPhone: Map<string, string>): { personId: string; by: 'uid' | 'email' | 'phone' } | null {
  if (p.mapping.uid && byUid.has(p.mapping.uid)) return { personId: byUid.get(p.mapping.uid)!, by: 'uid' };
  for (const e of p.emails) if (byEmail.has(e.value)) return { personId: byEmail.get(e.value)!, by: 'email' };
  for (const ph of p.phones) if (byPhone.has(ph.value)) return { personId: byPhone.get(ph.value)!, by: 'phone' };
  return null;
}
