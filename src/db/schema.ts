// The tables, as Kysely sees them. Every row of a user's data carries `account_id`, and every query filters on it.
// Instants are ISO-8601 UTC strings ('2026-03-10T14:30:00.000Z', sortable as text); calendar days are
// 'YYYY-MM-DD' strings; flags are 0/1 integers. The same JS types come back from SQLite and PostgreSQL.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface AccountsTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the session token: the cookie carries the token, the table only its hash. */
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown so a person can tell tokens apart. */
  token_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AccountSettingsTable {
  account_id: string;
  time_zone: string;
  follow_up_window_days: number;
  promise_default_days: number;
  cadence_met: number | null;
  cadence_talking: number | null;
  cadence_relationship: number | null;
  cadence_client: number | null;
  cadence_dormant: number | null;
  default_goal: number;
  daily_suggestions: number;
  default_region: string;
  current_event_id: string | null;
  /** When the first run was completed; null until then. */
  onboarded_at: string | null;
  updated_at: string;
}

export interface PeopleTable {
  id: string;
  account_id: string;
  full_name: string;
  company: string | null;
  title: string | null;
  notes: string | null;
  stage: string;
  cadence_days: number | null;
  source: string;
  met_event_id: string | null;
  met_on: string | null;
  introduced_by: string | null;
  snoozed_until: string | null;
  last_touch_on: string | null;
  last_follow_up_on: string | null;
  last_met_on: string | null;
  follow_up_reason: string | null;
  follow_up_since: string | null;
  follow_up_due_on: string | null;
  follow_up_soon_from: string | null;
  /** Folded words of the name, for search. */
  search_name: string;
  /** Folded words of company, title, e-mails, phones, commonalities, notes, for search. */
  search_rest: string;
  /** companyKey() of the company, for duplicate candidates; '' without a company. */
  company_key: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PersonContactsTable {
  id: string;
  account_id: string;
  person_id: string;
  kind: 'email' | 'phone' | 'link' | 'address';
  value: string;
  label: string | null;
  position: number;
}

export interface CommonalitiesTable {
  id: string;
  account_id: string;
  person_id: string;
  kind: string;
  text: string;
  topic: string;
  created_at: string;
}

export interface PromisesTable {
  id: string;
  account_id: string;
  person_id: string;
  direction: string;
  text: string;
  made_on: string;
  /** The day promised, if one was named. */
  due_on: string | null;
  /** The day it is due for the follow-up list: `due_on`, or the default days after `made_on`. */
  effective_due_on: string;
  soon_from: string;
  event_id: string | null;
  done_at: string | null;
  created_at: string;
}

export interface InteractionsTable {
  id: string;
  account_id: string;
  person_id: string;
  kind: string;
  occurred_on: string;
  summary: string | null;
  event_id: string | null;
  created_at: string;
}

export interface EventsTable {
  id: string;
  account_id: string;
  name: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  place: string | null;
  link: string | null;
  role: string;
  goal: number;
  created_at: string;
  updated_at: string;
}

export interface EventPeopleTable {
  account_id: string;
  event_id: string;
  person_id: string;
  /** 1 when the person was new to me when met here (counts toward the event's goal). */
  is_new: number;
  met_on: string;
  created_at: string;
}

export interface StageHistoryTable {
  id: string;
  account_id: string;
  person_id: string;
  from_stage: string | null;
  to_stage: string;
  changed_at: string;
}

/** One row per capture sent with a request id: the id decides, through the primary key, that it is made once. */
export interface CaptureRequestsTable {
  account_id: string;
  request_id: string;
  person_id: string;
  /** The ids of the promises the capture made, as a JSON array. */
  promise_ids: string;
  created_at: string;
}

/** A scanned card waiting for review: the draft the reader made (JSON), for a day. */
export interface CardScansTable {
  id: string;
  account_id: string;
  event_id: string | null;
  draft: string;
  created_at: string;
  expires_at: string;
}

/** A card's picture (front or back, a downscaled JPEG): of a scan until it is saved, then of the person it made. */
export interface CardImagesTable {
  id: string;
  account_id: string;
  scan_id: string | null;
  person_id: string | null;
  side: string;
  mime: string;
  width: number;
  height: number;
  bytes: Buffer;
  created_at: string;
}

/** A drafted message's words as the account changed them, per reason (first_follow_up, cadence, promise, share). */
export interface MessageTemplatesTable {
  account_id: string;
  reason: string;
  subject: string;
  body: string;
  short: string;
  updated_at: string;
}

/** A suggestion set aside: hidden from the daily list through `hidden_through` (a calendar day of the account). */
export interface SuggestionsSetAsideTable {
  account_id: string;
  key: string;
  hidden_through: string;
  created_at: string;
}

/** An organization (a chamber chapter, an association): shared by its members, each with a role. */
export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface OrganizationMembersTable {
  organization_id: string;
  account_id: string;
  role: string;
  created_at: string;
}

/** An event an organization hosts, with its public page (/e/<slug>). Booleans are 0/1. */
export interface HostedEventsTable {
  id: string;
  organization_id: string;
  slug: string;
  series_id: string;
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  place: string | null;
  link: string | null;
  capacity: number | null;
  requires_approval: number;
  confirm_email: number;
  claim_hours: number;
  questions: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

/** A registration (RSVP) to a hosted event. */
export interface RegistrationsTable {
  id: string;
  organization_id: string;
  hosted_event_id: string;
  status: string;
  full_name: string;
  email: string;
  email_key: string;
  company: string | null;
  title: string | null;
  badge_name: string | null;
  answers: string;
  listed: number;
  waitlisted_at: string | null;
  offered_until: string | null;
  door_code: string;
  created_at: string;
  updated_at: string;
  checked_in_at: string | null;
  /** When the reminder the day before was written (0015). */
  reminded_at: string | null;
}

export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  account_settings: AccountSettingsTable;
  people: PeopleTable;
  person_contacts: PersonContactsTable;
  commonalities: CommonalitiesTable;
  promises: PromisesTable;
  interactions: InteractionsTable;
  events: EventsTable;
  event_people: EventPeopleTable;
  stage_history: StageHistoryTable;
  capture_requests: CaptureRequestsTable;
  card_scans: CardScansTable;
  card_images: CardImagesTable;
  message_templates: MessageTemplatesTable;
  suggestions_set_aside: SuggestionsSetAsideTable;
  /** Things to share (topics: a JSON array of strings); archived ones are no longer suggested. */
  shares: { id: string; account_id: string; title: string; link: string | null; topics: string; note: string | null; archived_at: string | null; created_at: string; updated_at: string };
  /** A thing sent to a person, or dismissed for them: either way not suggested to them again. */
  share_deliveries: { account_id: string; share_id: string; person_id: string; state: 'sent' | 'dismissed'; at: string };
  /** The matching terms of each commonality (core/topic-match termsOf) with its kind and term count: matching reads only this index. */
  commonality_terms: { account_id: string; term: string; person_id: string; commonality_id: string; kind: string; term_count: number };
  /** One secret calendar-feed URL per account: the token's SHA-256 hash and its first characters, never the token. */
  calendar_feeds: { account_id: string; token_hash: string; token_prefix: string; created_at: string; last_fetched_at: string | null };
  /** Per item of an account's feed: the digest of what calendars last saw, and its SEQUENCE. */
  calendar_feed_items: { account_id: string; uid: string; digest: string; sequence: number; updated_at: string };
  outbox: OutboxTable;
  digest_settings: DigestSettingsTable;
  unsubscribe_tokens: UnsubscribeTokensTable;
  jobs: JobsTable;
  /** Per person, what a vCard carries that the person has no field for: UID (unique per account), unknown lines (JSON), birthday. */
  person_vcards: { person_id: string; account_id: string; uid: string | null; birthday: string | null; extra: string; updated_at: string };
  person_photos: { person_id: string; account_id: string; mime: string; bytes: Buffer; updated_at: string };
  /** One row per import run, with its counts; import_records holds the report, one row per input record. */
  imports: { id: string; account_id: string; format: string; file_name: string | null; dry_run: number; total: number; imported: number; merged: number; skipped: number; created_at: string };
  import_records: { import_id: string; account_id: string; position: number; line: number; outcome: string; person_id: string | null; matched_by: string | null; name: string | null; reason: string | null };
  duplicate_dismissals: DuplicateDismissalsTable;
  merges: MergesTable;
  /** CardDAV app passwords: the SHA-256 hash and first characters, never the password. */
  /** Door staff links (issue 7): the SHA-256 of the token, never the token. */
  door_links: { id: string; organization_id: string; hosted_event_id: string; token_hash: string; label: string; created_by: string | null; created_at: string; revoked_at: string | null };
  /** Each action a door phone sent, by the phone's id for it: a replay gets the stored answer. */
  door_actions: { hosted_event_id: string; client_id: string; door_link_id: string; kind: string; result: string; created_at: string };
  organizations: OrganizationsTable;
  organization_members: OrganizationMembersTable;
  hosted_events: HostedEventsTable;
  registrations: RegistrationsTable;
  /** The SHA-256 of each secret link to a registrant's own page. */
  registration_links: { token_hash: string; registration_id: string; created_at: string };
  /** An organization's speakers (issue 7), optionally for one of its events; status: core/speaker-pipeline.ts. */
  speakers: { id: string; organization_id: string; hosted_event_id: string | null; full_name: string; email: string | null; company: string | null; title: string | null; topic: string | null; notes: string | null; status: string; created_at: string; updated_at: string };
  /** Each dated step of a speaker's pipeline; account_id null: the speaker's own answer through their link. */
  speaker_steps: { id: string; speaker_id: string; status: string; at: string; on_behalf: number; note: string | null; account_id: string | null };
  /** A speaker's invitation: the SHA-256 of its link's token, single-use (answered_at), revocable, with its one nudge. */
  speaker_invitations: { id: string; speaker_id: string; organization_id: string; token_hash: string; message: string | null; created_at: string; nudge_at: string | null; nudged_at: string | null; revoked_at: string | null; answered_at: string | null; answer: string | null; on_behalf: number; note: string | null };
  /** Per organization, days until an unanswered invitation is nudged (null: never); no row: the default. */
  speaker_settings: { organization_id: string; nudge_after_days: number | null; updated_at: string };
  /** Addresses that asked an organization for no more of its e-mail (confirmations of their own RSVP still go). */
  organization_unsubscribes: { organization_id: string; email_key: string; created_at: string };
  organization_unsubscribe_links: { token_hash: string; organization_id: string; email_key: string; created_at: string };
  /** An event wrapped up by an organizer: their own event of it ("met at"), in their account. */
  hosted_event_wrap_ups: { hosted_event_id: string; account_id: string; event_id: string; created_at: string; updated_at: string };
  /** Which person of the organizer's contacts each attendee became. */
  wrap_up_people: { registration_id: string; account_id: string; person_id: string; created_at: string };
  /** Which person of the organizer's contacts each speaker became. */
  wrap_up_speakers: { speaker_id: string; account_id: string; person_id: string; created_at: string };
  app_passwords: { id: string; account_id: string; name: string; password_hash: string; password_prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null };
  /** Per account, the CardDAV sync token: it only grows, one step per change of the address book. */
  carddav_books: { account_id: string; sync_token: number };
  /** Per person, the card CardDAV clients know and the token of its last change; deleted = 1 is a tombstone. */
  carddav_changes: { account_id: string; person_id: string; uid: string; href_name: string; etag: string; seen_updated_at: string; sync_token: number; deleted: number };
}

export type PersonRow = Selectable<PeopleTable>;
export type NewPersonRow = Insertable<PeopleTable>;
export type PersonRowUpdate = Updateable<PeopleTable>;
export type EventRow = Selectable<EventsTable>;
export type PromiseRow = Selectable<PromisesTable>;
export type InteractionRow = Selectable<InteractionsTable>;
export type CommonalityRow = Selectable<CommonalitiesTable>;
export type ContactRow = Selectable<PersonContactsTable>;
export type SettingsRow = Selectable<AccountSettingsTable>;
export type StageHistoryRow = Selectable<StageHistoryTable>;
export type { Generated };

/** A message Kith wrote: its full RFC 5322 text, and where it is in sending (see docs/mail.md). */
export interface OutboxTable {
  id: string;
  account_id: string;
  kind: string;
  to_address: string;
  from_address: string;
  subject: string;
  raw: string;
  /** The plain-text part, as the web app shows it. */
  text_body: string;
  /** kept (no SMTP server configured) | queued | sending | sent | failed */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  lease_until: string | null;
  last_error: string | null;
  /** What makes a second copy impossible: `digest:<accountId>:<slot date>`. */
  dedupe_key: string;
  created_at: string;
  sent_at: string | null;
}

export interface DigestSettingsTable {
  account_id: string;
  /** off | daily | weekly */
  frequency: string;
  hour: number;
  weekday: string;
  unsubscribed_at: string | null;
  updated_at: string;
}

/** SHA-256 of the token an e-mail's unsubscribe link carries. */
export interface UnsubscribeTokensTable {
  token_hash: string;
  account_id: string;
  created_at: string;
}

/** A background job, claimed by one server at a time with a lease. */
export interface JobsTable {
  id: string;
  kind: string;
  account_id: string;
  run_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  attempts: number;
  last_error: string | null;
}

/** "Not the same person": a pair of people never shown as duplicates again (person_a < person_b). */
export interface DuplicateDismissalsTable {
  account_id: string;
  person_a: string;
  person_b: string;
  created_at: string;
}

/** A merge of `merged_id` into `kept_id`, with the JSON snapshot that undoes it (see app/duplicates.service.ts). */
export interface MergesTable {
  id: string;
  account_id: string;
  kept_id: string;
  merged_id: string;
  snapshot: string;
  created_at: string;
  undone_at: string | null;
}
