// Things to share, who they went to, and the matching terms of commonalities. Every query is scoped to its account.
import type { Executor } from './executor.js';
import type { CommonalityKind } from '../../core/types.js';

export type DeliveryState = 'sent' | 'dismissed';

export interface ShareRecord {
  id: string;
  title: string;
  link: string | null;
  topics: string[];
  note: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ShareListItem extends ShareRecord {
  /** How many people it was sent to. */
  sentCount: number;
}

export interface DeliveryRecord {
  shareId: string;
  personId: string;
  state: DeliveryState;
  at: string;
}

/** A commonality's terms as stored for matching. */
export interface CommonalityTerms {
  personId: string;
  commonalityId: string;
  kind: CommonalityKind;
  terms: string[];
}

/** One term of one commonality, found by the index, with what scoring needs. */
export interface TermHit {
  commonalityId: string;
  personId: string;
  term: string;
  kind: CommonalityKind;
  /** How many terms the commonality has in all. */
  termCount: number;
}

type ShareRow = { id: string; title: string; link: string | null; topics: string; note: string | null; archived_at: string | null; created_at: string; updated_at: string };

const toRecord = (r: ShareRow): ShareRecord => ({
  id: r.id,
  title: r.title,
  link: r.link,
  topics: JSON.parse(r.topics) as string[],
  note: r.note,
  archivedAt: r.archived_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const SHARE_COLUMNS = ['id', 'title', 'link', 'topics', 'note', 'archived_at', 'created_at', 'updated_at'] as const;
const ROWS_PER_INSERT = 500;

export class ShareRepository {
  constructor(private readonly db: Executor) {}

  async insert(accountId: string, share: ShareRecord): Promise<void> {
    await this.db
      .insertInto('shares')
      .values({
        id: share.id,
        account_id: accountId,
        title: share.title,
        link: share.link,
        topics: JSON.stringify(share.topics),
        note: share.note,
        archived_at: share.archivedAt,
        created_at: share.createdAt,
        updated_at: share.updatedAt,
      })
      .execute();
  }

  async get(accountId: string, id: string): Promise<ShareRecord | null> {
    const row = await this.db.selectFrom('shares').select(SHARE_COLUMNS).where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Newest first; archived ones only when asked. */
  async list(accountId: string, includeArchived: boolean): Promise<ShareListItem[]> {
    let query = this.db
      .selectFrom('shares')
      .select(SHARE_COLUMNS)
      .select((eb) =>
        eb
          .selectFrom('share_deliveries')
          .select((d) => d.fn.countAll<number>().as('n'))
          .whereRef('share_deliveries.share_id', '=', 'shares.id')
          .where('share_deliveries.account_id', '=', accountId)
          .where('share_deliveries.state', '=', 'sent')
          .as('sent_count'),
      )
      .where('account_id', '=', accountId);
    if (!includeArchived) query = query.where('archived_at', 'is', null);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map((r) => ({ ...toRecord(r), sentCount: Number(r.sent_count ?? 0) }));
  }

  /** The shares that are suggested: not archived, oldest first (a stable order). */
  async active(accountId: string): Promise<ShareRecord[]> {
    const rows = await this.db.selectFrom('shares').select(SHARE_COLUMNS).where('account_id', '=', accountId).where('archived_at', 'is', null).orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async update(accountId: string, id: string, fields: Partial<Pick<ShareRecord, 'title' | 'link' | 'topics' | 'note' | 'archivedAt'>>, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('shares')
      .set({
        ...(fields.title !== undefined ? { title: fields.title } : {}),
        ...(fields.link !== undefined ? { link: fields.link } : {}),
        ...(fields.topics !== undefined ? { topics: JSON.stringify(fields.topics) } : {}),
        ...(fields.note !== undefined ? { note: fields.note } : {}),
        ...(fields.archivedAt !== undefined ? { archived_at: fields.archivedAt } : {}),
        updated_at: at,
      })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('shares').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  // Deliveries

  async deliveries(accountId: string, shareIds: string[]): Promise<DeliveryRecord[]> {
    if (shareIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('share_deliveries')
      .select(['share_id', 'person_id', 'state', 'at'])
      .where('account_id', '=', accountId)
      .where('share_id', 'in', shareIds)
      .execute();
    return rows.map((r) => ({ shareId: r.share_id, personId: r.person_id, state: r.state, at: r.at }));
  }

  async delivery(accountId: string, shareId: string, personId: string): Promise<DeliveryRecord | null> {
    const row = await this.db
      .selectFrom('share_deliveries')
      .select(['share_id', 'person_id', 'state', 'at'])
      .where('account_id', '=', accountId)
      .where('share_id', '=', shareId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row ? { shareId: row.share_id, personId: row.person_id, state: row.state, at: row.at } : null;
  }

  /** Records a send or a dismissal; a later one replaces an earlier one for the same share and person. */
  async putDelivery(accountId: string, d: DeliveryRecord): Promise<void> {
    await this.db
      .insertInto('share_deliveries')
      .values({ account_id: accountId, share_id: d.shareId, person_id: d.personId, state: d.state, at: d.at })
      .onConflict((oc) => oc.columns(['share_id', 'person_id']).doUpdateSet({ state: d.state, at: d.at }))
      .execute();
  }

  // Commonality terms

  async addTerms(accountId: string, c: CommonalityTerms): Promise<void> {
    await this.addManyTerms(accountId, [c]);
  }

  /** Inserts the terms of many commonalities at once. */
  async addManyTerms(accountId: string, commonalities: CommonalityTerms[]): Promise<void> {
    const values = commonalities.flatMap((c) =>
      c.terms.map((term) => ({ account_id: accountId, term, person_id: c.personId, commonality_id: c.commonalityId, kind: c.kind, term_count: c.terms.length })),
    );
    for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
      await this.db.insertInto('commonality_terms').values(values.slice(i, i + ROWS_PER_INSERT)).execute();
    }
  }

  /** Every (commonality, term) of the account holding one of the terms: one query that reads only its index. */
  async termHits(accountId: string, terms: string[]): Promise<TermHit[]> {
    if (terms.length === 0) return [];
    const rows = await this.db
      .selectFrom('commonality_terms')
      .select(['commonality_id', 'person_id', 'term', 'kind', 'term_count'])
      .where('account_id', '=', accountId)
      .where('term', 'in', terms)
      .execute();
    return rows.map((r) => ({ commonalityId: r.commonality_id, personId: r.person_id, term: r.term, kind: r.kind as CommonalityKind, termCount: Number(r.term_count) }));
  }

  /** The ids of the account's deleted people (waiting for undo): few, read through their own small index. */
  async deletedPeople(accountId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('people').select('id').where('account_id', '=', accountId).where('deleted_at', 'is not', null).execute();
    return new Set(rows.map((r) => r.id));
  }
}
