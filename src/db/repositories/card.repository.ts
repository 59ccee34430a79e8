// Scanned cards waiting for review, and the pictures of cards kept with people.
import type { Executor } from './executor.js';

export type CardSide = 'front' | 'back';

export interface CardImageRecord {
  id: string;
  side: CardSide;
  mime: string;
  width: number;
  height: number;
  createdAt: string;
}

export interface NewCardImage {
  id: string;
  side: CardSide;
  mime: string;
  width: number;
  height: number;
  bytes: Buffer;
}

export interface CardScanRecord {
  id: string;
  eventId: string | null;
  /** The reader's draft, as JSON (its shape belongs to core/card-fields). */
  draft: string;
  createdAt: string;
  expiresAt: string;
  images: CardImageRecord[];
}

const IMAGE_COLUMNS = ['id', 'side', 'mime', 'width', 'height', 'created_at'] as const;
type ImageRow = { id: string; side: string; mime: string; width: number; height: number; created_at: string };
const toImage = (r: ImageRow): CardImageRecord => ({ id: r.id, side: r.side as CardSide, mime: r.mime, width: Number(r.width), height: Number(r.height), createdAt: r.created_at });

export class CardRepository {
  constructor(private readonly db: Executor) {}

  async insertScan(accountId: string, scan: Omit<CardScanRecord, 'images'>, images: NewCardImage[]): Promise<void> {
    await this.db
      .insertInto('card_scans')
      .values({ id: scan.id, account_id: accountId, event_id: scan.eventId, draft: scan.draft, created_at: scan.createdAt, expires_at: scan.expiresAt })
      .execute();
    for (const image of images) {
      await this.db
        .insertInto('card_images')
        .values({ ...image, account_id: accountId, scan_id: scan.id, person_id: null, created_at: scan.createdAt })
        .execute();
    }
  }

  async getScan(accountId: string, scanId: string, now: string): Promise<CardScanRecord | null> {
    const row = await this.db
      .selectFrom('card_scans')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', scanId)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return null;
    const images = await this.db.selectFrom('card_images').select(IMAGE_COLUMNS).where('account_id', '=', accountId).where('scan_id', '=', scanId).orderBy('side', 'desc').execute();
    return { id: row.id, eventId: row.event_id, draft: row.draft, createdAt: row.created_at, expiresAt: row.expires_at, images: images.map(toImage) };
  }

  /** Gives the scan's pictures to the person it made, and forgets the scan. */
  async attachToPerson(accountId: string, scanId: string, personId: string): Promise<void> {
    await this.db.updateTable('card_images').set({ person_id: personId, scan_id: null }).where('account_id', '=', accountId).where('scan_id', '=', scanId).execute();
    await this.db.deleteFrom('card_scans').where('account_id', '=', accountId).where('id', '=', scanId).execute();
  }

  async deleteScan(accountId: string, scanId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('card_scans').where('account_id', '=', accountId).where('id', '=', scanId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Scans nobody saved within their day, with their pictures (the foreign key cascades). */
  async purgeExpired(accountId: string, now: string): Promise<void> {
    await this.db.deleteFrom('card_images').where('account_id', '=', accountId).where('scan_id', 'in', (eb) => eb.selectFrom('card_scans').select('id').where('account_id', '=', accountId).where('expires_at', '<=', now)).execute();
    await this.db.deleteFrom('card_scans').where('account_id', '=', accountId).where('expires_at', '<=', now).execute();
  }

  async personImages(accountId: string, personId: string): Promise<CardImageRecord[]> {
    const rows = await this.db.selectFrom('card_images').select(IMAGE_COLUMNS).where('account_id', '=', accountId).where('person_id', '=', personId).orderBy('created_at').orderBy('side', 'desc').execute();
    return rows.map(toImage);
  }

  /** The bytes of one picture, of a scan or of a person, of this account only. */
  async imageBytes(accountId: string, imageId: string): Promise<{ mime: string; bytes: Buffer; scanId: string | null; personId: string | null } | null> {
    const row = await this.db.selectFrom('card_images').select(['mime', 'bytes', 'scan_id', 'person_id']).where('account_id', '=', accountId).where('id', '=', imageId).executeTakeFirst();
    return row ? { mime: row.mime, bytes: Buffer.from(row.bytes), scanId: row.scan_id, personId: row.person_id } : null;
  }
}
