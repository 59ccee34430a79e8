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

// The organizer's desk (GET/POST /api/v1/organizations…): the shapes of src/http/routes/organizer.routes.ts.
export type OrgRole = 'owner' | 'organizer' | 'door';
export type RegistrationStatus = 'unconfirmed' | 'pending' | 'confirmed' | 'waitlisted' | 'offered' | 'declined' | 'cancelled';

/** An organization I am a member of, with my role in it. */
export interface Organization {
  id: string;
  name: string;
  createdAt: string;
  role: OrgRole;
}

export interface OrganizationMember {
  accountId: string;
  email: string;
  role: OrgRole;
  createdAt: string;
}

/** GET /organizations/:id */
export interface OrganizationDetail {
  organization: Organization;
  members: OrganizationMember[];
}

export interface EventQuestion {
  id: string;
  label: string;
  required: boolean;
}

export interface RegistrationCounts {
  confirmed: number;
  waitlisted: number;
  offered: number;
  pending: number;
  unconfirmed: number;
  cancelled: number;
  declined: number;
  checkedIn: number;
}

/** The body of POST /organizations/:id/events and PUT /organizations/:id/events/:eventId. */
export interface HostedEventInput {
  title: string;
  description?: string;
  startsAt: string;
  endsAt?: string;
  timeZone: string;
  place?: string | null;
  link?: string | null;
  capacity?: number | null;
  requiresApproval?: boolean;
  confirmEmail?: boolean;
  claimHours?: number;
  questions?: EventQuestion[];
}

/** A hosted event with its registration counts and the path of its public RSVP page. */
export interface HostedEvent extends Required<Omit<HostedEventInput, 'description' | 'endsAt' | 'place' | 'link' | 'capacity'>> {
  id: string;
  organizationId: string;
  slug: string;
  seriesId: string;
  description: string;
  endsAt: string;
  place: string | null;
  link: string | null;
  capacity: number | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  counts: RegistrationCounts;
  publicPath: string;
}

/** A registration as its organizers see it (never a link's secret). */
export interface Registration {
  id: string;
  organizationId: string;
  hostedEventId: string;
  status: RegistrationStatus;
  fullName: string;
  email: string;
  company: string | null;
  title: string | null;
  badgeName: string | null;
  answers: Record<string, string>;
  listed: boolean;
  waitlistedAt: string | null;
  offeredUntil: string | null;
  doorCode: string;
  createdAt: string;
  updatedAt: string;
  checkedInAt: string | null;
}

// The speaker pipeline (GET/POST /api/v1/organizations/:id/speakers…): the shapes of src/http/routes/speakers.routes.ts.
export type SpeakerStatus = 'prospect' | 'invited' | 'accepted' | 'declined' | 'confirmed' | 'spoke';

/** One dated step of a speaker; `byAccountId` null: the speaker's own answer, through their invitation page. */
export interface SpeakerStep {
  status: SpeakerStatus;
  at: string;
  onBehalf: boolean;
  note: string | null;
  byAccountId: string | null;
}

/** The speaker's latest invitation (never its link). */
export interface SpeakerInvitation {
  sentAt: string;
  nudgeAt: string | null;
  nudgedAt: string | null;
  revokedAt: string | null;
  answeredAt: string | null;
  answer: 'accepted' | 'declined' | null;
  onBehalf: boolean;
  note: string | null;
  message: string | null;
}

/** The body of POST /organizations/:id/speakers and PATCH …/speakers/:speakerId (null clears a field). */
export interface SpeakerInput {
  fullName?: string;
  hostedEventId?: string | null;
  email?: string | null;
  company?: string | null;
  title?: string | null;
  topic?: string | null;
  notes?: string | null;
}

export interface Speaker {
  id: string;
  organizationId: string;
  hostedEventId: string | null;
  fullName: string;
  email: string | null;
  company: string | null;
  title: string | null;
  topic: string | null;
  notes: string | null;
  status: SpeakerStatus;
  createdAt: string;
  updatedAt: string;
  steps: SpeakerStep[];
  invitation: SpeakerInvitation | null;
}

/** POST …/speakers/:speakerId/introduce */
export interface SpeakerIntroduction {
  written: number;
  alreadySent: number;
  unsubscribed: number;
}

/** GET/PUT /organizations/:id/speaker-settings: days before the one reminder; null: none. */
export interface SpeakerSettings {
  nudgeAfterDays: number | null;
}

/** A door link of a hosted event (GET …/door-links): never its token, which only the answer that made it holds. */
export interface DoorLink {
  id: string;
  organizationId: string;
  hostedEventId: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
  /** 12 hours after the event ends. */
  expiresAt: string;
  state: 'active' | 'revoked' | 'expired';
}

/** POST …/door-links: the token (and the door screen's path, /door/<token>) are in this answer only. */
export interface NewDoorLink {
  link: DoorLink;
  token: string;
  path: string;
}

/** GET …/figures and POST …/wrap-up: what happened at a hosted event, and (after the wrap-up) the people it brought. */
export interface EventFigures {
  registered: number;
  came: number;
  noShows: number;
  waitlist: number;
  cancelled: number;
  inContacts: number;
  newPeople: number;
  wrappedUpAt: string | null;
}
