// The shapes of Kith's stored objects as the app layer sees them (camelCase, ids, instants as ISO strings).
import type { CalendarDate } from './calendar-date.js';
import type { FollowUpReason } from './follow-up-schedule.js';
import type { CommonalityKind, EventRole, InteractionKind, LabelledValue, PersonSource, PromiseDirection, Stage } from './types.js';

export interface AccountRecord {
  id: string;
  email: string;
  createdAt: string;
}

export interface SettingsRecord {
  timeZone: string;
  followUpWindowDays: number;
  promiseDefaultDays: number;
  cadenceDays: Record<Stage, number | null>;
  defaultGoal: number;
  dailySuggestions: number;
  defaultRegion: string;
  currentEventId: string | null;
  /** The first run (the web app's welcome) has been completed. */
  onboarded: boolean;
}

export interface CommonalityRecord {
  id: string;
  kind: CommonalityKind;
  text: string;
  topic: string;
  createdAt: string;
}

export interface FollowUpRecord {
  reason: FollowUpReason;
  since: CalendarDate;
  dueOn: CalendarDate;
  soonFrom: CalendarDate;
}

export interface PersonRecord {
  id: string;
  fullName: string;
  company: string | null;
  title: string | null;
  notes: string | null;
  stage: Stage;
  cadenceDays: number | null;
  source: PersonSource;
  metEventId: string | null;
  metOn: CalendarDate | null;
  introducedBy: string | null;
  snoozedUntil: CalendarDate | null;
  lastTouchOn: CalendarDate | null;
  lastFollowUpOn: CalendarDate | null;
  lastMetOn: CalendarDate | null;
  followUp: FollowUpRecord | null;
  emails: LabelledValue[];
  phones: LabelledValue[];
  links: LabelledValue[];
  /** Postal addresses, one line each. */
  addresses: LabelledValue[];
  commonalities: CommonalityRecord[];
  createdAt: string;
  updatedAt: string;
}

/** The days of a person's latest touches, stored on the person (see ActivityRepository.touchDates). */
export interface TouchDays {
  lastTouchOn: CalendarDate | null;
  lastFollowUpOn: CalendarDate | null;
  lastMetOn: CalendarDate | null;
}

/** What the follow-up schedule of a person depends on, besides the settings. */
export type ScheduleInputs = Pick<PersonRecord, 'stage' | 'cadenceDays' | 'createdAt' | 'snoozedUntil'> & TouchDays;

/** A person in a list: enough to show a row. */
export interface PersonSummary {
  id: string;
  fullName: string;
  company: string | null;
  title: string | null;
  stage: Stage;
  followUp: FollowUpRecord | null;
  lastTouchOn: CalendarDate | null;
  createdAt: string;
}

export interface PromiseRecord {
  id: string;
  personId: string;
  direction: PromiseDirection;
  text: string;
  madeOn: CalendarDate;
  dueOn: CalendarDate | null;
  effectiveDueOn: CalendarDate;
  soonFrom: CalendarDate;
  eventId: string | null;
  doneAt: string | null;
  createdAt: string;
}

export interface InteractionRecord {
  id: string;
  personId: string;
  kind: InteractionKind;
  occurredOn: CalendarDate;
  summary: string | null;
  eventId: string | null;
  createdAt: string;
}

export interface StageHistoryRecord {
  id: string;
  fromStage: Stage | null;
  toStage: Stage;
  changedAt: string;
}

export interface EventRecord {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  link: string | null;
  role: EventRole;
  goal: number;
  createdAt: string;
  updatedAt: string;
}

export interface EventPersonRecord {
  personId: string;
  fullName: string;
  company: string | null;
  isNew: boolean;
  metOn: CalendarDate;
  followUpDueOn: CalendarDate | null;
}

/**
 * What one capture made, kept under the request id its client chose: a client that resends the request (an offline
 * queue that never saw the answer) gets these back instead of a second person.
 */
export interface CaptureReceipt {
  requestId: string;
  personId: string;
  /** The promises made by the capture, in the order they were made. */
  promiseIds: string[];
  createdAt: string;
}

export interface ApiTokenRecord {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
