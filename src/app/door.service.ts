// Door check-in (issue 7): staff links without an account, check-ins that sync from a phone with bad Wi-Fi, walk-ins,
// undo, and the confirmed registrants' badges.
//
// A door link is a secret URL (32 random bytes, only its SHA-256 stored) for one event: it opens that event's door
// list and nothing else, until it is revoked or DOOR_LINK_HOURS_AFTER_END hours after the event ends.
//
// Bad Wi-Fi: a phone queues its actions, each with an id it made, and sends them in order. Every action runs in a
// transaction that first locks the event and looks the id up: a replay gets the answer stored the first time, and
// two phones acting on one person take turns (the second check-in finds them in already).
import { createHash } from 'node:crypto';
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { OrganizerService } from './organizer.service.js';
import { hashToken, newDoorCode, newToken } from './secret-links.js';
import { EMAIL } from '../core/contact-values.js';
import { CAN, DOOR_LINK_HOURS_AFTER_END } from '../core/organizer.js';
import { ConflictError, KithError, NotFoundError } from '../core/errors.js';
import type { DoorLinkRecord, DoorPersonRecord } from '../db/repositories/door.repository.js';
import type { HostedEventRecord, RegistrationRecord } from '../db/repositories/organizer.repository.js';


export type DoorLinkState = 'active' | 'revoked' | 'expired';

export interface DoorLink extends DoorLinkRecord {
  expiresAt: string;
  state: DoorLinkState;
}

export interface NewDoorLink {
  link: DoorLink;
  /** Shown once: only its hash is kept. */
  token: string;
  /** The web app's door screen for this link: /door/<token>. */
  path: string;
}

export interface DoorList {
  event: { title: string; startsAt: string; endsAt: string; timeZone: string; place: string | null; organizationName: string; cancelled: boolean };
  /** Changes whenever the list does: a phone sends it back (If-None-Match) and gets 304 when nothing changed. */
  version: string;
  expiresAt: string;
  people: DoorPersonRecord[];
}

export type DoorActionInput =
  | { id: string; kind: 'check-in'; registrationId?: string | undefined; doorCode?: string | undefined; admit?: boolean | undefined }
  | { id: string; kind: 'undo'; registrationId: string }
  | { id: string; kind: 'walk-in'; fullName: string; email?: string | null | undefined; company?: string | null | undefined };

export type DoorOutcome = 'checked-in' | 'already-in' | 'undone' | 'not-in' | 'walked-in' | 'refused';

export interface DoorActionResult {
  id: string;
  outcome: DoorOutcome;
  /** The person as the action left them; null when refused without one. */
  person: DoorPersonRecord | null;
  /** Why it was refused: a code of docs/errors.md and a sentence for the door staff. */
  error: { code: string; message: string } | null;
}


function refused(id: string, code: string, message: string, person: DoorPersonRecord | null = null): DoorActionResult {
  return { id, outcome: 'refused', person, error: { code, message } };
}

export class DoorService {
  constructor(
    protected readonly ctx: AppContext,
    protected readonly organizer: OrganizerService,
  ) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  private withState(link: DoorLinkRecord, event: HostedEventRecord): DoorLink {
    const expiresAt = new Date(Date.parse(event.endsAt) + DOOR_LINK_HOURS_AFTER_END * 3_600_000).toISOString();
    const state: DoorLinkState = link.revokedAt ? 'revoked' : expiresAt <= this.now() ? 'expired' : 'active';
    return { ...link, expiresAt, state };
  }

  private async managedEvent(repos: Repositories, accountId: string, organizationId: string, eventId: string, what: string): Promise<HostedEventRecord> {
    await this.organizer.requireRole(repos, accountId, organizationId, CAN.manageEvents, what);
    const event = await repos.organizer.event(organizationId, eventId);
    if (!event) throw new NotFoundError('KITH_HOSTED_EVENT_NOT_FOUND', `no event with id ${eventId} in this organization`, { eventId });
    return event;
  }

  // ---- the organizer's side ---------------------------------------------------------------------------------

  /** A new door link for one event (owners and organizers); the token is in the answer once, and never again. */
  async createLink(accountId: string, organizationId: string, eventId: string, label: string | undefined): Promise<NewDoorLink> {
    return this.ctx.store.transaction(async (repos) => {
      const event = await this.managedEvent(repos, accountId, organizationId, eventId, 'share door links');
      const id = this.ctx.newId();
      const token = newToken();
      const at = this.now();
      const record = { id, organizationId, hostedEventId: eventId, label: label?.trim() || 'Door', createdAt: at, revokedAt: null };
      const link = this.withState(record, event);
      if (link.state === 'expired') throw new ConflictError('KITH_EVENT_OVER', `this event ended more than ${DOOR_LINK_HOURS_AFTER_END} hours ago: a door link would be dead already`);
      await repos.door.insertLink({ ...record, tokenHash: hashToken(token), createdBy: accountId }, at);
      return { link, token, path: `/door/${token}` };
    });
  }

  async links(accountId: string, organizationId: string, eventId: string): Promise<DoorLink[]> {
    const repos = this.ctx.store.repos;
    const event = await this.managedEvent(repos, accountId, organizationId, eventId, 'see door links');
    return (await repos.door.links(organizationId, eventId)).map((l) => this.withState(l, event));
  }

  /** Revokes a link at once: the next request of a phone holding it gets 410. Revoking twice changes nothing. */
  async revokeLink(accountId: string, organizationId: string, linkId: string): Promise<DoorLink> {
    return this.ctx.store.transaction(async (repos) => {
      await this.organizer.requireRole(repos, accountId, organizationId, CAN.manageEvents, 'revoke door links');
      const link = await repos.door.link(organizationId, linkId);
      if (!link) throw new NotFoundError('KITH_DOOR_LINK_NOT_FOUND', `no door link with id ${linkId} in this organization`, { linkId });
      await repos.door.revokeLink(organizationId, linkId, this.now());
      const event = (await repos.organizer.event(organizationId, link.hostedEventId))!;
      return this.withState((await repos.door.link(organizationId, linkId))!, event);
    });
  }

  /** The confirmed registrants, by name, for their badges (owners and organizers). */
  async badges(accountId: string, organizationId: string, eventId: string): Promise<{ event: HostedEventRecord; organizationName: string; people: RegistrationRecord[] }> {
    const event = await this.organizer.event(accountId, organizationId, eventId);
    const people = await this.organizer.registrations(accountId, organizationId, eventId, 'confirmed');
    const organization = await this.ctx.store.repos.organizer.organization(organizationId);
    people.sort((a, b) => (a.badgeName ?? a.fullName).localeCompare(b.badgeName ?? b.fullName));
    return { event, organizationName: organization!.name, people };
  }

  // ---- the door staff's side ----------------------------------------------------------------------------------

  /** The link behind a token: 404 for none, 410 once revoked or expired. */
  private async open(repos: Repositories, token: string): Promise<{ link: DoorLink; event: HostedEventRecord }> {
    const record = token ? await repos.door.linkByToken(hashToken(token)) : null;
    if (!record) throw new NotFoundError('KITH_DOOR_LINK_NOT_FOUND', 'this door link is not valid: ask the organizer for the link again');
    const event = (await repos.organizer.event(record.organizationId, record.hostedEventId))!;
    const link = this.withState(record, event);
    if (link.state === 'revoked') throw new KithError('KITH_DOOR_LINK_REVOKED', 'this door link was revoked by the organizer: ask them for a new one');
    if (link.state === 'expired') throw new KithError('KITH_DOOR_LINK_EXPIRED', `this door link ended ${DOOR_LINK_HOURS_AFTER_END} hours after the event`);
    return { link, event };
  }

  async list(token: string): Promise<DoorList> {
    const repos = this.ctx.store.repos;
    const { link, event } = await this.open(repos, token);
    const [people, organization] = await Promise.all([repos.door.people(event.id), repos.organizer.organization(event.organizationId)]);
    const version = createHash('sha256').update(JSON.stringify([event.title, event.startsAt, event.cancelledAt, people])).digest('base64url').slice(0, 22);
    return {
      event: { title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone, place: event.place, organizationName: organization!.name, cancelled: event.cancelledAt !== null },
      version,
      expiresAt: link.expiresAt,
      people,
    };
  }

  /** Runs a phone's actions in the order it sent them; each is answered, refused ones included (nothing stops the rest). */
  async act(token: string, actions: DoorActionInput[]): Promise<DoorActionResult[]> {
    const results: DoorActionResult[] = [];
    for (const action of actions) results.push(await this.actOne(token, action));
    return results;
  }

  private async actOne(token: string, action: DoorActionInput): Promise<DoorActionResult> {
    return this.ctx.store.transaction(async (repos) => {
      const { link, event } = await this.open(repos, token);
      // One action of an event at a time: a replay finds the stored answer, a second phone finds the first one's work.
      await repos.organizer.lockEvent(event.id);
      const stored = await repos.door.storedAction(event.id, action.id);
      if (stored) return JSON.parse(stored) as DoorActionResult;
      const result = await this.perform(repos, event, action);
      await repos.door.recordAction({ hostedEventId: event.id, clientId: action.id, doorLinkId: link.id, kind: action.kind, result: JSON.stringify(result) }, this.now());
      return result;
    });
  }

  private async perform(repos: Repositories, event: HostedEventRecord, action: DoorActionInput): Promise<DoorActionResult> {
    const at = this.now();
    if (action.kind === 'walk-in') return this.walkIn(repos, event, action, at);
    const by = action.kind === 'check-in' && action.doorCode !== undefined ? { doorCode: action.doorCode.trim() } : action.registrationId !== undefined ? { id: action.registrationId } : null;
    if (!by) return refused(action.id, 'KITH_DOOR_REGISTRATION_NOT_FOUND', 'say who: a registration id or the code of their QR');
    const person = await repos.door.person(event.id, by);
    if (!person) {
      return refused(action.id, 'KITH_DOOR_REGISTRATION_NOT_FOUND', 'doorCode' in by ? 'this code is not a registration for this event' : 'no such registration for this event');
    }
    if (action.kind === 'undo') {
      const undone = await repos.door.undoCheckIn(event.id, person.id, at);
      return { id: action.id, outcome: undone ? 'undone' : 'not-in', person: { ...person, checkedInAt: null }, error: null };
    }
    if (person.checkedInAt) return { id: action.id, outcome: 'already-in', person, error: null };
    if (person.status !== 'confirmed') {
      if (person.status === 'cancelled' || person.status === 'declined' || !action.admit) {
        return refused(action.id, 'KITH_DOOR_NOT_CONFIRMED', `${person.fullName} is ${person.status}, not confirmed: let them in anyway only if there is room`, person);
      }
      // "Let in anyway": a person standing at the door with room for them gets the seat, over capacity if need be.
      await repos.door.admit(event.id, person.id, at);
      return { id: action.id, outcome: 'checked-in', person: { ...person, status: 'confirmed', checkedInAt: at }, error: null };
    }
    const checked = await repos.door.checkIn(event.id, person.id, at);
    return checked
      ? { id: action.id, outcome: 'checked-in', person: { ...person, checkedInAt: at }, error: null }
      : { id: action.id, outcome: 'already-in', person: (await repos.door.person(event.id, { id: person.id }))!, error: null };
  }

  /**
   * Someone who did not register: a confirmed registration, checked in now, even over capacity (a person standing
   * at the door is let in; the organizer sees them counted). An e-mail already registered is that registration.
   */
  private async walkIn(repos: Repositories, event: HostedEventRecord, action: Extract<DoorActionInput, { kind: 'walk-in' }>, at: string): Promise<DoorActionResult> {
    const fullName = action.fullName.trim();
    const email = action.email?.trim() || null;
    const company = action.company?.trim() || null;
    if (!fullName || fullName.length > 200) return refused(action.id, 'KITH_VALIDATION', 'fullName: a walk-in needs a name of at most 200 characters');
    if (email && (!EMAIL.test(email) || email.length > 254)) return refused(action.id, 'KITH_VALIDATION', 'email: an e-mail address, e.g. ada@example.com, or none');
    if (company && company.length > 200) return refused(action.id, 'KITH_VALIDATION', 'company: at most 200 characters');
    const existing = email ? await repos.door.registrationIdByEmail(event.id, email) : null;
    if (existing) {
      const person = (await repos.door.person(event.id, { id: existing }))!;
      if (person.status === 'confirmed' && person.checkedInAt) return { id: action.id, outcome: 'already-in', person, error: null };
      await repos.door.admit(event.id, existing, at);
      return { id: action.id, outcome: 'walked-in', person: (await repos.door.person(event.id, { id: existing }))!, error: null };
    }
    const id = this.ctx.newId();
    await repos.door.insertWalkIn({ id, organizationId: event.organizationId, hostedEventId: event.id, fullName, email, company, doorCode: newDoorCode() }, at);
    return { id: action.id, outcome: 'walked-in', person: (await repos.door.person(event.id, { id }))!, error: null };
  }
}
