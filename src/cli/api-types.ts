// The shapes of the API's answers that the CLI reads, taken from the route schemas so that they cannot drift.
import type { Static } from 'typebox';
import type {
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

export interface CreatedToken {
  token: string;
  record: { id: string; name: string; prefix: string; createdAt: string };
}
