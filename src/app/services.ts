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
import { ShareService } from './shares.service.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { MailService } from './mail.service.js';
import { ContactsService } from './contacts.service.js';
import { ImportService } from './import.service.js';
import { DuplicatesService } from './duplicates.service.js';
import { CardDavService } from './carddav.service.js';
import { OrganizerService } from './organizer.service.js';
import { OrganizerMailService } from './organizer-mail.service.js';
import { RegistrationService } from './registrations.service.js';
import { Seats } from './seats.js';
import { WrapUpService } from './wrap-up.service.js';
import { SpeakerService } from './speakers.service.js';
import { DoorService } from './door.service.js';

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
  contacts: ContactsService;
  imports: ImportService;
  duplicates: DuplicatesService;
  carddav: CardDavService;
  organizer: OrganizerService;
  registrations: RegistrationService;
  organizerMail: OrganizerMailService;
  wrapUp: WrapUpService;
  speakers: SpeakerService;
  door: DoorService;
  shares: ShareService;
  calendarFeed: CalendarFeedService;
  mail: MailService;
}

/** OCR and image code load only when a card is first read: every other command starts without them. */
const defaultCardReader = async (): Promise<CardReader> => (await import('./card-reader.js')).createCardReader();

export function createServices(ctx: AppContext, options: { cardReader?: () => Promise<CardReader> } = {}): Services {
  const people = new PeopleService(ctx);
  const events = new EventsService(ctx, people);
  const followUps = new FollowUpService(ctx);
  const suggestions = new SuggestionService(ctx, followUps, people);
  const shares = new ShareService(ctx, people);
  // People who match something to share join today's suggestions.
  suggestions.useShares(shares);
  const mail = new MailService(ctx, suggestions);
  const organizerMail = new OrganizerMailService(ctx, mail.outbox, mail.setup);
  const seats = new Seats(ctx, organizerMail);
  const organizer = new OrganizerService(ctx, seats, organizerMail);
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
    suggestions,
    shares,
    calendarFeed: new CalendarFeedService(ctx, suggestions),
    // The digest shows the one list of Today.
    mail,
    contacts: new ContactsService(ctx),
    imports: new ImportService(ctx, people),
    duplicates: new DuplicatesService(ctx),
    carddav: new CardDavService(ctx, people),
    organizer,
    registrations: new RegistrationService(ctx, seats, organizerMail),
    organizerMail,
    wrapUp: new WrapUpService(ctx, organizer, organizerMail, people),
    speakers: new SpeakerService(ctx, mail.outbox, mail.setup, organizer, organizerMail),
    door: new DoorService(ctx, organizer),
  };
}
