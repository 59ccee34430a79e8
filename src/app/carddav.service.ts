// CardDAV: app passwords, and the address book a phone syncs with. The address book is the account's people; its
// sync state (tokens, ETags, tombstones) catches up with Kith before every read, so that an edit made anywhere in
// Kith (web app, CLI, import, merge) changes the card's ETag and shows up in the next sync-collection.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';
import type { PeopleService } from './people.service.js';
import type { Repositories } from '../db/store.js';
import type { AppPasswordRecord, CardState } from '../db/repositories/carddav.repository.js';
import type { PersonForVCard } from '../core/vcard.js';
import { KithError, NotFoundError, ValidationError } from '../core/errors.js';
import { formatPersonVCard, parsePersonVCard, type VCardVersion } from './carddav-vcard.js';
import { refreshPerson } from './person-derived.js';
import { COMMONALITY_KINDS } from '../core/types.js';

export const APP_PASSWORD_PREFIX = 'kithdav_';
/** Use of an app password is recorded at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** A failed CardDAV precondition or conflict, with the DAV error element to send (RFC 4918 §16, RFC 6352 §6.3.2.1). */
export class CardDavError extends KithError {
  constructor(
    code: string,
    message: string,
    readonly status: 403 | 404 | 409 | 412 | 415,
    readonly element: string | null = null,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
  }
}

export interface CardBody {
  hrefName: string;
  etag: string;
  text: string;
}

export interface Preconditions {
  /** The ETags of If-Match, or ['*']; undefined without the header. */
  ifMatch?: string[] | undefined;
  /** If-None-Match: * */
  ifNoneMatchAny?: boolean | undefined;
}

function etagOf(text: string): string {
  return `"${sha256(text).slice(0, 27)}"`;
}

function matches(card: CardState | null, ifMatch: string[] | undefined): boolean {
  if (ifMatch === undefined) return true;
  if (!card || card.deleted) return false;
  return ifMatch.includes('*') || ifMatch.includes(card.etag);
}

export class CardDavService {
  /** One catch-up at a time per account, so that two requests never hand out the same token. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Per account, the fingerprint of its people at the last catch-up and the token it gave. */
  private readonly caughtUp = new Map<string, { fingerprint: string; token: number }>();

  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeopleService,
  ) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  // App passwords ---------------------------------------------------------------------------------------------

  async createAppPassword(accountId: string, name: string): Promise<{ password: string; record: AppPasswordRecord }> {
    const trimmed = name.trim();
    if (!trimmed) throw new ValidationError([{ path: 'name', message: 'name the device this password is for (e.g. "iPhone")' }]);
    const password = `${APP_PASSWORD_PREFIX}${randomBytes(24).toString('base64url')}`;
    const record: AppPasswordRecord = { id: this.ctx.newId(), name: trimmed, prefix: password.slice(0, APP_PASSWORD_PREFIX.length + 4), createdAt: this.now(), lastUsedAt: null };
    await this.ctx.store.repos.carddav.createAppPassword({ ...record, accountId, hash: sha256(password) });
    return { password, record };
  }

  listAppPasswords(accountId: string): Promise<AppPasswordRecord[]> {
    return this.ctx.store.repos.carddav.listAppPasswords(accountId);
  }

  async revokeAppPassword(accountId: string, id: string): Promise<void> {
    const revoked = await this.ctx.store.repos.carddav.revokeAppPassword(accountId, id, this.now());
    if (!revoked) throw new NotFoundError('KITH_APP_PASSWORD_NOT_FOUND', `no app password with id ${id} (or it was revoked already)`, { id });
  }

  /** The account these Basic-auth credentials open: its e-mail and one of its live app passwords (never the account password). */
  async authenticate(email: string, password: string): Promise<string | null> {
    if (!password.startsWith(APP_PASSWORD_PREFIX)) return null;
    const found = await this.ctx.store.repos.carddav.findAppPassword(email.trim().toLowerCase(), sha256(password));
    if (!found) return null;
    const now = this.ctx.clock.now();
    if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > TOUCH_INTERVAL_MS) {
      await this.ctx.store.repos.carddav.touchAppPassword(found.id, now.toISOString());
    }
    return found.accountId;
  }

  // The address book ------------------------------------------------------------------------------------------

  private serial<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(accountId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(accountId, settled);
    void settled.then(() => {
      if (this.queues.get(accountId) === settled) this.queues.delete(accountId);
    });
    return next;
  }

  /** Brings the sync state up to date with the people of the account; returns the current token. */
  private catchUpIn(repos: Repositories, accountId: string, force: string | null = null): Promise<number> {
    // A write path catches up inside its own transaction: the next read compares afresh.
    this.caughtUp.delete(accountId);
    return (async () => {
      const [versions, cards, start] = await Promise.all([repos.carddav.peopleVersions(accountId), repos.carddav.cards(accountId), repos.carddav.syncToken(accountId)]);
      const known = new Map(cards.map((c) => [c.personId, c]));
      const hrefs = new Set(cards.map((c) => c.hrefName));
      let token = start;
      const changedLive: string[] = [];
      for (const v of versions) {
        const card = known.get(v.id);
        if (v.deleted) {
          if (card && !card.deleted) await repos.carddav.saveCard(accountId, { ...card, deleted: true, seenUpdatedAt: v.version, syncToken: ++token });
        } else if (!card || card.deleted || card.seenUpdatedAt !== v.version || v.id === force) {
          changedLive.push(v.id);
        }
      }
      const versionOf = new Map(versions.map((v) => [v.id, v.version]));
      const fresh: CardState[] = [];
      for (let i = 0; i < changedLive.length; i += 500) {
        const batch = await this.peopleForVCard(repos, accountId, changedLive.slice(i, i + 500));
        for (const person of batch) {
          const card = known.get(person.id);
          let hrefName = card?.hrefName ?? `${person.id}.vcf`;
          if (!card && hrefs.has(hrefName)) hrefName = `${person.id}-${token + 1}.vcf`;
          const uid = card?.uid ?? person.uid ?? person.id;
          const etag = etagOf(formatPersonVCard(person, uid, '3.0'));
          const seen = versionOf.get(person.id)!;
          if (card && !card.deleted && card.etag === etag) {
            await repos.carddav.saveCard(accountId, { ...card, seenUpdatedAt: seen });
            continue;
          }
          const next: CardState = { personId: person.id, uid, hrefName, etag, seenUpdatedAt: seen, syncToken: ++token, deleted: false };
          hrefs.add(hrefName);
          if (card) await repos.carddav.saveCard(accountId, next);
          else fresh.push(next);
        }
      }
      await repos.carddav.insertCards(accountId, fresh);
      if (token !== start) await repos.carddav.setSyncToken(accountId, token, start);
      return token;
    })();
  }

  /** People with what their vCard carries beyond their fields: UID, unknown lines, birthday, photo. */
  private async peopleForVCard(repos: Repositories, accountId: string, ids: string[]): Promise<PersonForVCard[]> {
    const [people, data, photos] = await Promise.all([repos.people.getMany(accountId, ids), repos.contacts.vcardData(accountId, ids), repos.contacts.photos(accountId, ids)]);
    return people.map((person) => {
      const d = data.get(person.id);
      const photo = photos.get(person.id);
      return { ...person, uid: d?.uid ?? null, birthday: d?.birthday ?? null, extra: d?.extra ?? [], photo: photo ? { mime: photo.mime, base64: photo.bytes.toString('base64') } : null };
    });
  }

  /**
   * Catches up, unless nothing the cards are made of changed since the last catch-up of this process (the
   * fingerprint is one aggregate query; the full comparison reads every person's version).
   */
  private catchUp(accountId: string): Promise<number> {
    return this.serial(accountId, async () => {
      const repos = this.ctx.store.repos;
      const fingerprint = await repos.carddav.fingerprint(accountId);
      const known = this.caughtUp.get(accountId);
      if (known && known.fingerprint === fingerprint) return known.token;
      const token = await this.ctx.store.transaction((trx) => this.catchUpIn(trx, accountId));
      this.caughtUp.set(accountId, { fingerprint, token });
      return token;
    });
  }

  /** The current sync token and ETag of every card. */
  async listing(accountId: string): Promise<{ token: number; cards: CardState[] }> {
    const token = await this.catchUp(accountId);
    const cards = (await this.ctx.store.repos.carddav.cards(accountId)).filter((c) => !c.deleted);
    return { token, cards };
  }

  async currentToken(accountId: string): Promise<number> {
    return this.catchUp(accountId);
  }

  /** The cards with these resource names, in vCard `version`; null for a name that holds no card. */
  async cards(accountId: string, hrefNames: string[], version: VCardVersion): Promise<Map<string, CardBody | null>> {
    await this.catchUp(accountId);
    const repos = this.ctx.store.repos;
    const states = new Map<string, CardState>();
    for (const card of await repos.carddav.cardsByHref(accountId, [...new Set(hrefNames)])) if (!card.deleted) states.set(card.hrefName, card);
    return this.bodies(accountId, hrefNames, states, version);
  }

  /** Every live card, in vCard `version` (addressbook-query filters them). */
  async allCards(accountId: string, version: VCardVersion): Promise<CardBody[]> {
    const { cards } = await this.listing(accountId);
    const states = new Map(cards.map((c) => [c.hrefName, c]));
    const bodies = await this.bodies(accountId, [...states.keys()], states, version);
    return [...bodies.values()].filter((b): b is CardBody => b !== null);
  }

  private async bodies(accountId: string, names: string[], states: Map<string, CardState>, version: VCardVersion): Promise<Map<string, CardBody | null>> {
    const ids = [...states.values()].map((c) => c.personId);
    const people = new Map<string, PersonForVCard>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const p of await this.peopleForVCard(this.ctx.store.repos, accountId, ids.slice(i, i + 500))) people.set(p.id, p);
    }
    const result = new Map<string, CardBody | null>();
    for (const name of names) {
      const state = states.get(name);
      const person = state ? people.get(state.personId) : undefined;
      result.set(name, state && person ? { hrefName: name, etag: state.etag, text: formatPersonVCard(person, state.uid, version) } : null);
    }
    return result;
  }

  /** What changed since `token`: live cards and deleted resource names, and the new token. */
  async changesSince(accountId: string, token: number | null): Promise<{ token: number; changed: CardState[]; deleted: string[] }> {
    const current = await this.catchUp(accountId);
    if (token !== null && (!Number.isSafeInteger(token) || token < 0 || token > current)) {
      throw new CardDavError('KITH_CARDDAV_BAD_SYNC_TOKEN', 'this sync token was not issued by this address book; sync again from scratch', 403, 'valid-sync-token');
    }
    const since = await this.ctx.store.repos.carddav.cardsChangedSince(accountId, token ?? 0);
    const changed = since.filter((c) => !c.deleted);
    // A client that syncs from scratch has never seen the deleted cards.
    const deleted = token === null ? [] : since.filter((c) => c.deleted).map((c) => c.hrefName);
    return { token: current, changed, deleted };
  }

  /** Stores a card sent by a client: creates or updates the person through the people service. */
  async put(accountId: string, hrefName: string, text: string, pre: Preconditions): Promise<{ created: boolean }> {
    const parsed = parsePersonVCard(text);
    if (!parsed) throw new CardDavError('KITH_CARDDAV_NOT_A_VCARD', 'the body is not a vCard (BEGIN:VCARD … END:VCARD with a name)', 415, 'valid-address-data');
    return this.serial(accountId, async () => {
      await this.ctx.store.transaction((repos) => this.catchUpIn(repos, accountId));
      const repos = this.ctx.store.repos;
      const existing = await repos.carddav.cardByHref(accountId, hrefName);
      const live = existing && !existing.deleted ? existing : null;
      if (pre.ifNoneMatchAny && live) throw new CardDavError('KITH_CARDDAV_PRECONDITION_FAILED', `a card already exists at ${hrefName}`, 412);
      if (!matches(live, pre.ifMatch)) throw new CardDavError('KITH_CARDDAV_PRECONDITION_FAILED', `the card at ${hrefName} has changed (or is gone) since you read it`, 412);
      const uid = parsed.uid ?? live?.uid ?? hrefName.replace(/\.vcf$/i, '');
      const sameUid = await repos.carddav.liveCardByUid(accountId, uid);
      if (sameUid && sameUid.hrefName !== hrefName) {
        throw new CardDavError('KITH_CARDDAV_UID_CONFLICT', `another card (${sameUid.hrefName}) already has the UID ${uid}`, 409, 'no-uid-conflict', { href: sameUid.hrefName });
      }
      const holder = (await repos.contacts.personByUid(accountId, [uid])).get(uid);
      if (holder && holder !== live?.personId) {
        const other = (await repos.carddav.cards(accountId)).find((c) => c.personId === holder);
        throw new CardDavError('KITH_CARDDAV_UID_CONFLICT', `another card already has the UID ${uid}`, 409, 'no-uid-conflict', other ? { href: other.hrefName } : undefined);
      }
      const at = this.now();
      const keep = async (trx: Repositories, personId: string) => {
        await trx.contacts.saveVCardData(accountId, personId, { uid, birthday: parsed.birthday, extra: parsed.extra }, at);
        // A card without a photo means the photo was removed on the device.
        if (parsed.photo) await trx.contacts.savePhoto(accountId, personId, { mime: parsed.photo.mime, bytes: Buffer.from(parsed.photo.base64, 'base64') }, at);
        else await trx.contacts.deletePhoto(accountId, personId);
      };
      if (live) {
        if (live.uid !== uid) throw new CardDavError('KITH_CARDDAV_UID_CHANGED', `the card at ${hrefName} has the UID ${live.uid}; a card's UID cannot change`, 409, 'no-uid-conflict', { href: hrefName });
        const { commonalities: wanted = [], source: _source, eventId: _event, ...patch } = parsed.input;
        await this.people.update(accountId, live.personId, patch);
        // Forced: an edit within the same millisecond as the last one leaves updated_at as it was.
        await this.ctx.store.transaction(async (trx) => {
          await keep(trx, live.personId);
          // CATEGORIES are the interests; Kith's other kinds ride in X-KITH-COMMONALITY lines, which a phone cannot
          // edit and some clients drop: those kinds follow the card only when it still carries such lines.
          const kinds = wanted.some((c) => c.kind !== 'interest') ? COMMONALITY_KINDS : (['interest'] as const);
          await this.people.syncCommonalitiesIn(trx, accountId, live.personId, wanted, kinds);
          await refreshPerson(trx, accountId, live.personId, await trx.accounts.getSettings(accountId));
          await this.catchUpIn(trx, accountId, live.personId);
        });
        return { created: false };
      }
      await this.ctx.store.transaction(async (trx) => {
        await trx.carddav.dropTombstone(accountId, hrefName);
        await trx.carddav.releaseUidOfDeleted(accountId, uid);
        const { person } = await this.people.createIn(trx, accountId, { ...parsed.input, source: 'carddav' });
        await keep(trx, person.id);
        await trx.carddav.saveCard(accountId, { personId: person.id, uid, hrefName, etag: '', seenUpdatedAt: '', syncToken: 0, deleted: false });
        await this.catchUpIn(trx, accountId);
      });
      return { created: true };
    });
  }

  /** Deletes a card: the person goes to Kith's deleted people (recoverable), and clients see a tombstone. */
  async delete(accountId: string, hrefName: string, pre: Preconditions): Promise<void> {
    return this.serial(accountId, async () => {
      await this.ctx.store.transaction((repos) => this.catchUpIn(repos, accountId));
      const card = await this.ctx.store.repos.carddav.cardByHref(accountId, hrefName);
      if (!card || card.deleted) throw new CardDavError('KITH_CARDDAV_CARD_NOT_FOUND', `no card at ${hrefName}`, 404);
      if (!matches(card, pre.ifMatch)) throw new CardDavError('KITH_CARDDAV_PRECONDITION_FAILED', `the card at ${hrefName} has changed since you read it`, 412);
      await this.people.delete(accountId, card.personId);
      await this.ctx.store.transaction((repos) => this.catchUpIn(repos, accountId));
    });
  }
}
