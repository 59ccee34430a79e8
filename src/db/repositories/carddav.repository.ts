// CardDAV storage: app passwords, and the address book's sync state (a growing token per account and, per person,
// the card clients know with the token of its last change; deleted rows stay as tombstones).
import type { Executor } from './executor.js';

export interface AppPasswordRecord {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CardState {
  personId: string;
  uid: string;
  hrefName: string;
  etag: string;
  seenUpdatedAt: string;
  syncToken: number;
  deleted: boolean;
}

type CardRow = { person_id: string; uid: string; href_name: string; etag: string; seen_updated_at: string; sync_token: number; deleted: number };

function cardOf(row: CardRow): CardState {
  return {
    personId: row.person_id,
    uid: row.uid,
    hrefName: row.href_name,
    etag: row.etag,
    seenUpdatedAt: row.seen_updated_at,
    syncToken: Number(row.sync_token),
    deleted: Number(row.deleted) === 1,
  };
}

const CARD_COLUMNS = ['person_id', 'uid', 'href_name', 'etag', 'seen_updated_at', 'sync_token', 'deleted'] as const;

export class CardDavRepository {
  constructor(private readonly db: Executor) {}

  async createAppPassword(p: { id: string; accountId: string; name: string; hash: string; prefix: string; createdAt: string }): Promise<void> {
    await this.db
      .insertInto('app_passwords')
      .values({ id: p.id, account_id: p.accountId, name: p.name, password_hash: p.hash, password_prefix: p.prefix, created_at: p.createdAt, last_used_at: null, revoked_at: null })
      .execute();
  }

  async listAppPasswords(accountId: string): Promise<AppPasswordRecord[]> {
    const rows = await this.db
      .selectFrom('app_passwords')
      .select(['id', 'name', 'password_prefix', 'created_at', 'last_used_at'])
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.password_prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  }

  async revokeAppPassword(accountId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('app_passwords')
      .set({ revoked_at: at })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The live app password with this hash, if it belongs to the account with this e-mail. */
  async findAppPassword(email: string, hash: string): Promise<{ id: string; accountId: string; lastUsedAt: string | null } | null> {
    const row = await this.db
      .selectFrom('app_passwords')
      .innerJoin('accounts', 'accounts.id', 'app_passwords.account_id')
      .select(['app_passwords.id', 'app_passwords.account_id', 'app_passwords.last_used_at'])
      .where('app_passwords.password_hash', '=', hash)
      .where('accounts.email', '=', email)
      .where('app_passwords.revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? { id: row.id, accountId: row.account_id, lastUsedAt: row.last_used_at } : null;
  }

  async touchAppPassword(id: string, at: string): Promise<void> {
    await this.db.updateTable('app_passwords').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  /** The account's current sync token; 0 before the address book was first read. */
  async syncToken(accountId: string): Promise<number> {
    const row = await this.db.selectFrom('carddav_books').select('sync_token').where('account_id', '=', accountId).executeTakeFirst();
    return row ? Number(row.sync_token) : 0;
  }

  async setSyncToken(accountId: string, token: number, previous: number): Promise<void> {
    if (previous === 0 && (await this.db.selectFrom('carddav_books').select('account_id').where('account_id', '=', accountId).executeTakeFirst()) === undefined) {
      await this.db.insertInto('carddav_books').values({ account_id: accountId, sync_token: token }).execute();
    } else {
      await this.db.updateTable('carddav_books').set({ sync_token: token }).where('account_id', '=', accountId).execute();
    }
  }

  async cards(accountId: string): Promise<CardState[]> {
    const rows = await this.db.selectFrom('carddav_changes').select(CARD_COLUMNS).where('account_id', '=', accountId).execute();
    return rows.map(cardOf);
  }

  async cardsChangedSince(accountId: string, token: number): Promise<CardState[]> {
    const rows = await this.db
      .selectFrom('carddav_changes')
      .select(CARD_COLUMNS)
      .where('account_id', '=', accountId)
      .where('sync_token', '>', token)
      .orderBy('sync_token')
      .execute();
    return rows.map(cardOf);
  }

  async cardByHref(accountId: string, hrefName: string): Promise<CardState | null> {
    const row = await this.db.selectFrom('carddav_changes').select(CARD_COLUMNS).where('account_id', '=', accountId).where('href_name', '=', hrefName).executeTakeFirst();
    return row ? cardOf(row) : null;
  }

  async liveCardByUid(accountId: string, uid: string): Promise<CardState | null> {
    const row = await this.db
      .selectFrom('carddav_changes')
      .select(CARD_COLUMNS)
      .where('account_id', '=', accountId)
      .where('uid', '=', uid)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return row ? cardOf(row) : null;
  }

  async saveCard(accountId: string, card: CardState): Promise<void> {
    const values = {
      uid: card.uid,
      href_name: card.hrefName,
      etag: card.etag,
      seen_updated_at: card.seenUpdatedAt,
      sync_token: card.syncToken,
      deleted: card.deleted ? 1 : 0,
    };
    const updated = await this.db
      .updateTable('carddav_changes')
      .set(values)
      .where('account_id', '=', accountId)
      .where('person_id', '=', card.personId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await this.db.insertInto('carddav_changes').values({ account_id: accountId, person_id: card.personId, ...values }).execute();
    }
  }

  /** Inserts cards clients have not seen yet, in batches (the first read of a large address book). */
  async insertCards(accountId: string, cards: CardState[]): Promise<void> {
    for (let i = 0; i < cards.length; i += 200) {
      await this.db
        .insertInto('carddav_changes')
        .values(
          cards.slice(i, i + 200).map((c) => ({
            account_id: accountId,
            person_id: c.personId,
            uid: c.uid,
            href_name: c.hrefName,
            etag: c.etag,
            seen_updated_at: c.seenUpdatedAt,
            sync_token: c.syncToken,
            deleted: c.deleted ? 1 : 0,
          })),
        )
        .execute();
    }
  }

  /** Frees a tombstone's resource name for a new card (a client re-creating a card it deleted). */
  async dropTombstone(accountId: string, hrefName: string): Promise<void> {
    await this.db.deleteFrom('carddav_changes').where('account_id', '=', accountId).where('href_name', '=', hrefName).where('deleted', '=', 1).execute();
  }

  /**
   * A fingerprint of everything the account's cards are made of: when it is unchanged, so are the cards, and the
   * full comparison of peopleVersions can be skipped. One aggregate query per table.
   */
  async fingerprint(accountId: string): Promise<string> {
    const [people, vcards, photos, commonalities] = await Promise.all([
      // count(deleted_at) counts the deleted: a delete or restore changes it even within the same millisecond.
      this.db.selectFrom('people').select((e) => [e.fn.countAll<number>().as('n'), e.fn.max('updated_at').as('last'), e.fn.count<number>('deleted_at').as('deleted')]).where('account_id', '=', accountId).executeTakeFirst(),
      this.db.selectFrom('person_vcards').select((e) => [e.fn.countAll<number>().as('n'), e.fn.max('updated_at').as('last')]).where('account_id', '=', accountId).executeTakeFirst(),
      this.db.selectFrom('person_photos').select((e) => [e.fn.countAll<number>().as('n'), e.fn.max('updated_at').as('last')]).where('account_id', '=', accountId).executeTakeFirst(),
      this.db.selectFrom('commonalities').select((e) => [e.fn.countAll<number>().as('n'), e.fn.max('created_at').as('last')]).where('account_id', '=', accountId).executeTakeFirst(),
    ]);
    return [`${Number(people?.deleted ?? 0)}`, ...[people, vcards, photos, commonalities].map((r) => `${Number(r?.n ?? 0)}@${r?.last ?? ''}`)].join('|');
  }

  async cardsByHref(accountId: string, hrefNames: string[]): Promise<CardState[]> {
    const out: CardState[] = [];
    for (let i = 0; i < hrefNames.length; i += 500) {
      const part = hrefNames.slice(i, i + 500);
      if (part.length === 0) continue;
      const rows = await this.db.selectFrom('carddav_changes').select(CARD_COLUMNS).where('account_id', '=', accountId).where('href_name', 'in', part).execute();
      out.push(...rows.map(cardOf));
    }
    return out;
  }

  /**
   * Every person of the account (deleted ones too: soft delete) with a version that changes whenever their card
   * would: the person's updated_at, their vCard data's and photo's, and their commonalities' count and latest.
   */
  async peopleVersions(accountId: string): Promise<{ id: string; version: string; deleted: boolean }[]> {
    const rows = await this.db
      .selectFrom('people')
      .leftJoin('person_vcards', 'person_vcards.person_id', 'people.id')
      .leftJoin('person_photos', 'person_photos.person_id', 'people.id')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('commonalities')
            .select((e) => ['person_id', e.fn.countAll<number>().as('n'), e.fn.max('created_at').as('last')])
            .where('account_id', '=', accountId)
            .groupBy('person_id')
            .as('c'),
        (join) => join.onRef('c.person_id', '=', 'people.id'),
      )
      .select(['people.id', 'people.updated_at', 'people.deleted_at', 'person_vcards.updated_at as vcard_at', 'person_photos.updated_at as photo_at', 'c.n', 'c.last'])
      .where('people.account_id', '=', accountId)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      version: [r.updated_at, r.vcard_at ?? '', r.photo_at ?? '', r.n === null ? 0 : Number(r.n), r.last ?? ''].join('|'),
      deleted: r.deleted_at !== null,
    }));
  }

  /**
   * Frees a vCard UID held by a deleted person, so that a client can create a card with it again (UIDs are unique
   * per account in person_vcards, deleted people included).
   */
  async releaseUidOfDeleted(accountId: string, uid: string): Promise<void> {
    await this.db
      .updateTable('person_vcards')
      .set({ uid: null })
      .where('account_id', '=', accountId)
      .where('uid', '=', uid)
      .where('person_id', 'in', (eb) => eb.selectFrom('people').select('id').where('account_id', '=', accountId).where('deleted_at', 'is not', null))
      .execute();
  }
}
