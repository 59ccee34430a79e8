// The API's shapes, taken from the server's own TypeBox schemas (type-only imports: nothing of the server is
// bundled), so that the web app and the API cannot drift apart without the type check saying so.
import type { Static } from 'typebox';
import { INTERACTION_KINDS, type InteractionKind, type Stage } from '../../../src/core/types.js';
import type { Commonality as CommonalitySchema } from '../../../src/http/schemas.js';
import type { PromiseOut } from '../../../src/cli/api-types.js';

// One set of API shapes for both clients: the CLI's (src/cli/api-types.ts), derived from the route schemas.
export type {
  EventPerson,
  GoalProgress,
  Interaction,
  KithEvent,
  Person,
  PersonSummary,
  PossibleDuplicate,
  Settings,
  StageChange,
  Suggestion,
  SuggestionList,
  MessageTemplateView,
  Share,
  ShareMatch,
  ShareMatchPage,
  ImportRecord,
  ImportReport,
  AppPassword,
  AppPasswordList,
  NewAppPassword,
  DoorList,
  DoorPerson,
  DoorAction,
  DoorActionResult,
  OrgRole,
  RegistrationStatus,
  Organization,
  OrganizationMember,
  OrganizationDetail,
  EventQuestion,
  RegistrationCounts,
  HostedEventInput,
  HostedEvent,
  Registration,
  SpeakerStatus,
  SpeakerStep,
  SpeakerInvitation,
  SpeakerInput,
  Speaker,
  SpeakerIntroduction,
  SpeakerSettings,
  DoorLink,
  NewDoorLink,
  EventFigures,
} from '../../../src/cli/api-types.js';
import type { EventPerson, GoalProgress, KithEvent, Interaction, Person, PersonSummary, PossibleDuplicate, StageChange } from '../../../src/cli/api-types.js';
export type Commonality = Static<typeof CommonalitySchema>;
export type PromiseItem = PromiseOut;

// The domain's lists are the server's own (src/core/types.ts has no runtime imports, so bundling it adds only them).
export { STAGES, COMMONALITY_KINDS, type Stage } from '../../../src/core/types.js';
export const BOARD_STAGES = ['met', 'talking', 'relationship', 'client'] as const satisfies readonly Stage[];
/** What a person logs by hand ("met" comes with an event or a capture). */
export const TOUCH_KINDS = INTERACTION_KINDS.filter((kind): kind is Exclude<InteractionKind, 'met'> => kind !== 'met');

export interface Account {
  id: string;
  email: string;
  createdAt: string;
}

export interface PersonDetail {
  person: Person;
  promises: PromiseItem[];
  interactions: Interaction[];
  stageHistory: StageChange[];
  events: { eventId: string; name: string; metOn: string; isNew: boolean }[];
}

export interface PeoplePage {
  items: PersonSummary[];
  total: number | null;
  hasMore: boolean;
}

export interface FollowUpItem {
  kind: string;
  personId: string;
  fullName: string;
  company: string | null;
  reason: string;
  reasonText: string;
  state: 'overdue' | 'due' | 'soon' | string;
  dueOn: string;
  since: string;
  promiseId: string | null;
  eventId: string | null;
  eventName: string | null;
  commonality: { kind: string; text: string } | null;
  email?: string | null;
  draft?: { subject: string; body: string; short: string };
}

export interface FollowUpList {
  today: string;
  items: FollowUpItem[];
  counts: { overdue: number; due: number; soon: number; promises: number };
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

export type EventWithProgress = KithEvent & { progress?: GoalProgress };

export interface ParsedCapture {
  fullName: string | null;
  company: string | null;
  title: string | null;
  emails: { value: string; label: string | null }[];
  phones: { value: string; label: string | null }[];
  links: { value: string; label: string | null }[];
  commonalities: { kind: string; text: string; topic: string }[];
  promises: { direction: string; text: string; dueOn: string | null }[];
  introducedBy: string | null;
  note: string | null;
  parts: { text: string; role: string }[];
}

export interface CaptureResult {
  person: Person;
  possibleDuplicates: PossibleDuplicate[];
  parsed: ParsedCapture;
  promises: PromiseItem[];
  replayed?: boolean;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
