// The domain's vocabulary. Storage rows and API shapes are mapped to and from these in db/ and http/.
import type { CalendarDate } from './calendar-date.js';

export const STAGES = ['met', 'talking', 'relationship', 'client', 'dormant'] as const;
export type Stage = (typeof STAGES)[number];

export const COMMONALITY_KINDS = ['interest', 'challenge', 'shared', 'personal'] as const;
export type CommonalityKind = (typeof COMMONALITY_KINDS)[number];

/** `i_owe`: I promised them something; `they_owe`: they promised me something. */
export const PROMISE_DIRECTIONS = ['i_owe', 'they_owe'] as const;
export type PromiseDirection = (typeof PROMISE_DIRECTIONS)[number];

export const INTERACTION_KINDS = ['met', 'email', 'call', 'meeting', 'message', 'sent_something', 'event_together', 'note'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const EVENT_ROLES = ['attending', 'hosting', 'speaking'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

export const PERSON_SOURCES = ['typed', 'card', 'qr', 'import', 'rsvp', 'carddav'] as const;
export type PersonSource = (typeof PERSON_SOURCES)[number];

export interface LabelledValue {
  value: string;
  label: string | null;
}

export interface Commonality {
  kind: CommonalityKind;
  text: string;
  /** The normalised key that makes "Opera", "opera" and "the opera" match. */
  topic: string;
}

/** The follow-up settings of an account (each a user setting, defaults from DESIGN.md). */
export interface FollowUpSettings {
  timeZone: string;
  /** Days after meeting someone at an event by which the first follow-up is due. */
  followUpWindowDays: number;
  /** Days after making a promise by which it is due, when no due date was given. */
  promiseDefaultDays: number;
  /** Keep-in-touch cadence in days by stage; null means no cadence (dormant). */
  cadenceDays: Record<Stage, number | null>;
}

export const DEFAULT_FOLLOW_UP_SETTINGS: FollowUpSettings = {
  timeZone: 'UTC',
  followUpWindowDays: 2,
  promiseDefaultDays: 3,
  cadenceDays: { met: 14, talking: 30, relationship: 90, client: 45, dormant: null },
};

export const DEFAULT_EVENT_GOAL = 3;

export type { CalendarDate };
