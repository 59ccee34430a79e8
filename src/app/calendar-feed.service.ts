// The calendar feed: a secret URL per account (created, rotated, revoked; the token is shown once and stored only as
// a hash) and the ICS document behind it, with SEQUENCE bumped exactly for the items that changed since last read.
import { randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';
import { sha256 } from './auth.service.js';
import { writeFeedIcs, type SequencedItem } from './calendar-feed-ics.js';
import { NotFoundError } from '../core/errors.js';
import { localDateOf } from '../core/calendar-date.js';
import { effectiveCadence } from '../core/follow-up-schedule.js';
import { buildFeedItems, itemFingerprint, MAX_FEED_ITEMS, nextSequence, withSuggestion } from '../core/calendar-feed.js';
import type { CalendarFeedRecord } from '../db/repositories/calendar-feed.repository.js';
import type { SuggestionService } from './suggestions.service.js';

/** Characters of the token shown so a person can tell one URL from the next. */
const PREFIX_LENGTH = 6;
/** A fetch is recorded at most this often: calendars poll, and a read should not always write. */
const FETCH_TOUCH_INTERVAL_MS = 60_000;
/** Written documents kept in memory for calendars that poll: at most this many accounts' latest, and this many bytes. */
const RENDERED_ACCOUNTS = 16;
const RENDERED_BYTES = 48 * 1_048_576;

export interface NewCalendarFeed {
  /** The secret URL, shown this once. */
  url: string;
  prefix: string;
  createdAt: string;
}

export interface CalendarFeedDocument {
  /** Changes exactly when the document's content does (not with DTSTAMP, which is the time of each read). */
  etag: string;
  /** The ICS text; written only when asked, so that a 304 costs no serialisation. */
  render(): string;
}

/** The address of a feed: `<base>/feeds/<token>.ics`. */
export function feedUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/feeds/${token}.ics`;
}

export class CalendarFeedService {
  /**
   * The last document written per account, by ETag. Calendars poll every few minutes or hours and most polls find
   * nothing changed; writing 10,000 items costs far more than checking that they are unchanged. Its DTSTAMP is
   * when it was written. Least recently used first out.
   */
  private readonly rendered = new Map<string, { etag: string; body: string }>();
  private renderedBytes = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly suggestions: SuggestionService,
  ) {}

  status(accountId: string): Promise<CalendarFeedRecord | null> {
    return this.ctx.store.repos.calendarFeeds.find(accountId);
  }

  /** Creates the account's feed, or rotates it: the previous URL stops working at once. */
  async create(accountId: string, baseUrl: string): Promise<NewCalendarFeed> {
    const token = randomBytes(32).toString('base64url');
    const prefix = token.slice(0, PREFIX_LENGTH);
    const createdAt = this.ctx.clock.now().toISOString();
    await this.ctx.store.repos.calendarFeeds.put(accountId, { hash: sha256(token), prefix, createdAt });
    return { url: feedUrl(baseUrl, token), prefix, createdAt };
  }

  async revoke(accountId: string): Promise<void> {
    const removed = await this.ctx.store.repos.calendarFeeds.remove(accountId);
    this.forget(accountId);
    if (!removed) throw new NotFoundError('KITH_CALENDAR_FEED_NOT_FOUND', 'this account has no calendar feed (it was never created, or was revoked already)');
  }

  /**
   * The feed behind a token, or null for any token that is not an active feed's (revoked, rotated, mistyped or
   * made up): every token takes the same path, hashed and then looked up, so timing tells nothing.
   */
  async document(token: string, baseUrl: string): Promise<CalendarFeedDocument | null> {
    const feed = await this.ctx.store.repos.calendarFeeds.findByHash(sha256(token));
    if (!feed) return null;
    const { accountId } = feed;
    const now = this.ctx.clock.now();
    const nowIso = now.toISOString();
    const repos = this.ctx.store.repos;
    const settings = await repos.accounts.getSettings(accountId);
    const today = localDateOf(now, settings.timeZone);
    const [followUps, promises, events, suggested] = await Promise.all([
      repos.calendarFeeds.followUpFacts(accountId, MAX_FEED_ITEMS),
      repos.calendarFeeds.promiseFacts(accountId, today, MAX_FEED_ITEMS),
      repos.calendarFeeds.eventFacts(accountId, nowIso, MAX_FEED_ITEMS),
      // Today's suggestions (the list of Today, `kith due` and the digest) carry their drafted words in the feed too.
      this.suggestions.today(accountId),
    ]);
    const byUid = new Map(suggested.items.map((s) => [s.kind === 'promise' ? `promise-${s.promiseId}@kith` : `followup-${s.personId}@kith`, s]));
    const built = buildFeedItems(
      {
        followUps: followUps.map(({ stage, personCadenceDays, ...fact }) => ({ ...fact, cadenceDays: effectiveCadence({ stage, cadenceDays: personCadenceDays }, settings) })),
        promises,
        events,
      },
      today,
      now,
    );
    const items = built.map((item) => {
      const suggestion = byUid.get(item.uid);
      return suggestion && item.kind !== 'event' ? withSuggestion(item, suggestion) : item;
    });
    const digests = items.map((item) => sha256(itemFingerprint(item)));

    // One read of the stored digests and writes for the new and changed items only, in one transaction.
    const sequenced = await this.ctx.store.transaction(async (r) => {
      const stored = await r.calendarFeeds.storedItems(accountId);
      const changed: { uid: string; digest: string; sequence: number }[] = [];
      const result: SequencedItem[] = items.map((item, i) => {
        const digest = digests[i] as string;
        const next = nextSequence(stored.get(item.uid), digest);
        if (next.changed) changed.push({ uid: item.uid, digest, sequence: next.sequence });
        return { item, sequence: next.sequence };
      });
      await r.calendarFeeds.saveItems(accountId, changed, nowIso);
      if (!feed.lastFetchedAt || now.getTime() - Date.parse(feed.lastFetchedAt) > FETCH_TOUCH_INTERVAL_MS) {
        await r.calendarFeeds.touch(accountId, nowIso);
      }
      return result;
    });

    const etag = `"${sha256([baseUrl, settings.timeZone, ...sequenced.map((s, i) => `${s.item.uid} ${s.sequence} ${digests[i]}`)].join('\n'))}"`;
    return {
      etag,
      render: () => {
        const kept = this.rendered.get(accountId);
        if (kept?.etag === etag) {
          this.keep(accountId, kept);
          return kept.body;
        }
        const body = writeFeedIcs(sequenced, { baseUrl, timeZone: settings.timeZone, stamp: now });
        this.keep(accountId, { etag, body });
        return body;
      },
    };
  }

  private keep(accountId: string, document: { etag: string; body: string }): void {
    const previous = this.rendered.get(accountId);
    if (previous) {
      this.rendered.delete(accountId);
      this.renderedBytes -= previous.body.length;
    }
    this.rendered.set(accountId, document);
    this.renderedBytes += document.body.length;
    for (const [oldest, kept] of this.rendered) {
      if (this.rendered.size <= RENDERED_ACCOUNTS && this.renderedBytes <= RENDERED_BYTES) break;
      this.rendered.delete(oldest);
      this.renderedBytes -= kept.body.length;
    }
  }

  /** Forgets an account's written document (its feed was revoked). */
  private forget(accountId: string): void {
    const kept = this.rendered.get(accountId);
    if (!kept) return;
    this.rendered.delete(accountId);
    this.renderedBytes -= kept.body.length;
  }
}
