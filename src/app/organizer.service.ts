// The organizer's desk: organizations and their members, the events they host, and registrations from the public
// event page. Organization data is shared with its members only (requireRole before any read or write); the public
// side knows an event by its random slug and a registrant by the secret token in their link, nothing else.
//
// Capacity: every change to an event's registrations runs in one transaction that first locks the event
// (OrganizerRepository.lockEvent), so that seats are counted and given one request at a time; a seat offered from the
// waitlist is held until its claim window ends, and expired offers are swept in the same transactions.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { OutboxService } from './outbox.service.js';
import type { MailSetup } from './mailer.js';
import type { PeopleService } from './people.service.js';
import { refreshPerson } from './person-derived.js';
import { isValidTimeZone, localDateOf } from '../core/calendar-date.js';
import { OPTIONAL_KINDS, registrationMail, type RegistrationMailKind } from './registration-mail.js';
import { ConflictError, ForbiddenError, KithError, NotFoundError, ValidationError, type FieldIssue } from '../core/errors.js';
import { CAN, checkAnswers, checkQuestions, holdsSeat, nextMonthsMeeting, placeFor, type OrgRole, type Question, type RegistrationStatus } from '../core/organizer.js';
import type {
  HostedEventFields,
  HostedEventRecord,
  MemberRecord,
  MembershipRecord,
  OrganizationRecord,
  RegistrationCounts,
  RegistrationRecord,
} from '../db/repositories/organizer.repository.js';

export interface HostedEventInput {
  title: string;
  description?: string | undefined;
  startsAt: string;
  endsAt?: string | undefined;
  timeZone: string;
  place?: string | null | undefined;
  link?: string | null | undefined;
  capacity?: number | null | undefined;
  requiresApproval?: boolean | undefined;
  confirmEmail?: boolean | undefined;
  claimHours?: number | undefined;
  questions?: Question[] | undefined;
}

export interface RsvpInput {
  fullName: string;
  email: string;
  company?: string | null | undefined;
  title?: string | null | undefined;
  badgeName?: string | null | undefined;
  answers?: Record<string, string | undefined> | undefined;
  listed?: boolean | undefined;
  /** The honeypot: a field people do not see, which bots fill in. */
  website?: string | undefined;
}

export type RsvpOutcome = 'confirmed' | 'waitlisted' | 'pending' | 'unconfirmed' | 'already';

export interface RsvpResult {
  outcome: RsvpOutcome;
  /** The registrant's page (`/r/<token>`); null when the address was registered already (its link is mailed again). */
  token: string | null;
}

export interface PublicEvent {
  organizationName: string;
  event: HostedEventRecord;
  seatsLeft: number | null;
  waitlist: number;
}

export interface MyRegistration {
  organizationName: string;
  event: HostedEventRecord;
  registration: RegistrationRecord;
  /** On the waitlist: 1 for the next to be offered a seat. */
  position: number | null;
  /** Who's coming, for a confirmed registrant who opted in; null otherwise. */
  attendees: { fullName: string; company: string | null; title: string | null }[] | null;
}

export interface EventFigures {
  /** Held a seat at the end (confirmed), or came. */
  registered: number;
  came: number;
  /** Held a seat and did not come. */
  noShows: number;
  /** Still waiting for a seat (waitlisted, or offered and not claimed). */
  waitlist: number;
  cancelled: number;
  /** Of those who came, how many are in my contacts (after the wrap-up). */
  inContacts: number;
  /** People new to my contacts from this event. */
  newPeople: number;
  wrappedUpAt: string | null;
}

export interface EventWithCounts extends HostedEventRecord {
  counts: RegistrationCounts;
  publicPath: string;
}

const MAX_TEXT = 200;
const MAX_DESCRIPTION = 10_000;
const DEFAULT_DURATION_MS = 2 * 3_600_000;
/** The reminder goes this long before the start. */
const REMINDER_BEFORE_MS = 24 * 3_600_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function trimmed(value: string | null | undefined, path: string, issues: FieldIssue[], max = MAX_TEXT): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) issues.push({ path, message: `at most ${max} characters` });
  return text || null;
}

export class OrganizerService {
  constructor(
    private readonly ctx: AppContext,
    private readonly outbox: OutboxService,
    private readonly mail: MailSetup,
    private readonly people: PeopleService,
  ) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  // ---- organizations and members -------------------------------------------------------------------------

  async createOrganization(accountId: string, name: string): Promise<MembershipRecord> {
    const clean = name.trim();
    if (!clean || clean.length > MAX_TEXT) throw new ValidationError([{ path: 'name', message: `an organization needs a name of at most ${MAX_TEXT} characters` }]);
    const id = this.ctx.newId();
    const at = this.now();
    await this.ctx.store.transaction((repos) => repos.organizer.createOrganization({ id, name: clean }, accountId, at));
    return { id, name: clean, createdAt: at, role: 'owner' };
  }

  organizations(accountId: string): Promise<MembershipRecord[]> {
    return this.ctx.store.repos.organizer.organizationsOf(accountId);
  }

  /** The account's role in the organization; a 404 for non-members (they may not learn that it exists). */
  async requireRole(repos: Repositories, accountId: string, organizationId: string, may: (role: OrgRole) => boolean, what: string): Promise<MembershipRecord> {
    const membership = await repos.organizer.membership(organizationId, accountId);
    if (!membership) throw new NotFoundError('KITH_ORGANIZATION_NOT_FOUND', `no organization with id ${organizationId}`, { organizationId });
    if (!may(membership.role)) throw new ForbiddenError('KITH_ORGANIZATION_FORBIDDEN', `as ${membership.role} of ${membership.name} you cannot ${what}`, { role: membership.role });
    return membership;
  }

  async organization(accountId: string, organizationId: string): Promise<{ organization: MembershipRecord; members: MemberRecord[] }> {
    const repos = this.ctx.store.repos;
    const organization = await this.requireRole(repos, accountId, organizationId, () => true, 'see it');
    return { organization, members: await repos.organizer.members(organizationId) };
  }

  async rename(accountId: string, organizationId: string, name: string): Promise<void> {
    const clean = name.trim();
    if (!clean || clean.length > MAX_TEXT) throw new ValidationError([{ path: 'name', message: `an organization needs a name of at most ${MAX_TEXT} characters` }]);
    await this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, CAN.manageMembers, 'rename it');
      await repos.organizer.renameOrganization(organizationId, clean, this.now());
    });
  }

  /** Adds someone who has a Kith account, or changes their role. The last owner cannot be made anything else. */
  async setMember(accountId: string, organizationId: string, email: string, role: OrgRole): Promise<MemberRecord[]> {
    return this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, CAN.manageMembers, 'change its members');
      const account = await repos.accounts.findByEmail(email.trim().toLowerCase());
      if (!account) throw new NotFoundError('KITH_ACCOUNT_NOT_FOUND', `no Kith account has the e-mail ${email.trim()}: ask them to sign up first`, { email: email.trim() });
      const current = await repos.organizer.membership(organizationId, account.id);
      if (current?.role === 'owner' && role !== 'owner' && (await repos.organizer.countOwners(organizationId)) === 1) {
        throw new ConflictError('KITH_ORGANIZATION_LAST_OWNER', 'an organization keeps at least one owner: make someone else owner first');
      }
      await repos.organizer.setMember(organizationId, account.id, role, this.now());
      return repos.organizer.members(organizationId);
    });
  }

  async removeMember(accountId: string, organizationId: string, memberId: string): Promise<void> {
    await this.ctx.store.transaction(async (repos) => {
      // Anyone may leave; only owners remove others.
      await this.requireRole(repos, accountId, organizationId, (role) => memberId === accountId || CAN.manageMembers(role), 'remove members');
      const member = await repos.organizer.membership(organizationId, memberId);
      if (!member) throw new NotFoundError('KITH_MEMBER_NOT_FOUND', 'that account is not a member of this organization', { accountId: memberId });
      if (member.role === 'owner' && (await repos.organizer.countOwners(organizationId)) === 1) {
        throw new ConflictError('KITH_ORGANIZATION_LAST_OWNER', 'an organization keeps at least one owner: make someone else owner first');
      }
      await repos.organizer.removeMember(organizationId, memberId);
    });
  }

  // ---- hosted events ------------------------------------------------------------------------------------

  private checkEvent(input: HostedEventInput): HostedEventFields {
    const issues: FieldIssue[] = [];
    const title = trimmed(input.title, 'title', issues);
    if (!title) issues.push({ path: 'title', message: 'an event needs a title' });
    const description = trimmed(input.description, 'description', issues, MAX_DESCRIPTION) ?? '';
    const startsMs = Date.parse(input.startsAt);
    if (Number.isNaN(startsMs)) issues.push({ path: 'startsAt', message: 'a start date and time, e.g. 2026-03-10T18:00:00Z' });
    const endsMs = input.endsAt === undefined ? startsMs + DEFAULT_DURATION_MS : Date.parse(input.endsAt);
    if (Number.isNaN(endsMs)) issues.push({ path: 'endsAt', message: 'an end date and time, e.g. 2026-03-10T20:00:00Z' });
    else if (!Number.isNaN(startsMs) && endsMs <= startsMs) issues.push({ path: 'endsAt', message: 'the end comes after the start' });
    if (!isValidTimeZone(input.timeZone)) issues.push({ path: 'timeZone', message: `"${input.timeZone}" is not a time zone (e.g. Europe/London)` });
    const place = trimmed(input.place, 'place', issues, 500);
    const link = trimmed(input.link, 'link', issues, 2000);
    if (link && !/^https?:\/\/\S+$/i.test(link)) issues.push({ path: 'link', message: 'a link starts with http:// or https://' });
    const capacity = input.capacity ?? null;
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > 100_000)) issues.push({ path: 'capacity', message: 'a whole number of seats from 1 to 100000, or none for no limit' });
    const claimHours = input.claimHours ?? 24;
    if (!Number.isInteger(claimHours) || claimHours < 1 || claimHours > 168) issues.push({ path: 'claimHours', message: 'from 1 to 168 hours' });
    const questions = (input.questions ?? []).map((q) => ({ id: q.id, label: q.label.trim(), required: q.required }));
    issues.push(...checkQuestions(questions));
    if (issues.length) throw new ValidationError(issues);
    return {
      title: title!,
      description,
      startsAt: new Date(startsMs).toISOString(),
      endsAt: new Date(endsMs).toISOString(),
      timeZone: input.timeZone,
      place,
      link,
      capacity,
      requiresApproval: input.requiresApproval ?? false,
      confirmEmail: input.confirmEmail ?? false,
      claimHours,
      questions,
    };
  }

  private withCounts(repos: Repositories, event: HostedEventRecord): Promise<EventWithCounts> {
    return repos.organizer.counts(event.id).then((counts) => ({ ...event, counts, publicPath: `/e/${event.slug}` }));
  }

  async createEvent(accountId: string, organizationId: string, input: HostedEventInput, seriesOf: string | null = null): Promise<EventWithCounts> {
    const fields = this.checkEvent(input);
    return this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, CAN.manageEvents, 'create events');
      const id = this.ctx.newId();
      await repos.organizer.insertEvent({ id, organizationId, slug: randomBytes(9).toString('base64url'), seriesId: seriesOf ?? id, createdBy: accountId, ...fields }, this.now());
      return this.withCounts(repos, (await repos.organizer.event(organizationId, id))!);
    });
  }

  private async requireEvent(repos: Repositories, organizationId: string, eventId: string): Promise<HostedEventRecord> {
    const event = await repos.organizer.event(organizationId, eventId);
    if (!event) throw new NotFoundError('KITH_HOSTED_EVENT_NOT_FOUND', `no event with id ${eventId} in this organization`, { eventId });
    return event;
  }

  async events(accountId: string, organizationId: string, limit: number, offset: number): Promise<EventWithCounts[]> {
    const repos = this.ctx.store.repos;
    await this.requireRole(repos, accountId, organizationId, CAN.seeRegistrations, 'see its events');
    return Promise.all((await repos.organizer.events(organizationId, limit, offset)).map((e) => this.withCounts(repos, e)));
  }

  async event(accountId: string, organizationId: string, eventId: string): Promise<EventWithCounts> {
    const repos = this.ctx.store.repos;
    await this.requireRole(repos, accountId, organizationId, CAN.seeRegistrations, 'see its events');
    return this.withCounts(repos, await this.requireEvent(repos, organizationId, eventId));
  }

  /** Changes an event; a larger capacity offers the freed seats to the waitlist at once. */
  async updateEvent(accountId: string, organizationId: string, eventId: string, input: HostedEventInput): Promise<EventWithCounts> {
    const fields = this.checkEvent(input);
    return this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, CAN.manageEvents, 'change events');
      await this.requireEvent(repos, organizationId, eventId);
      await repos.organizer.lockEvent(eventId);
      await repos.organizer.updateEvent(organizationId, eventId, fields, this.now());
      const event = (await repos.organizer.event(organizationId, eventId))!;
      await this.fillSeats(repos, event);
      return this.withCounts(repos, event);
    });
  }

  /** Next month's meeting of the series, one click: the same event on the same weekday of the month, no registrations. */
  async cloneNextMonth(accountId: string, organizationId: string, eventId: string): Promise<EventWithCounts> {
    const source = await this.event(accountId, organizationId, eventId);
    const series = await this.ctx.store.repos.organizer.seriesEvents(organizationId, source.seriesId);
    const latest = series[series.length - 1] ?? source;
    const startsAt = nextMonthsMeeting(latest.startsAt, latest.timeZone);
    const duration = Date.parse(latest.endsAt) - Date.parse(latest.startsAt);
    const { title, description, timeZone, place, link, capacity, requiresApproval, confirmEmail, claimHours, questions } = latest;
    return this.createEvent(
      accountId,
      organizationId,
      { title, description, timeZone, place, link, capacity, requiresApproval, confirmEmail, claimHours, questions, startsAt, endsAt: new Date(Date.parse(startsAt) + duration).toISOString() },
      source.seriesId,
    );
  }

  async cancelEvent(accountId: string, organizationId: string, eventId: string): Promise<EventWithCounts> {
    return this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, CAN.manageEvents, 'cancel events');
      await this.requireEvent(repos, organizationId, eventId);
      await repos.organizer.cancelEvent(organizationId, eventId, this.now());
      return this.withCounts(repos, (await repos.organizer.event(organizationId, eventId))!);
    });
  }

  async registrations(accountId: string, organizationId: string, eventId: string, status: RegistrationStatus | null): Promise<RegistrationRecord[]> {
    const repos = this.ctx.store.repos;
    await this.requireRole(repos, accountId, organizationId, CAN.seeRegistrations, 'see registrations');
    await this.requireEvent(repos, organizationId, eventId);
    return repos.organizer.registrations(organizationId, eventId, status ? [status] : null);
  }

  /** The organizer's answer to a registration waiting for approval: a seat (or the waitlist when full), or no. */
  async decide(accountId: string, organizationId: string, registrationId: string, approve: boolean): Promise<RegistrationRecord> {
    return this.ctx.store.transaction(async (repos) => {
      const org = await this.requireRole(repos, accountId, organizationId, CAN.manageEvents, 'approve registrations');
      const found = await repos.organizer.registration(organizationId, registrationId);
      if (!found) throw new NotFoundError('KITH_REGISTRATION_NOT_FOUND', `no registration with id ${registrationId}`, { registrationId });
      const event = (await repos.organizer.lockEvent(found.hostedEventId))!;
      const r = (await repos.organizer.registration(organizationId, registrationId))!;
      if (r.status !== 'pending') throw new ConflictError('KITH_REGISTRATION_NOT_PENDING', `this registration is ${r.status}, not waiting for approval`, { status: r.status });
      const at = this.now();
      await this.sweep(repos, event, org);
      if (!approve) {
        await repos.organizer.setStatus(r.id, 'declined', at);
        await this.send(repos, org, event, { ...r, status: 'declined', updatedAt: at }, 'declined', null);
      } else {
        const held = await repos.organizer.seatsHeld(event.id, at);
        const place = placeFor({ capacity: event.capacity, requiresApproval: false }, held);
        await repos.organizer.setStatus(r.id, place, at, place === 'waitlisted' ? { waitlistedAt: at } : {});
        await this.send(repos, org, event, { ...r, status: place, updatedAt: at }, place === 'confirmed' ? 'seat' : 'waitlisted', null);
      }
      return (await repos.organizer.registration(organizationId, registrationId))!;
    });
  }

  // ---- the public side ----------------------------------------------------------------------------------

  async publicEvent(slug: string): Promise<PublicEvent> {
    const repos = this.ctx.store.repos;
    const event = await repos.organizer.eventBySlug(slug);
    if (!event) throw new NotFoundError('KITH_PUBLIC_EVENT_NOT_FOUND', 'there is no event at this address');
    const organization = (await repos.organizer.organization(event.organizationId))!;
    const now = this.now();
    const [held, counts] = await Promise.all([repos.organizer.seatsHeld(event.id, now), repos.organizer.counts(event.id)]);
    return { organizationName: organization.name, event, seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - held), waitlist: counts.waitlisted };
  }

  /** Registers someone from the public page. Validation errors name the field; a full event puts them on the waitlist. */
  async rsvp(slug: string, input: RsvpInput): Promise<RsvpResult> {
    const issues: FieldIssue[] = [];
    const fullName = trimmed(input.fullName, 'fullName', issues);
    if (!fullName) issues.push({ path: 'fullName', message: 'your name, please' });
    const email = input.email.trim();
    if (!EMAIL.test(email) || email.length > 254) issues.push({ path: 'email', message: 'an e-mail address, e.g. ada@example.com' });
    const company = trimmed(input.company, 'company', issues);
    const title = trimmed(input.title, 'title', issues);
    const badgeName = trimmed(input.badgeName, 'badgeName', issues, 60);
    const event0 = await this.ctx.store.repos.organizer.eventBySlug(slug);
    if (!event0) throw new NotFoundError('KITH_PUBLIC_EVENT_NOT_FOUND', 'there is no event at this address');
    const { answers, issues: answerIssues } = checkAnswers(event0.questions, input.answers ?? {});
    issues.push(...answerIssues);
    if (issues.length) throw new ValidationError(issues);
    if (input.website) throw new KithError('KITH_RSVP_REFUSED', 'this registration could not be taken');
    if (event0.cancelledAt) throw new ConflictError('KITH_EVENT_CANCELLED', 'this event is cancelled: registrations are closed');
    if (Date.parse(event0.endsAt) <= this.ctx.clock.now().getTime()) throw new ConflictError('KITH_EVENT_OVER', 'this event is over: registrations are closed');
    return this.ctx.store.transaction(async (repos) => {
      const event = (await repos.organizer.lockEvent(event0.id))!;
      const organization = (await repos.organizer.organization(event.organizationId))!;
      const at = this.now();
      await this.sweep(repos, event, organization);
      const existing = await repos.organizer.registrationByEmail(event.id, email);
      if (existing && existing.status !== 'cancelled' && existing.status !== 'declined') {
        // Already registered: nothing about it is shown here; a link goes again to that address only.
        const token = newToken();
        await repos.organizer.addLink(existing.id, hashToken(token), at);
        await this.send(repos, organization, event, { ...existing, updatedAt: at }, existing.status === 'confirmed' ? 'seat' : existing.status === 'unconfirmed' ? 'confirm-email' : existing.status === 'offered' ? 'offered' : existing.status === 'waitlisted' ? 'waitlisted' : 'pending', token);
        return { outcome: 'already', token: null };
      }
      const held = await repos.organizer.seatsHeld(event.id, at);
      const status: RegistrationStatus = event.confirmEmail ? 'unconfirmed' : placeFor(event, held);
      const token = newToken();
      const fields = { status, fullName: fullName!, email, company, title, badgeName, answers, listed: input.listed ?? false, waitlistedAt: status === 'waitlisted' ? at : null, offeredUntil: null };
      let registration: RegistrationRecord;
      if (existing) {
        await repos.organizer.renewRegistration(existing.id, fields, at);
        registration = { ...existing, ...fields, updatedAt: at };
      } else {
        const id = this.ctx.newId();
        const doorCode = `kith-door-${randomBytes(16).toString('base64url')}`;
        await repos.organizer.insertRegistration({ id, organizationId: event.organizationId, hostedEventId: event.id, doorCode, ...fields }, at);
        registration = (await repos.organizer.registration(event.organizationId, id))!;
      }
      await repos.organizer.addLink(registration.id, hashToken(token), at);
      const kind: RegistrationMailKind = status === 'confirmed' ? 'seat' : status === 'unconfirmed' ? 'confirm-email' : status === 'pending' ? 'pending' : 'waitlisted';
      await this.send(repos, organization, event, registration, kind, token);
      return { outcome: status as RsvpOutcome, token };
    });
  }

  private async byToken(repos: Repositories, token: string): Promise<RegistrationRecord> {
    const r = await repos.organizer.registrationByToken(hashToken(token));
    if (!r) throw new NotFoundError('KITH_REGISTRATION_NOT_FOUND', 'this registration link is not valid (it may be cut short, or replaced by a newer one)');
    return r;
  }

  async myRegistration(token: string): Promise<MyRegistration> {
    const repos = this.ctx.store.repos;
    const registration = await this.byToken(repos, token);
    const event = (await repos.organizer.event(registration.organizationId, registration.hostedEventId))!;
    const organization = (await repos.organizer.organization(event.organizationId))!;
    const current = holdsSeat(registration, this.ctx.clock.now()) || registration.status !== 'offered' ? registration : { ...registration, status: 'waitlisted' as const };
    const position = current.status === 'waitlisted' && current.waitlistedAt ? await repos.organizer.waitlistPosition(event.id, { waitlistedAt: current.waitlistedAt, id: current.id }) : null;
    const attendees = current.status === 'confirmed' && current.listed ? await repos.organizer.listedAttendees(event.id) : null;
    return { organizationName: organization.name, event, registration: current, position, attendees };
  }

  /** What a registrant does on their page: cancel, claim an offered seat, confirm their e-mail, or join or leave the list. */
  async act(token: string, action: 'cancel' | 'claim' | 'confirm' | 'list' | 'unlist'): Promise<MyRegistration> {
    await this.ctx.store.transaction(async (repos) => {
      const found = await this.byToken(repos, token);
      const event = (await repos.organizer.lockEvent(found.hostedEventId))!;
      const organization = (await repos.organizer.organization(event.organizationId))!;
      await this.sweep(repos, event, organization);
      const r = (await this.byToken(repos, token));
      const at = this.now();
      if (action === 'list' || action === 'unlist') {
        await repos.organizer.setListed(r.id, action === 'list', at);
        return;
      }
      if (action === 'cancel') {
        if (r.status === 'cancelled' || r.status === 'declined') return;
        await repos.organizer.setStatus(r.id, 'cancelled', at, { offeredUntil: null });
        await this.send(repos, organization, event, { ...r, status: 'cancelled', updatedAt: at }, 'cancelled', null);
        await this.fillSeats(repos, event);
        return;
      }
      if (action === 'claim') {
        if (r.status === 'confirmed') return;
        if (r.status !== 'offered') throw new ConflictError('KITH_NO_SEAT_OFFERED', r.status === 'waitlisted' ? 'there is no seat to claim now (an offer not claimed in time goes to the next person): you are on the waitlist, and an e-mail comes when a seat is yours to claim' : `there is no seat offered to this registration (it is ${r.status})`);
        await repos.organizer.setStatus(r.id, 'confirmed', at, { offeredUntil: null });
        await this.send(repos, organization, event, { ...r, status: 'confirmed', updatedAt: at }, 'seat', token);
        return;
      }
      // confirm: the address is theirs; now the registration takes its place.
      if (r.status !== 'unconfirmed') return;
      const place = placeFor(event, await repos.organizer.seatsHeld(event.id, at));
      await repos.organizer.setStatus(r.id, place, at, place === 'waitlisted' ? { waitlistedAt: at } : {});
      await this.send(repos, organization, event, { ...r, status: place, updatedAt: at }, place === 'confirmed' ? 'seat' : place === 'pending' ? 'pending' : 'waitlisted', token);
    });
    return this.myRegistration(token);
  }

  // ---- after the event ----------------------------------------------------------------------------------

  /** What happened: registered (everyone who held or holds a seat), came, no-shows, still waitlisted, new people. */
  async figures(accountId: string, organizationId: string, eventId: string): Promise<EventFigures> {
    const repos = this.ctx.store.repos;
    await this.requireRole(repos, accountId, organizationId, CAN.seeRegistrations, 'see its figures');
    const event = await this.requireEvent(repos, organizationId, eventId);
    return this.figuresOf(repos, accountId, event);
  }

  private async figuresOf(repos: Repositories, accountId: string, event: HostedEventRecord): Promise<EventFigures> {
    const all = await repos.organizer.registrations(event.organizationId, event.id, null);
    const came = all.filter((r) => r.checkedInAt !== null);
    const wrap = await repos.organizer.wrapUp(event.id, accountId);
    const people = wrap ? await repos.organizer.wrapUpPeople(accountId, came.map((r) => r.id)) : new Map<string, string>();
    const newPeople = wrap ? (await repos.events.peopleMet(accountId, wrap.eventId)).filter((p) => p.isNew).length : 0;
    return {
      registered: all.filter((r) => r.status === 'confirmed' || r.checkedInAt !== null).length,
      came: came.length,
      noShows: all.filter((r) => r.status === 'confirmed' && r.checkedInAt === null).length,
      waitlist: all.filter((r) => r.status === 'waitlisted' || r.status === 'offered').length,
      cancelled: all.filter((r) => r.status === 'cancelled').length,
      inContacts: people.size,
      newPeople,
      wrappedUpAt: wrap?.updatedAt ?? null,
    };
  }

  /**
   * After the event: everyone who came becomes a person in my contacts, met at the event (my own event of it, made
   * here with the role "hosting"), with their answers in the notes; someone I have already (the same e-mail) is
   * met again, not made twice; a thank-you goes to those who came and a different note to those who did not
   * (honouring unsubscribes). Running it again adds no one and mails no one twice.
   */
  async wrapUp(accountId: string, organizationId: string, eventId: string, notes: { thankYou?: string | null | undefined; noShow?: string | null | undefined } = {}): Promise<EventFigures> {
    return this.ctx.store.transaction(async (repos) => {
      const org = await this.requireRole(repos, accountId, organizationId, CAN.manageEvents, 'wrap up events');
      const hosted = await this.requireEvent(repos, organizationId, eventId);
      if (Date.parse(hosted.endsAt) > this.ctx.clock.now().getTime()) throw new ConflictError('KITH_EVENT_NOT_OVER', 'the event has not ended yet: wrap it up afterwards');
      const settings = await repos.accounts.getSettings(accountId);
      const at = this.now();
      const eventDay = localDateOf(new Date(hosted.startsAt), hosted.timeZone);
      // My own event of it: where "met at" points.
      const wrap = await repos.organizer.wrapUp(hosted.id, accountId);
      let mine = wrap ? await repos.events.get(accountId, wrap.eventId) : null;
      if (!mine) {
        const id = this.ctx.newId();
        const fields = { name: hosted.title, startsAt: hosted.startsAt, endsAt: hosted.endsAt, timeZone: hosted.timeZone, place: hosted.place, link: hosted.link, role: 'hosting' as const, goal: settings.defaultGoal };
        await repos.events.insert(accountId, id, fields, at);
        mine = { id, ...fields, createdAt: at, updatedAt: at };
      }
      await repos.organizer.saveWrapUp(hosted.id, accountId, mine.id, at);

      const all = await repos.organizer.registrations(organizationId, hosted.id, null);
      const came = all.filter((r) => r.checkedInAt !== null);
      const speakers = (await repos.speakers.speakers(organizationId, { hostedEventId: hosted.id, status: null })).filter((sp) => sp.status === 'confirmed' || sp.status === 'spoke');
      const known = await repos.organizer.wrapUpPeople(accountId, came.map((r) => r.id));
      const knownSpeakers = await repos.organizer.wrapUpSpeakers(accountId, speakers.map((sp) => sp.id));
      const emails = [...came.map((r) => r.email), ...speakers.map((sp) => sp.email ?? '')].map((e) => e.toLowerCase()).filter((e) => e.includes('@'));
      const byEmail = await repos.contacts.peopleByContact(accountId, 'email', emails);
      // One person per attendee or speaker: the one it became before, else the one with its e-mail, else a new one.
      const meet = async (who: { fullName: string; email: string | null; company: string | null; title: string | null }, before: string | undefined, note: string | null): Promise<string> => {
        let personId = before ?? (who.email ? byEmail.get(who.email.toLowerCase()) : undefined) ?? null;
        if (personId) {
          await this.people.recordMeeting(repos, accountId, mine, personId, false, eventDay, at);
          const person = await repos.people.get(accountId, personId);
          if (person && note && !(person.notes ?? '').includes(note)) await repos.people.update(accountId, personId, { notes: person.notes ? `${person.notes}\n\n${note}` : note }, at);
        } else {
          const email = who.email?.includes('@') ? who.email : null;
          personId = await this.people.insertPerson(repos, accountId, settings, { fullName: who.fullName, company: who.company, title: who.title, emails: email ? [{ value: email }] : [], notes: note, source: 'rsvp' }, null);
          if (email) byEmail.set(email.toLowerCase(), personId);
          await repos.people.update(accountId, personId, { metEventId: mine.id, metOn: eventDay }, at);
          await this.people.recordMeeting(repos, accountId, mine, personId, true, eventDay, at);
        }
        await refreshPerson(repos, accountId, personId, settings);
        return personId;
      };
      for (const r of came) {
        const answers = hosted.questions.filter((q) => r.answers[q.id]).map((q) => `${q.label} ${r.answers[q.id]}`);
        const personId = await meet(r, known.get(r.id), answers.length ? `At ${hosted.title}: ${answers.join(' · ')}` : null);
        await repos.organizer.saveWrapUpPerson(r.id, accountId, personId, at);
      }
      for (const sp of speakers) {
        const personId = await meet(sp, knownSpeakers.get(sp.id), `Spoke at ${hosted.title}${sp.topic ? ` on ${sp.topic}` : ''}.`);
        await repos.organizer.saveWrapUpSpeaker(sp.id, accountId, personId, at);
      }
      // A thank-you to those who came, a different note to those who held a seat and did not.
      for (const r of came) await this.send(repos, org, hosted, r, 'thank-you', null, notes.thankYou ?? null);
      for (const r of all.filter((x) => x.status === 'confirmed' && x.checkedInAt === null)) await this.send(repos, org, hosted, r, 'no-show', null, notes.noShow ?? null);
      return this.figuresOf(repos, accountId, hosted);
    });
  }

  // ---- timed e-mails -----------------------------------------------------------------------------------------

  /**
   * Called by the scheduler every round: the reminder the day before, to each confirmed registrant of an event that
   * starts within the next 24 hours (once: reminded_at, and the outbox's dedupe key across servers). Returns how many
   * were written.
   */
  async sendDue(): Promise<number> {
    let written = 0;
    for (;;) {
      const now = this.ctx.clock.now();
      const batch = await this.ctx.store.transaction(async (repos) => {
        const due = await repos.organizer.dueReminders(now.toISOString(), new Date(now.getTime() + REMINDER_BEFORE_MS).toISOString(), 100);
        const events = new Map<string, { event: HostedEventRecord; organization: OrganizationRecord }>();
        for (const r of due) {
          let known = events.get(r.hostedEventId);
          if (!known) {
            const event = (await repos.organizer.event(r.organizationId, r.hostedEventId))!;
            known = { event, organization: (await repos.organizer.organization(r.organizationId))! };
            events.set(r.hostedEventId, known);
          }
          if (await this.send(repos, known.organization, known.event, r, 'reminder', null)) written += 1;
          await repos.organizer.markReminded(r.id, now.toISOString());
        }
        return due.length;
      });
      if (batch < 100) return written;
    }
  }

  // ---- seats ----------------------------------------------------------------------------------------------

  /** Offers that were not claimed in time go to the end of the waitlist; their seats go to the next in line. */
  private async sweep(repos: Repositories, event: HostedEventRecord, organization: OrganizationRecord): Promise<void> {
    const at = this.now();
    const expired = await repos.organizer.expiredOffers(event.id, at);
    for (const r of expired) await repos.organizer.setStatus(r.id, 'waitlisted', at, { waitlistedAt: at, offeredUntil: null });
    if (expired.length) await this.fillSeats(repos, event, organization);
  }

  /** Offers every free seat to the next on the waitlist, each with the event's claim window. */
  private async fillSeats(repos: Repositories, event: HostedEventRecord, organization?: OrganizationRecord): Promise<void> {
    if (event.cancelledAt) return;
    const at = this.now();
    const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - (await repos.organizer.seatsHeld(event.id, at));
    const next = await repos.organizer.nextWaitlisted(event.id, Math.min(free, 500));
    if (!next.length) return;
    const org = organization ?? (await repos.organizer.organization(event.organizationId))!;
    const until = new Date(Math.min(this.ctx.clock.now().getTime() + event.claimHours * 3_600_000, Date.parse(event.startsAt))).toISOString();
    for (const r of next) {
      // With no time left before the event to claim it, the seat is simply given.
      const offered = until > at;
      await repos.organizer.setStatus(r.id, offered ? 'offered' : 'confirmed', at, { offeredUntil: offered ? until : null });
      await this.send(repos, org, event, { ...r, status: offered ? 'offered' : 'confirmed', offeredUntil: offered ? until : null, updatedAt: at }, offered ? 'offered' : 'seat', null);
    }
  }

  /**
   * Writes a registrant's e-mail into the outbox of an owner of the organization. `token` is the link the
   * registrant used; without it (an offer made by someone else's cancel) a new link is made for the e-mail.
   */
  private async send(
    repos: Repositories,
    organization: OrganizationRecord,
    event: HostedEventRecord,
    registration: RegistrationRecord,
    kind: RegistrationMailKind,
    token: string | null,
    note: string | null = null,
  ): Promise<boolean> {
    // Confirmations of a person's own registration always go; the rest only to those who did not unsubscribe.
    // A walk-in added at the door may have no address.
    if (!registration.email.includes('@')) return false;
    const optional = OPTIONAL_KINDS.has(kind);
    if (optional && (await repos.organizer.isUnsubscribed(organization.id, registration.email))) return false;
    let link = token;
    if (!link && kind !== 'cancelled' && kind !== 'declined' && kind !== 'thank-you' && kind !== 'no-show') {
      link = newToken();
      await repos.organizer.addLink(registration.id, hashToken(link), this.now());
    }
    const owner = (await repos.organizer.members(organization.id)).find((m) => m.role === 'owner');
    if (!owner) return false;
    const pageUrl = `${this.publicUrl()}/r/${link ?? ''}`;
    const unsubscribeUrl = optional ? await this.unsubscribeUrl(repos, organization.id, registration.email) : null;
    // Timed and follow-up mails are one per registration and event time; the others one per change of the registration.
    const dedupeSuffix = optional ? event.startsAt : `${registration.updatedAt}:${link ?? ''}`;
    const id = await this.outbox.write(repos, await registrationMail({ kind, organization, event, registration, pageUrl, accountId: owner.accountId, dedupeSuffix, note, unsubscribeUrl }));
    return id !== null;
  }

  private publicUrl(): string {
    return this.mail.settings.publicUrl.replace(/\/+$/, '');
  }

  /** A new link that stops the organization's optional mail to this address (only its hash is kept). */
  async unsubscribeUrl(repos: Repositories, organizationId: string, email: string): Promise<string> {
    const token = newToken();
    await repos.organizer.addUnsubscribeLink(hashToken(token), organizationId, email, this.now());
    return `${this.publicUrl()}/unsubscribe/o/${token}`;
  }

  /** True when the address asked the organization for no more of its mail (speaker pipeline and others check it). */
  isUnsubscribed(repos: Repositories, organizationId: string, email: string): Promise<boolean> {
    return repos.organizer.isUnsubscribed(organizationId, email);
  }

  /** Whose address an unsubscribe link stops, for its page; null for an unknown link. */
  async unsubscribeTarget(token: string): Promise<{ organizationName: string; email: string } | null> {
    const link = await this.ctx.store.repos.organizer.unsubscribeLink(hashToken(token));
    return link ? { organizationName: link.organizationName, email: link.email } : null;
  }

  /** Stops the organization's optional mail to the link's address; false for an unknown link. */
  async unsubscribe(token: string): Promise<{ organizationName: string } | null> {
    return this.ctx.store.transaction(async (repos) => {
      const link = await repos.organizer.unsubscribeLink(hashToken(token));
      if (!link) return null;
      await repos.organizer.unsubscribe(link.organizationId, link.email, this.now());
      return { organizationName: link.organizationName };
    });
  }
}
