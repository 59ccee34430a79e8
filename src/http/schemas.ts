// Schemas shared by the routes: validation of what comes in, and serialisation of what goes out (a field that is
// not named here never leaves the server).
import { Type, type TSchema } from 'typebox';
import { COMMONALITY_KINDS, EVENT_ROLES, INTERACTION_KINDS, PERSON_SOURCES, PROMISE_DIRECTIONS, STAGES } from '../core/types.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const literals = <const T extends string[]>(values: readonly [...T]) => Type.Enum(values);

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-zA-Z-]+$' });
export const IdParams = Type.Object({ id: Id });
export const DateString = Type.String({ format: 'date', description: 'a calendar day, YYYY-MM-DD' });
export const Instant = Type.String({ format: 'date-time', description: 'an ISO-8601 date and time, e.g. 2026-03-10T18:00:00Z' });
export const ShortText = Type.String({ maxLength: 200 });
export const LongText = Type.String({ maxLength: 10_000 });
/** A client-made id (a UUID, say) that makes a resent capture happen once. */
export const RequestId = Type.String({
  minLength: 8,
  maxLength: 64,
  pattern: '^[0-9a-zA-Z-]+$',
  description: 'a client-made id (e.g. a UUID): the same capture sent again with it makes nothing new and answers 200 with replayed: true',
});

export const Stage = literals(STAGES);
export const CommonalityKind = literals(COMMONALITY_KINDS);
export const PromiseDirection = literals(PROMISE_DIRECTIONS);
export const InteractionKind = literals(INTERACTION_KINDS);
export const EventRole = literals(EVENT_ROLES);
export const PersonSource = literals(PERSON_SOURCES);

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});

export const LabelledValueIn = Type.Object({ value: Type.String({ minLength: 1, maxLength: 320 }), label: Type.Optional(Nullable(Type.String({ maxLength: 50 }))) }, { additionalProperties: false });
export const LabelledValue = Type.Object({ value: Type.String(), label: Nullable(Type.String()) });

export const Commonality = Type.Object({ id: Type.String(), kind: CommonalityKind, text: Type.String(), topic: Type.String(), createdAt: Type.String() });
export const CommonalityIn = Type.Object({ kind: CommonalityKind, text: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const FollowUp = Type.Object({
  reason: Type.String(),
  since: Type.String(),
  dueOn: Type.String(),
  soonFrom: Type.String(),
});

export const Person = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  stage: Type.String(),
  cadenceDays: Nullable(Type.Integer()),
  source: Type.String(),
  metEventId: Nullable(Type.String()),
  metOn: Nullable(Type.String()),
  introducedBy: Nullable(Type.String()),
  snoozedUntil: Nullable(Type.String()),
  lastTouchOn: Nullable(Type.String()),
  followUp: Nullable(FollowUp),
  emails: Type.Array(LabelledValue),
  phones: Type.Array(LabelledValue),
  links: Type.Array(LabelledValue),
  addresses: Type.Array(LabelledValue),
  commonalities: Type.Array(Commonality),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const PersonSummary = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  stage: Type.String(),
  followUp: Nullable(FollowUp),
  lastTouchOn: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const PromiseOut = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  direction: Type.String(),
  text: Type.String(),
  madeOn: Type.String(),
  dueOn: Nullable(Type.String()),
  effectiveDueOn: Type.String(),
  eventId: Nullable(Type.String()),
  doneAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const Interaction = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  kind: Type.String(),
  occurredOn: Type.String(),
  summary: Nullable(Type.String()),
  eventId: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const StageChange = Type.Object({ id: Type.String(), fromStage: Nullable(Type.String()), toStage: Type.String(), changedAt: Type.String() });

export const PossibleDuplicate = Type.Object({
  personId: Type.String(),
  fullName: Type.String(),
  company: Nullable(Type.String()),
  reasons: Type.Array(Type.String()),
  confidence: Type.Number(),
  message: Type.String(),
  evidence: Type.Array(Type.String()),
});

export const Event = Type.Object({
  id: Type.String(),
  name: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  timeZone: Type.String(),
  place: Nullable(Type.String()),
  link: Nullable(Type.String()),
  role: Type.String(),
  goal: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const GoalProgress = Type.Object({ goal: Type.Integer(), met: Type.Integer(), remaining: Type.Integer(), reached: Type.Boolean(), label: Type.String() });

/** An event in a list, with how it went against its goal. */
export const EventWithProgress = Type.Object({ ...Event.properties, progress: GoalProgress });

export const EventPerson = Type.Object({
  personId: Type.String(),
  fullName: Type.String(),
  company: Nullable(Type.String()),
  isNew: Type.Boolean(),
  metOn: Type.String(),
  followUpDueOn: Nullable(Type.String()),
});

export const Settings = Type.Object({
  timeZone: Type.String(),
  followUpWindowDays: Type.Integer(),
  promiseDefaultDays: Type.Integer(),
  cadenceDays: Type.Object({
    met: Nullable(Type.Integer()),
    talking: Nullable(Type.Integer()),
    relationship: Nullable(Type.Integer()),
    client: Nullable(Type.Integer()),
    dormant: Nullable(Type.Integer()),
  }),
  defaultGoal: Type.Integer(),
  dailySuggestions: Type.Integer(),
  defaultRegion: Type.String(),
  currentEventId: Nullable(Type.String()),
  onboarded: Type.Boolean({ description: 'the first run (the web app\'s welcome) has been completed' }),
});

export const Paging = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
});

/** An app password as listed: never the password itself. */
export const AppPassword = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'the device it is for, e.g. "iPhone"' }),
  prefix: Type.String({ description: 'the first characters of the password, to tell them apart' }),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String({ description: 'when a client last signed in with it (to the minute)' })),
});
