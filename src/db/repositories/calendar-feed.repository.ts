// The calendar feed: its secret (hashed), the facts it shows, and the digest and SEQUENCE of each item it showed.
import type { Executor } from './executor.js';
import type { FeedEventFact, FeedFollowUpFact, FeedPromiseFact } from '../../core/calendar-feed.js';
import type { FollowUpReason } from '../../core/follow-up-schedule.js';
import type { EventRole, PromiseDirection, Stage } from '../../core/types.js';

export interface CalendarFeedRecord {
  prefix: string;
  createdAt: string;
  lastFetchedAt: string | null;
}

export interface StoredFeedItem {
  digest: string;
  sequence: number;
}

/** A person's follow-up with what its reason is worded from (the cadence is settled by the service). */
export type FollowUpFactRow = Omit<FeedFollowUpFact, 'cadenceDays'> & { stage: Stage; personCadenceDays: number | null };

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const WRITE_CHUNK = 500;

export class CalendarFeedRepository {
  constructor(private readonly db: Executor) {}

  async find(accountId: string): Promise<CalendarFeedRecord | null> {
    const row = await this.db
      .selectFrom('calendar_feeds')
      .select(['token_prefix', 'created_at', 'last_fetched_at'])
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? { prefix: row.token_prefix, createdAt: row.created_at, lastFetchedAt: row.last_fetched_at } : null;
  }

  /** Creates the account's feed, or replaces its secret: the old one stops matching at once. */
  async put(accountId: string, feed: { hash: string; prefix: string; createdAt: string }): Promise<void> {
    await this.db
      .insertInto('calendar_feeds')
      .values({ account_id: accountId, token_hash: feed.hash, token_prefix: feed.prefix, created_at: feed.createdAt, last_fetched_at: null })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ token_hash: feed.hash, token_prefix: feed.prefix, created_at: feed.createdAt, last_fetched_at: null }))
      .execute();
  }

  async remove(accountId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('calendar_feeds').where('account_id', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async findByHash(hash: string): Promise<{ accountId: string; lastFetchedAt: string | null } | null> {
    const row = await this.db.selectFrom('calendar_feeds').select(['account_id', 'last_fetched_at']).where('token_hash', '=', hash).executeTakeFirst();
    return row ? { accountId: row.account_id, lastFetchedAt: row.last_fetched_at } : null;
  }

  async touch(accountId: string, at: string): Promise<void> {
    await this.db.updateTable('calendar_feeds').set({ last_fetched_at: at }).where('account_id', '=', accountId).execute();
  }

  /** Live people with a follow-up, the earliest due first (overdue ones all sit on today). */
  async followUpFacts(accountId: string, limit: number): Promise<FollowUpFactRow[]> {
    const rows = await this.db
      .selectFrom('people')
      .leftJoin('events', (join) => join.onRef('events.id', '=', 'people.met_event_id').on('events.account_id', '=', accountId))
      .select([
        'people.id',
        'people.full_name',
        'people.stage',
        'people.cadence_days',
        'people.last_touch_on',
        'people.follow_up_reason',
        'people.follow_up_since',
        'people.follow_up_due_on',
        'events.name as event_name',
      ])
      .where('people.account_id', '=', accountId)
      .where('people.deleted_at', 'is', null)
      .where('people.follow_up_due_on', 'is not', null)
      .where('people.follow_up_reason', 'is not', null)
      .where('people.follow_up_since', 'is not', null)
      .orderBy('people.follow_up_due_on')
      .orderBy('people.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      personId: r.id,
      fullName: r.full_name,
      reason: r.follow_up_reason as FollowUpReason,
      since: r.follow_up_since as string,
      dueOn: r.follow_up_due_on as string,
      eventName: r.follow_up_reason === 'first_follow_up' ? r.event_name : null,
      everTouched: r.last_touch_on !== null,
      stage: r.stage as Stage,
      personCadenceDays: r.cadence_days,
    }));
  }

  /** Open promises of live people with a due day: up to `limit` from `today` on, and up to `limit` before it. */
  async promiseFacts(accountId: string, today: string, limit: number): Promise<FeedPromiseFact[]> {
    const base = this.db
      .selectFrom('promises')
      .innerJoin('people', (join) => join.onRef('people.id', '=', 'promises.person_id').on('people.account_id', '=', accountId))
      .select(['promises.id', 'promises.person_id', 'people.full_name', 'promises.direction', 'promises.text', 'promises.due_on'])
      .where('promises.account_id', '=', accountId)
      .where('promises.done_at', 'is', null)
      .where('people.deleted_at', 'is', null);
    const [ahead, behind] = await Promise.all([
      base.where('promises.due_on', '>=', today).orderBy('promises.due_on').orderBy('promises.id').limit(limit).execute(),
      base.where('promises.due_on', '<', today).orderBy('promises.due_on', 'desc').orderBy('promises.id', 'desc').limit(limit).execute(),
    ]);
    return [...ahead, ...behind].map((r) => ({
      id: r.id,
      personId: r.person_id,
      fullName: r.full_name,
      direction: r.direction as PromiseDirection,
      text: r.text,
      dueOn: r.due_on as string,
    }));
  }

  /** The account's events (attended, hosted or spoken at): up to `limit` from `now` on, and up to `limit` before. */
  async eventFacts(accountId: string, now: string, limit: number): Promise<FeedEventFact[]> {
    const base = this.db
      .selectFrom('events')
      .select(['id', 'name', 'starts_at', 'ends_at', 'time_zone', 'place', 'link', 'role'])
      .where('account_id', '=', accountId);
    const [ahead, behind] = await Promise.all([
      base.where('starts_at', '>=', now).orderBy('starts_at').orderBy('id').limit(limit).execute(),
      base.where('starts_at', '<', now).orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
    ]);
    return [...ahead, ...behind].map((r) => ({
      id: r.id,
      name: r.name,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      timeZone: r.time_zone,
      place: r.place,
      link: r.link,
      role: r.role as EventRole,
    }));
  }

  /** The digest and SEQUENCE of every item the account's feed ever showed, by UID. */
  async storedItems(accountId: string): Promise<Map<string, StoredFeedItem>> {
    const rows = await this.db.selectFrom('calendar_feed_items').select(['uid', 'digest', 'sequence']).where('account_id', '=', accountId).execute();
    return new Map(rows.map((r) => [r.uid, { digest: r.digest, sequence: Number(r.sequence) }]));
  }

  /** Records new and changed items (and only those). */
  async saveItems(accountId: string, items: { uid: string; digest: string; sequence: number }[], at: string): Promise<void> {
    for (let i = 0; i < items.length; i += WRITE_CHUNK) {
      const chunk = items.slice(i, i + WRITE_CHUNK);
      await this.db
        .insertInto('calendar_feed_items')
        .values(chunk.map((item) => ({ account_id: accountId, uid: item.uid, digest: item.digest, sequence: item.sequence, updated_at: at })))
        .onConflict((oc) =>
          oc.columns(['account_id', 'uid']).doUpdateSet((eb) => ({
            digest: eb.ref('excluded.digest'),
            sequence: eb.ref('excluded.sequence'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }
}
