// The shapes of the API's answers that the CLI reads, taken from the route schemas so that they cannot drift.
import type { Static } from 'typebox';
import type {
  AppPassword as AppPasswordSchema,
  Event as EventSchema,
  EventPerson as EventPersonSchema,
  EventWithProgress as EventWithProgressSchema,
  GoalProgress as GoalProgressSchema,
  Interaction as InteractionSchema,
  Person as PersonSchema,
  PersonSummary as PersonSummarySchema,
  PossibleDuplicate as PossibleDuplicateSchema,
  PromiseOut as PromiseSchema,
  Settings as SettingsSchema,
  StageChange as StageChangeSchema,
} from '../http/schemas.js';
import type * as OrganizerSchemas from '../http/organizer-schemas.js';

export type Person = Static<typeof PersonSchema>;
export type PersonSummary = Static<typeof PersonSummarySchema>;
export type PromiseOut = Static<typeof PromiseSchema>;
export type Interaction = Static<typeof InteractionSchema>;
export type StageChange = Static<typeof StageChangeSchema>;
export type PossibleDuplicate = Static<typeof PossibleDuplicateSchema>;
export type KithEvent = Static<typeof EventSchema>;
export type KithEventWithProgress = Static<typeof EventWithProgressSchema>;
export type EventPerson = Static<typeof EventPersonSchema>;
export type GoalProgress = Static<typeof GoalProgressSchema>;
export type Settings = Static<typeof SettingsSchema>;

export interface PeoplePage {
  items: PersonSummary[];
  total: number | null;
  hasMore: boolean;
}

export interface PersonDetail {
  person: Person;
  promises: PromiseOut[];
  interactions: Interaction[];
  stageHistory: StageChange[];
  events: { eventId: string; name: string; metOn: string; isNew: boolean }[];
}

export interface Captured {
  person: Person;
  possibleDuplicates: PossibleDuplicate[];
  promises: PromiseOut[];
  replayed: boolean;
}

export interface EventDetail {
  event: KithEvent;
  progress: GoalProgress;
  people: EventPerson[];
}

export interface EventRecap extends EventDetail {
  newPeople: number;
  knownPeople: number;
  followUpsScheduled: number;
  promisesMade: number;
  summary: string;
}

export interface FollowUpItem {
  kind: 'person' | 'promise';
  personId: string;
  fullName: string;
  company: string | null;
  reason: string;
  reasonText: string;
  state: 'overdue' | 'due' | 'soon';
  dueOn: string;
  since: string;
  promiseId: string | null;
  eventId: string | null;
  eventName: string | null;
  commonality: { kind: string; text: string } | null;
  email: string | null;
  draft: { subject: string; body: string; short: string };
}

export interface FollowUpList {
  today: string;
  items: FollowUpItem[];
  counts: { overdue: number; due: number; soon: number; promises: number };
}

/** One of today's suggestions (GET /api/v1/suggestions): the same list on Today, in `kith due` and in the digest. */
export interface Suggestion {
  key: string;
  kind: 'first_follow_up' | 'promise' | 'cadence' | 'share';
  personId: string;
  fullName: string;
  company: string | null;
  email: string | null;
  reasonText: string;
  state: 'overdue' | 'due' | 'soon';
  dueOn: string;
  since: string;
  commonality: { kind: string; text: string } | null;
  eventId: string | null;
  eventName: string | null;
  promiseId: string | null;
  share: { id: string; title: string; link: string | null } | null;
  draft: { subject: string; body: string; short: string };
}

export interface SuggestionList {
  today: string;
  items: Suggestion[];
}

export interface MessageTemplateView {
  reason: 'first_follow_up' | 'cadence' | 'promise' | 'share';
  subject: string;
  body: string;
  short: string;
  isDefault: boolean;
  updatedAt: string | null;
  placeholders: { name: string; meaning: string }[];
}

export interface CreatedToken {
  token: string;
  record: { id: string; name: string; prefix: string; createdAt: string };
}

/** GET /calendar-feed: whether the account has a feed (never its secret URL). */
export interface CalendarFeedStatus {
  feed: { prefix: string; createdAt: string; lastFetchedAt: string | null } | null;
}

/** POST /calendar-feed: the secret URL, shown this once. */
export interface NewCalendarFeed {
  url: string;
  prefix: string;
  createdAt: string;
}

/** GET/PATCH /digest: the e-mail digest's settings. */
export interface DigestSettings {
  frequency: 'off' | 'daily' | 'weekly';
  hour: number;
  weekday: 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
  timeZone: string;
  unsubscribedAt: string | null;
  nextDigestAt: string | null;
}

/** POST /digest/preview: today's digest as it would be sent now. */
export interface DigestPreview {
  today: string;
  count: number;
  subject: string;
  text: string;
  html: string;
}

export interface OutboxSummary {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: 'kept' | 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** GET /outbox/:id */
export interface OutboxMessage extends OutboxSummary {
  from: string;
  text: string;
  raw: string;
}

/** Something to share (GET /api/v1/shares). */
export interface Share {
  id: string;
  title: string;
  link: string | null;
  topics: string[];
  note: string | null;
  archivedAt: string | null;
  createdAt: string;
  sentCount?: number;
}

/** A person a thing to share fits (GET /api/v1/shares/:id/matches), best first. */
export interface ShareMatch {
  personId: string;
  fullName: string;
  company: string | null;
  email: string | null;
  score: number;
  commonality: { id: string; kind: string; text: string };
  topic: string;
  reasonText: string;
}

export interface ShareMatchPage {
  share: Share;
  items: ShareMatch[];
  total: number;
  hasMore: boolean;
}

/** One record of an import's report (POST /api/v1/imports). */
export interface ImportRecord {
  line: number;
  outcome: 'imported' | 'merged' | 'skipped';
  personId: string | null;
  matchedBy: string | null;
  name: string | null;
  reason: string | null;
}

/** What an import did, or would do with dryRun (POST /api/v1/imports, GET /api/v1/imports/:id). */
export interface ImportReport {
  id: string | null;
  dryRun: boolean;
  format: string;
  encoding: string;
  csv: { kind: string; columns: string[]; proposedMapping: Record<string, string>; mapping: Record<string, string> | null } | null;
  needsMapping: boolean;
  total: number;
  imported: number;
  merged: number;
  skipped: number;
  records: ImportRecord[];
  complete: boolean;
}

export type AppPassword = Static<typeof AppPasswordSchema>;

/** GET /app-passwords: the live app passwords (never the passwords) and the paths CardDAV clients use. */
export interface AppPasswordList {
  items: AppPassword[];
  carddav: { wellKnown: string; principal: string; addressBook: string; username: string };
}

/** POST /app-passwords: the password is in this answer only. */
export interface NewAppPassword {
  password: string;
  record: AppPassword;
}

// The organizer's desk (organizations, hosted events, registrations, speakers, door links): made from the route
// schemas in src/http/organizer-schemas.ts.
export type OrgRole = Static<typeof OrganizerSchemas.OrgRole>;
export type RegistrationStatus = Static<typeof OrganizerSchemas.RegistrationStatus>;
/** An organization I am a member of, with my role in it. */
export type Organization = Static<typeof OrganizerSchemas.Organization>;
export type OrganizationMember = Static<typeof OrganizerSchemas.Member>;
/** GET /organizations/:id */
export type OrganizationDetail = Static<typeof OrganizerSchemas.OrganizationDetail>;
export type EventQuestion = Static<typeof OrganizerSchemas.Question>;
export type RegistrationCounts = Static<typeof OrganizerSchemas.RegistrationCounts>;
/** The body of POST /organizations/:id/events and PUT /organizations/:id/events/:eventId. */
export type HostedEventInput = Static<typeof OrganizerSchemas.HostedEventIn>;
/** A hosted event with its registration counts and the path of its public RSVP page. */
export type HostedEvent = Static<typeof OrganizerSchemas.HostedEvent>;
/** A registration as its organizers see it (never a link's secret). */
export type Registration = Static<typeof OrganizerSchemas.Registration>;
/** GET …/figures and POST …/wrap-up. */
export type EventFigures = Static<typeof OrganizerSchemas.Figures>;
export type SpeakerStatus = Static<typeof OrganizerSchemas.SpeakerStatus>;
/** One dated step of a speaker; `byAccountId` null: the speaker's own answer, through their invitation page. */
export type SpeakerStep = Static<typeof OrganizerSchemas.Step>;
/** The speaker's latest invitation (never its link). */
export type SpeakerInvitation = Static<typeof OrganizerSchemas.Invitation>;
/** The body of PATCH …/speakers/:speakerId (null clears a field); POST also needs fullName. */
export type SpeakerInput = Static<typeof OrganizerSchemas.SpeakerPatch>;
export type Speaker = Static<typeof OrganizerSchemas.Speaker>;
/** POST …/speakers/:speakerId/introduce */
export type SpeakerIntroduction = Static<typeof OrganizerSchemas.Introduction>;
/** GET/PUT /organizations/:id/speaker-settings: days before the one reminder; null: none. */
export type SpeakerSettings = Static<typeof OrganizerSchemas.Settings>;
/** A door link of a hosted event (GET …/door-links): never its token. */
export type DoorLink = Static<typeof OrganizerSchemas.DoorLink>;
/** POST …/door-links: the token (and the door screen's path) are in this answer only. */
export type NewDoorLink = Static<typeof OrganizerSchemas.NewDoorLink>;
/** The door screen's list (GET /api/door/list, with the door link's token). */
export type DoorList = Static<typeof OrganizerSchemas.DoorList>;
export type DoorPerson = Static<typeof OrganizerSchemas.DoorPerson>;
/** One queued action of a door phone (POST /api/door/actions), and its answer. */
export type DoorAction = Static<typeof OrganizerSchemas.DoorActionIn>;
export type DoorActionResult = Static<typeof OrganizerSchemas.DoorActionResult>;
