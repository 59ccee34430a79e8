// Business cards: a photo (and its back, if given) becomes a draft to review, kept a day with the card's pictures;
// saving the reviewed draft makes a person with source "card", met at the event I am at, with the pictures.
import type { AppContext } from './context.js';
import type { EventsService } from './events.service.js';
import type { CreatedPerson, PeopleService, PersonInput } from './people.service.js';
import type { CardImageRecord, CardSide, NewCardImage } from '../db/repositories/card.repository.js';
import { extractCardFields, type CardDraft } from '../core/card-fields.js';
import { parseQrPayload } from '../core/card-qr.js';
import { NotFoundError } from '../core/errors.js';
import type { PossibleDuplicate } from '../core/duplicate-check.js';
import type { LabelledValue } from '../core/types.js';

/** What reading one side of a card gives: its text lines, a QR code's text, and a picture to keep. */
export interface CardReading {
  lines: { text: string; confidence: number }[];
  qrText: string | null;
  thumbnail: { bytes: Buffer; width: number; height: number };
  timings: Record<string, number>;
}

export interface CardReader {
  read(image: Buffer): Promise<CardReading>;
  close(): Promise<void>;
}

export interface CardScan {
  id: string;
  eventId: string | null;
  expiresAt: string;
  draft: CardDraft;
  images: CardImageRecord[];
}

export interface CardScanResult {
  scan: CardScan;
  possibleDuplicates: PossibleDuplicate[];
  timings: Record<string, number>;
}

const SCAN_LIFETIME_MS = 86_400_000;

export class CardScanService {
  private reader: Promise<CardReader> | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeopleService,
    private readonly events: EventsService,
    private readonly makeReader: () => Promise<CardReader>,
  ) {}

  /** Starts the OCR workers now rather than at the first scan (the server does this at start-up). */
  warmUp(): Promise<CardReader> {
    this.reader ??= this.makeReader().catch((error: unknown) => {
      this.reader = null;
      throw error;
    });
    return this.reader;
  }

  async close(): Promise<void> {
    const reader = this.reader;
    this.reader = null;
    if (reader) await (await reader.catch(() => null))?.close();
  }

  /** Reads the card; stores the draft and the pictures for review only when it could be read. */
  async scan(accountId: string, sides: { front: Buffer; back?: Buffer | undefined }, eventId?: string | null): Promise<CardScanResult> {
    const repos = this.ctx.store.repos;
    const settings = await repos.accounts.getSettings(accountId);
    // Checked before the slow part: a wrong event id should not cost a second of OCR.
    const event = eventId ? await repos.events.get(accountId, eventId) : eventId === null ? null : await this.events.current(accountId);
    if (eventId && !event) throw new NotFoundError('KITH_EVENT_NOT_FOUND', `no event with id ${eventId}`, { eventId });

    const reader = await this.warmUp();
    const started = performance.now();
    const front = await reader.read(sides.front);
    const back = sides.back ? await reader.read(sides.back) : null;
    const qrText = front.qrText ?? back?.qrText ?? null;
    const draft = extractCardFields([...front.lines, ...(back?.lines ?? [])], { defaultRegion: settings.defaultRegion, qr: qrText ? parseQrPayload(qrText) : null });
    const timings = { ...prefixed('front', front.timings), ...(back ? prefixed('back', back.timings) : {}), totalMs: Math.round(performance.now() - started) };

    const person = personFromDraft(draft);
    const possibleDuplicates = person.fullName
      ? await this.people.duplicatesOf(repos, accountId, { fullName: person.fullName, company: person.company, emails: person.emails, phones: person.phones }, null)
      : [];

    const now = this.ctx.clock.now();
    const scan = { id: this.ctx.newId(), eventId: event?.id ?? null, draft: JSON.stringify(draft), createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + SCAN_LIFETIME_MS).toISOString() };
    const images: NewCardImage[] = [imageOf(this.ctx.newId(), 'front', front)];
    if (back) images.push(imageOf(this.ctx.newId(), 'back', back));
    await this.ctx.store.transaction(async (trx) => {
      await trx.cards.purgeExpired(accountId, scan.createdAt);
      await trx.cards.insertScan(accountId, scan, images);
    });
    const stored = await repos.cards.getScan(accountId, scan.id, scan.createdAt);
    return { scan: { id: scan.id, eventId: scan.eventId, expiresAt: scan.expiresAt, draft, images: stored?.images ?? [] }, possibleDuplicates, timings };
  }

  async getScan(accountId: string, scanId: string): Promise<CardScan> {
    const scan = await this.ctx.store.repos.cards.getScan(accountId, scanId, this.ctx.clock.now().toISOString());
    if (!scan) throw scanNotFound(scanId);
    return { id: scan.id, eventId: scan.eventId, expiresAt: scan.expiresAt, draft: JSON.parse(scan.draft) as CardDraft, images: scan.images };
  }

  /**
   * Makes the person from the reviewed fields (or, when none are given, from the draft as read), met at the scan's
   * event unless `eventId` says otherwise, and keeps the card's pictures with them. In one transaction.
   */
  async save(accountId: string, scanId: string, reviewed: PersonInput | null): Promise<CreatedPerson> {
    return this.ctx.store.transaction(async (repos) => {
      const scan = await repos.cards.getScan(accountId, scanId, this.ctx.clock.now().toISOString());
      if (!scan) throw scanNotFound(scanId);
      const input: PersonInput = reviewed ?? personFromDraft(JSON.parse(scan.draft) as CardDraft);
      const created = await this.people.createIn(repos, accountId, { ...input, source: 'card', eventId: input.eventId !== undefined ? input.eventId : scan.eventId });
      await repos.cards.attachToPerson(accountId, scanId, created.person.id);
      return created;
    });
  }

  async discard(accountId: string, scanId: string): Promise<void> {
    if (!(await this.ctx.store.transaction((repos) => repos.cards.deleteScan(accountId, scanId)))) throw scanNotFound(scanId);
  }

  async personImages(accountId: string, personId: string): Promise<CardImageRecord[]> {
    await this.people.get(accountId, personId);
    return this.ctx.store.repos.cards.personImages(accountId, personId);
  }

  async image(accountId: string, imageId: string): Promise<{ mime: string; bytes: Buffer }> {
    const image = await this.ctx.store.repos.cards.imageBytes(accountId, imageId);
    if (!image) throw new NotFoundError('KITH_CARD_IMAGE_NOT_FOUND', `no card picture with id ${imageId}`, { imageId });
    return { mime: image.mime, bytes: image.bytes };
  }
}

/** A person as a card describes them: every field present, ready to review and send back as a PersonInput. */
export interface CardPerson {
  fullName: string;
  company: string | null;
  title: string | null;
  emails: LabelledValue[];
  phones: LabelledValue[];
  links: LabelledValue[];
  addresses: LabelledValue[];
  notes: string | null;
}

/** The person a draft describes, as the API takes one: what the reviewer starts from, and what `--yes` saves. */
export function personFromDraft(draft: CardDraft): CardPerson {
  return {
    fullName: draft.name?.value ?? '',
    company: draft.company?.value ?? null,
    title: draft.title?.value ?? null,
    emails: draft.emails.map((e) => ({ value: e.value, label: null })),
    phones: draft.phones.map((p) => ({ value: p.value.number, label: p.value.label })),
    links: [...draft.websites.map((w) => ({ value: w.value, label: null })), ...draft.socials.filter((s) => /^https?:\/\//.test(s.value.handle)).map((s) => ({ value: s.value.handle, label: s.value.network }))],
    addresses: draft.address ? [{ value: draft.address.value, label: 'work' }] : [],
    notes: [...draft.socials.filter((s) => !/^https?:\/\//.test(s.value.handle)).map((s) => `${s.value.network}: ${s.value.handle}`), ...draft.note].join('\n') || null,
  };
}

function imageOf(id: string, side: CardSide, reading: CardReading): NewCardImage {
  return { id, side, mime: 'image/jpeg', width: reading.thumbnail.width, height: reading.thumbnail.height, bytes: reading.thumbnail.bytes };
}

function prefixed(side: string, timings: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(timings).map(([k, v]) => [`${side}.${k}`, Math.round(v)]));
}

const scanNotFound = (scanId: string) =>
  new NotFoundError('KITH_CARD_SCAN_NOT_FOUND', `no card scan with id ${scanId} (a scan is kept for a day; scan the card again)`, { scanId });
