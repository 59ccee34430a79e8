// What vCards carry beyond a person's fields (UID, unknown lines, birthday, photo), finding people by UID, e-mail or
// phone for imports, and the import runs with their per-record reports.
import { insertRows, type Executor } from './executor.js';

export interface PersonVCardData {
  uid: string | null;
  birthday: string | null;
  extra: string[];
}

export interface PersonPhoto {
  mime: string;
  bytes: Buffer;
}

export type ImportOutcome = 'imported' | 'merged' | 'skipped';

export interface ImportRecordRow {
  position: number;
  line: number;
  outcome: ImportOutcome;
  personId: string | null;
  /** For a merge: what matched ('uid', 'email', 'phone'). */
  matchedBy: string | null;
  name: string | null;
  reason: string | null;
}

export interface ImportRunRow {
  id: string;
  format: string;
  fileName: string | null;
  dryRun: boolean;
  total: number;
  imported: number;
  merged: number;
  skipped: number;
  createdAt: string;
}

const CHUNK = 500;
const PHOTO_BYTES_PER_STATEMENT = 8 * 1024 * 1024;

function chunks<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

export class ContactsRepository {
  constructor(private readonly db: Executor) {}

  async vcardData(accountId: string, personIds: string[]): Promise<Map<string, PersonVCardData>> {
    const out = new Map<string, PersonVCardData>();
    for (const ids of chunks(personIds)) {
      if (ids.length === 0) continue;
      const rows = await this.db.selectFrom('person_vcards').select(['person_id', 'uid', 'birthday', 'extra']).where('account_id', '=', accountId).where('person_id', 'in', ids).execute();
      for (const r of rows) out.set(r.person_id, { uid: r.uid, birthday: r.birthday, extra: JSON.parse(r.extra) as string[] });
    }
    return out;
  }

  async saveVCardData(accountId: string, personId: string, data: PersonVCardData, at: string): Promise<void> {
    const values = { uid: data.uid, birthday: data.birthday, extra: JSON.stringify(data.extra), updated_at: at };
    await this.db
      .insertInto('person_vcards')
      .values({ person_id: personId, account_id: accountId, ...values })
      .onConflict((oc) => oc.column('person_id').doUpdateSet(values))
      .execute();
  }

  async deletePhoto(accountId: string, personId: string): Promise<void> {
    await this.db.deleteFrom('person_photos').where('account_id', '=', accountId).where('person_id', '=', personId).execute();
  }

  /** The vCard data of people just made (an import's batch): plain inserts. */
  async insertVCardData(accountId: string, rows: ({ personId: string } & PersonVCardData)[], at: string): Promise<void> {
    await insertRows(
      this.db,
      'person_vcards',
      rows.map((r) => ({ person_id: r.personId, account_id: accountId, uid: r.uid, birthday: r.birthday, extra: JSON.stringify(r.extra), updated_at: at })),
    );
  }

  /** The photos of people just made. */
  async insertPhotos(accountId: string, rows: ({ personId: string } & PersonPhoto)[], at: string): Promise<void> {
    // Grouped by size too: a batch of large photos would otherwise make one statement of hundreds of MB.
    let group: typeof rows = [];
    let size = 0;
    const write = async (): Promise<void> => {
      await insertRows(this.db, 'person_photos', group.map((r) => ({ person_id: r.personId, account_id: accountId, mime: r.mime, bytes: r.bytes, updated_at: at })));
      group = [];
      size = 0;
    };
    for (const r of rows) {
      if (size + r.bytes.length > PHOTO_BYTES_PER_STATEMENT && group.length) await write();
      group.push(r);
      size += r.bytes.length;
    }
    await write();
  }

  async photos(accountId: string, personIds: string[]): Promise<Map<string, PersonPhoto>> {
    const out = new Map<string, PersonPhoto>();
    for (const ids of chunks(personIds)) {
      if (ids.length === 0) continue;
      const rows = await this.db.selectFrom('person_photos').select(['person_id', 'mime', 'bytes']).where('account_id', '=', accountId).where('person_id', 'in', ids).execute();
      for (const r of rows) out.set(r.person_id, { mime: r.mime, bytes: Buffer.from(r.bytes) });
    }
    return out;
  }

  async savePhoto(accountId: string, personId: string, photo: PersonPhoto, at: string): Promise<void> {
    const values = { mime: photo.mime, bytes: photo.bytes, updated_at: at };
    await this.db
      .insertInto('person_photos')
      .values({ person_id: personId, account_id: accountId, ...values })
      .onConflict((oc) => oc.column('person_id').doUpdateSet(values))
      .execute();
  }

  /** The living person with this vCard UID, if any. */
  async personByUid(accountId: string, uids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(uids)])) {
      if (part.length === 0) continue;
      const rows = await this.db
        .selectFrom('person_vcards')
        .innerJoin('people', 'people.id', 'person_vcards.person_id')
        .select(['person_vcards.uid', 'person_vcards.person_id'])
        .where('person_vcards.account_id', '=', accountId)
        .where('people.deleted_at', 'is', null)
        .where('person_vcards.uid', 'in', part)
        .execute();
      for (const r of rows) if (r.uid) out.set(r.uid, r.person_id);
    }
    return out;
  }

  /** The UIDs among these that any person of the account holds, deleted people included (the UID stays theirs). */
  async uidsInUse(accountId: string, uids: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(uids)])) {
      if (part.length === 0) continue;
      const rows = await this.db.selectFrom('person_vcards').select('uid').where('account_id', '=', accountId).where('uid', 'in', part).execute();
      for (const r of rows) if (r.uid) out.add(r.uid);
    }
    return out;
  }

  /** Living people by e-mail or phone (normalised values as stored): value → person id (the oldest one). */
  async peopleByContact(accountId: string, kind: 'email' | 'phone', values: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(values)])) {
      if (part.length === 0) continue;
      const rows = await this.db
        .selectFrom('person_contacts')
        .innerJoin('people', 'people.id', 'person_contacts.person_id')
        .select(['person_contacts.value', 'person_contacts.person_id', 'people.created_at'])
        .where('person_contacts.account_id', '=', accountId)
        .where('person_contacts.kind', '=', kind)
        .where('person_contacts.value', 'in', part)
        .where('people.deleted_at', 'is', null)
        .orderBy('people.created_at')
        .orderBy('people.id')
        .execute();
      for (const r of rows) if (!out.has(r.value)) out.set(r.value, r.person_id);
    }
    return out;
  }

  /** The ids of an account's living people, oldest first, a page at a time (for exports). */
  async livePersonIds(accountId: string, after: { createdAt: string; id: string } | null, limit: number): Promise<{ id: string; createdAt: string }[]> {
    let q = this.db.selectFrom('people').select(['id', 'created_at']).where('account_id', '=', accountId).where('deleted_at', 'is', null);
    if (after) q = q.where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]));
    const rows = await q.orderBy('created_at').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at }));
  }

  async insertImport(accountId: string, run: ImportRunRow): Promise<void> {
    await this.db
      .insertInto('imports')
      .values({
        id: run.id,
        account_id: accountId,
        format: run.format,
        file_name: run.fileName,
        dry_run: run.dryRun ? 1 : 0,
        total: run.total,
        imported: run.imported,
        merged: run.merged,
        skipped: run.skipped,
        created_at: run.createdAt,
      })
      .execute();
  }

  async finishImport(accountId: string, id: string, counts: { total: number; imported: number; merged: number; skipped: number }): Promise<void> {
    await this.db.updateTable('imports').set(counts).where('account_id', '=', accountId).where('id', '=', id).execute();
  }

  async addImportRecords(accountId: string, importId: string, records: ImportRecordRow[]): Promise<void> {
    // 9 columns a row: 100 rows stay far below SQLite's and PostgreSQL's limits on bound parameters.
    for (let i = 0; i < records.length; i += 100) {
      await this.db
        .insertInto('import_records')
        .values(
          records.slice(i, i + 100).map((r) => ({
            import_id: importId,
            account_id: accountId,
            position: r.position,
            line: r.line,
            outcome: r.outcome,
            person_id: r.personId,
            matched_by: r.matchedBy,
            name: r.name,
            reason: r.reason,
          })),
        )
        .execute();
    }
  }

  async getImport(accountId: string, id: string): Promise<ImportRunRow | null> {
    const r = await this.db.selectFrom('imports').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    return {
      id: r.id,
      format: r.format,
      fileName: r.file_name,
      dryRun: Number(r.dry_run) === 1,
      total: Number(r.total),
      imported: Number(r.imported),
      merged: Number(r.merged),
      skipped: Number(r.skipped),
      createdAt: r.created_at,
    };
  }

  async importRecords(accountId: string, importId: string, limit: number, offset: number): Promise<ImportRecordRow[]> {
    const rows = await this.db
      .selectFrom('import_records')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('import_id', '=', importId)
      .orderBy('position')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => ({
      position: Number(r.position),
      line: Number(r.line),
      outcome: r.outcome as ImportOutcome,
      personId: r.person_id,
      matchedBy: r.matched_by,
      name: r.name,
      reason: r.reason,
    }));
  }
}
