// All the use cases of Kith, wired once; http/ and cli/ reach the domain only through these.
import type { AppContext } from './context.js';
import { AuthService } from './auth.service.js';
import { CaptureService } from './capture.service.js';
import { EventsService } from './events.service.js';
import { ExportService } from './export.service.js';
import { FollowUpService } from './follow-up.service.js';
import { PeopleService } from './people.service.js';
import { SettingsService } from './settings.service.js';
import { CardScanService, type CardReader } from './card-scan.service.js';
import { SuggestionService } from './suggestions.service.js';
// [suggestions] service import
// [shares] service import
// [feeds] service import
// [mail] service import

export interface Services {
  ctx: AppContext;
  auth: AuthService;
  people: PeopleService;
  events: EventsService;
  capture: CaptureService;
  followUps: FollowUpService;
  settings: SettingsService;
  exports: ExportService;
  cards: CardScanService;
  suggestions: SuggestionService;
  // [suggestions] service type
  // [shares] service type
  // [feeds] service type
  // [mail] service type
}

/** OCR and image code load only when a card is first read: every other command starts without them. */
const defaultCardReader = async (): Promise<CardReader> => (await import('./card-reader.js')).createCardReader();

export function createServices(ctx: AppContext, options: { cardReader?: () => Promise<CardReader> } = {}): Services {
  const people = new PeopleService(ctx);
  const events = new EventsService(ctx, people);
  const followUps = new FollowUpService(ctx);
  return {
    ctx,
    auth: new AuthService(ctx),
    people,
    events,
    capture: new CaptureService(ctx, people, events),
    followUps,
    settings: new SettingsService(ctx),
    exports: new ExportService(ctx),
    cards: new CardScanService(ctx, people, events, options.cardReader ?? defaultCardReader),
    suggestions: new SuggestionService(ctx, followUps),
    // [suggestions] service instance
    // [shares] service instance
    // [feeds] service instance
    // [mail] service instance
  };
}
