// The organizer's desk: organizations and their members, and the events they host with their registrations as the
// organizers see them. Organization data is shared with its members only (requireRole before any read or write).
// The public side is registrations.service.ts; seats and the waitlist seats.ts; e-mails organizer-mail.service.ts;
// the wrap-up after an event wrap-up.service.ts.
import { randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { OrganizerMailService } from './organizer-mail.service.js';
import type { Seats } from './seats.js';
import { isValidTimeZone } from '../core/calendar-date.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../core/errors.js';
import { CAN, checkQuestions, nextMonthsMeeting, placeFor, type OrgRole, type Question, type RegistrationStatus } from '../core/organizer.js';
import type { HostedEventFields, HostedEventRecord, MemberRecord, MembershipRecord, RegistrationCounts, RegistrationRecord } from '../db/repositories/organizer.repository.js';

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

export interface EventWithCounts extends HostedEventRecord {
  counts: RegistrationCounts;
  publicPath: string;
}

const MAX_TEXT = 200;
const MAX_DESCRIPTION = 10_000;
const DEFAULT_DURATION_MS = 2 * 3_600_000;

/** A text field trimmed, null when blank; an issue at `path` when longer than `max`. */
export function trimmed(value: string | null | undefined, path: string, issues: FieldIssue[], max = MAX_TEXT): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) issues.push({ path, message: `at most ${max} characters` });
  return text || null;
}

export class OrganizerService {
  constructor(
    private readonly ctx: AppContext,
    private readonly seats: Seats,
    private readonly mail: OrganizerMailService,
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

  async requireEvent(repos: Repositories, organizationId: string, eventId: string): Promise<HostedEventRecord> {
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
      await this.seats.fillSeats(repos, event);
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
      await this.seats.sweep(repos, event, org);
      if (!approve) {
        await repos.organizer.setStatus(r.id, 'declined', at);
        await this.mail.send(repos, org, event, { ...r, status: 'declined', updatedAt: at }, 'declined', null);
      } else {
        const held = await repos.organizer.seatsHeld(event.id, at);
        const place = placeFor({ capacity: event.capacity, requiresApproval: false }, held);
        await repos.organizer.setStatus(r.id, place, at, place === 'waitlisted' ? { waitlistedAt: at } : {});
        await this.mail.send(repos, org, event, { ...r, status: place, updatedAt: at }, place === 'confirmed' ? 'seat' : 'waitlisted', null);
      }
      return (await repos.organizer.registration(organizationId, registrationId))!;
    });
  }
}
