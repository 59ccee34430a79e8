// The shapes of the organizer's API (organizations, hosted events, registrations, speakers, door links), as TypeBox
// schemas: the routes validate and serialise with them, and the clients' types are made from them
// (src/cli/api-types.ts), so that the two cannot drift apart. Pure: TypeBox and core constants only.
import { Type } from 'typebox';
import { Id, Instant, literals, LongText, Nullable } from './schemas.js';
import { DOOR_LINK_HOURS_AFTER_END, ORG_ROLES, REGISTRATION_STATUSES } from '../core/organizer.js';
import { SPEAKER_STATUSES } from '../core/speaker-pipeline.js';

// ---- organizations, events, registrations --------------------------------------------------------------------

export const OrgRole = literals(ORG_ROLES);
export const RegistrationStatus = literals(REGISTRATION_STATUSES);

export const Organization = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String(), role: OrgRole });
export const Member = Type.Object({ accountId: Type.String(), email: Type.String(), role: OrgRole, createdAt: Type.String() });
export const OrganizationDetail = Type.Object({ organization: Organization, members: Type.Array(Member) });

export const Question = Type.Object({ id: Type.String(), label: Type.String(), required: Type.Boolean() });
export const QuestionIn = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 40, description: 'letters, digits, - or _; unique in the event (it keys the answers)' }),
    label: Type.String({ minLength: 1, maxLength: 200 }),
    required: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const HostedEventIn = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(LongText),
    startsAt: Instant,
    endsAt: Type.Optional(Instant),
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'an IANA time zone, e.g. Europe/London' }),
    place: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    link: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'an http:// or https:// link, for an online event' }))),
    // The ranges are the service's to check: its one issue says what is allowed, where a union's schema gives three.
    capacity: Type.Optional(Nullable(Type.Integer({ description: 'seats, from 1 to 100000; null (the default) for no limit' }))),
    requiresApproval: Type.Optional(Type.Boolean({ description: 'registrations wait for an organizer to approve them' })),
    confirmEmail: Type.Optional(Type.Boolean({ description: 'a registration holds no seat until its e-mail address is confirmed' })),
    claimHours: Type.Optional(Type.Integer({ description: 'how long a seat offered from the waitlist is held, from 1 to 168 hours (default 24)' })),
    questions: Type.Optional(Type.Array(QuestionIn, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const RegistrationCounts = Type.Object({
  confirmed: Type.Integer(),
  waitlisted: Type.Integer(),
  offered: Type.Integer(),
  pending: Type.Integer(),
  unconfirmed: Type.Integer(),
  cancelled: Type.Integer(),
  declined: Type.Integer(),
  checkedIn: Type.Integer(),
});

export const HostedEvent = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  slug: Type.String(),
  seriesId: Type.String({ description: 'the first event of the series; events cloned from it share it' }),
  title: Type.String(),
  description: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  timeZone: Type.String(),
  place: Nullable(Type.String()),
  link: Nullable(Type.String()),
  capacity: Nullable(Type.Integer()),
  requiresApproval: Type.Boolean(),
  confirmEmail: Type.Boolean(),
  claimHours: Type.Integer(),
  questions: Type.Array(Question),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  cancelledAt: Nullable(Type.String()),
  counts: RegistrationCounts,
  publicPath: Type.String({ description: 'the public event page with its RSVP form, e.g. /e/Ab3dE…' }),
});
export const EventAnswer = Type.Object({ event: HostedEvent });

/** A registration as its organizers see it: never a link token; the door code is what its QR code holds. */
export const Registration = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  hostedEventId: Type.String(),
  status: RegistrationStatus,
  fullName: Type.String(),
  email: Type.String(),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  badgeName: Nullable(Type.String()),
  answers: Type.Record(Type.String(), Type.String(), { description: 'answers to the custom questions, by question id' }),
  listed: Type.Boolean({ description: 'opted in to the "who\'s coming" list' }),
  waitlistedAt: Nullable(Type.String()),
  offeredUntil: Nullable(Type.String({ description: 'for an offered seat: the end of the time to claim it' })),
  doorCode: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  checkedInAt: Nullable(Type.String()),
});

export const Figures = Type.Object({
  registered: Type.Integer({ description: 'held a seat at the end, or came' }),
  came: Type.Integer(),
  noShows: Type.Integer({ description: 'held a seat and did not come' }),
  waitlist: Type.Integer({ description: 'still waiting (waitlisted, or offered and not claimed)' }),
  cancelled: Type.Integer(),
  inContacts: Type.Integer({ description: 'of those who came, how many are in my contacts (after the wrap-up)' }),
  newPeople: Type.Integer({ description: 'people new to my contacts from this event' }),
  wrappedUpAt: Nullable(Type.String()),
});

// ---- speakers ---------------------------------------------------------------------------------------------------

export const SpeakerStatus = literals(SPEAKER_STATUSES);
export const Answer = literals(['accepted', 'declined'] as const);

export const SpeakerIn = {
  hostedEventId: Type.Optional(Nullable(Id)),
  fullName: Type.Optional(Type.String({ maxLength: 200 })),
  // Lengths are the service's to check: its one issue names the limit, where a union's schema gives three.
  email: Type.Optional(Nullable(Type.String({ description: 'needed for an invitation' }))),
  company: Type.Optional(Nullable(Type.String({ description: 'at most 200 characters' }))),
  title: Type.Optional(Nullable(Type.String({ description: 'at most 200 characters' }))),
  topic: Type.Optional(Nullable(Type.String({ description: 'at most 500 characters' }))),
  notes: Type.Optional(Nullable(Type.String({ description: 'at most 10000 characters' }))),
};
export const SpeakerCreate = Type.Object({ ...SpeakerIn, fullName: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export const SpeakerPatch = Type.Object(SpeakerIn, { additionalProperties: false });

export const Step = Type.Object({
  status: SpeakerStatus,
  at: Type.String(),
  onBehalf: Type.Boolean({ description: 'an answer the organizer recorded for the speaker (a yes given by phone)' }),
  note: Nullable(Type.String()),
  byAccountId: Nullable(Type.String({ description: 'the member who made the move; null: the speaker, through their invitation page' })),
});

/** The latest invitation: never its link (only the speaker's e-mail has it). */
export const Invitation = Type.Object({
  sentAt: Type.String(),
  nudgeAt: Nullable(Type.String({ description: 'when the one reminder is due; null: nudges are off' })),
  nudgedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String({ description: 'replaced by a newer invitation, or withdrawn' })),
  answeredAt: Nullable(Type.String()),
  answer: Nullable(Answer),
  onBehalf: Type.Boolean(),
  note: Nullable(Type.String({ description: 'the note the speaker (or the organizer on their behalf) gave with the answer' })),
  message: Nullable(Type.String()),
});

export const Speaker = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  hostedEventId: Nullable(Type.String()),
  fullName: Type.String(),
  email: Nullable(Type.String()),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  topic: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  status: SpeakerStatus,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  steps: Type.Array(Step, { description: 'every step with its date, oldest first' }),
  invitation: Nullable(Invitation),
});
export const SpeakerAnswer = Type.Object({ speaker: Speaker });
export const Settings = Type.Object({ nudgeAfterDays: Nullable(Type.Integer({ description: 'days without an answer before the one reminder, 1–60 (default 5); null: no reminder' })) });
export const Introduction = Type.Object({
  written: Type.Integer(),
  alreadySent: Type.Integer({ description: 'registrants introduced before' }),
  unsubscribed: Type.Integer({ description: 'registrants who asked the organization for no more e-mail' }),
});

// ---- door check-in ----------------------------------------------------------------------------------------------

export const DoorLink = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  hostedEventId: Type.String(),
  label: Type.String(),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  expiresAt: Type.String({ description: `${DOOR_LINK_HOURS_AFTER_END} hours after the event ends` }),
  state: literals(['active', 'revoked', 'expired'] as const),
});

export const DoorPerson = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  badgeName: Nullable(Type.String()),
  status: literals(REGISTRATION_STATUSES),
  checkedInAt: Nullable(Type.String()),
});

export const DoorList = Type.Object({
  event: Type.Object({
    title: Type.String(),
    startsAt: Type.String(),
    endsAt: Type.String(),
    timeZone: Type.String(),
    place: Nullable(Type.String()),
    organizationName: Type.String(),
    cancelled: Type.Boolean(),
  }),
  version: Type.String({ description: 'changes whenever the list does; also the ETag' }),
  expiresAt: Type.String(),
  people: Type.Array(DoorPerson),
});

export const ClientId = Type.String({ minLength: 8, maxLength: 64, pattern: '^[0-9a-zA-Z_-]+$', description: 'made by the phone (e.g. a UUID): the same action sent again is answered as the first time and done once' });
export const DoorActionIn = Type.Union([
  Type.Object(
    {
      id: ClientId,
      kind: Type.Literal('check-in'),
      registrationId: Type.Optional(Id),
      doorCode: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'what the QR code of the registrant holds' })),
      admit: Type.Optional(Type.Boolean({ description: 'let in someone not confirmed (waitlisted, offered, pending): confirmed and checked in, over capacity if need be' })),
    },
    { additionalProperties: false },
  ),
  Type.Object({ id: ClientId, kind: Type.Literal('undo'), registrationId: Id }, { additionalProperties: false }),
  Type.Object(
    {
      id: ClientId,
      kind: Type.Literal('walk-in'),
      fullName: Type.String({ minLength: 1, maxLength: 200 }),
      email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
      company: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    },
    { additionalProperties: false },
  ),
]);
export const DoorActionResult = Type.Object({
  id: Type.String(),
  outcome: literals(['checked-in', 'already-in', 'undone', 'not-in', 'walked-in', 'refused'] as const),
  person: Nullable(DoorPerson),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
});

/** The token (and the door screen's path, /door/<token>) are in this answer only. */
export const NewDoorLink = Type.Object({ link: DoorLink, token: Type.String(), path: Type.String() });
