// Registrations from the public event page: the event as the public sees it, registering (a seat, the waitlist, or
// waiting for an e-mail confirmation or an approval), and what a registrant does from their own page (cancel, claim
// an offered seat, confirm their e-mail, join or leave "who's coming"). The public side knows an event by its random
// slug and a registrant by the secret token in their link, nothing else.
import { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { OrganizerMailService } from './organizer-mail.service.js';
import type { Seats } from './seats.js';
import { calendarEntryOf, calendarOf, doorQrPng, type RegistrationMailKind } from './registration-mail.js';
import { hashToken, newDoorCode, newToken } from './secret-links.js';
import { EMAIL } from '../core/contact-values.js';
import { ConflictError, KithError, NotFoundError, ValidationError, type FieldIssue } from '../core/errors.js';
import { checkAnswers, holdsSeat, placeFor, type RegistrationStatus } from '../core/organizer.js';
import { trimmed } from './organizer.service.js';
import type { HostedEventRecord, RegistrationRecord } from '../db/repositories/organizer.repository.js';


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

export class RegistrationService {
  constructor(
    private readonly ctx: AppContext,
    private readonly seats: Seats,
    private readonly mail: OrganizerMailService,
  ) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  async publicEvent(slug: string): Promise<PublicEvent> {
    const repos = this.ctx.store.repos;
    const event = await repos.organizer.eventBySlug(slug);
    if (!event) throw new NotFoundError('KITH_PUBLIC_EVENT_NOT_FOUND', 'there is no event at this address');
    const organization = (await repos.organizer.organization(event.organizationId))!;
    const now = this.now();
    const [held, counts] = await Promise.all([repos.organizer.seatsHeld(event.id, now), repos.organizer.counts(event.id)]);
    return { organizationName: organization.name, event, seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - held), waitlist: counts.waitlisted };
  }

  /**
   * The calendar of the event's whole series (every meeting cloned from the same first one), for people to
   * subscribe to: ICS, each meeting at its time with a link to its page; a cancelled one marked so.
   */
  async seriesCalendar(slug: string): Promise<string> {
    const repos = this.ctx.store.repos;
    const event = await repos.organizer.eventBySlug(slug);
    if (!event) throw new NotFoundError('KITH_PUBLIC_EVENT_NOT_FOUND', 'there is no event at this address');
    const organization = (await repos.organizer.organization(event.organizationId))!;
    const series = await repos.organizer.seriesEvents(event.organizationId, event.seriesId);
    const base = this.mail.publicUrl();
    const calendar = calendarOf(`${organization.name}: ${event.title}`, ICalCalendarMethod.PUBLISH).ttl(3600);
    for (const e of series) calendar.createEvent(calendarEntryOf(e, `Register: ${base}/e/${e.slug}`, `${base}/e/${e.slug}`));
    return calendar.toString();
  }

  /**
   * The registrant's own calendar entry, from the link on their page: the event with their registration's link, and
   * whether it holds (confirmed), may hold (waiting, offered, to confirm) or no longer does (cancelled either side).
   */
  async myCalendar(token: string): Promise<{ slug: string; ics: string }> {
    const { event, registration } = await this.myRegistration(token);
    const pageUrl = `${this.mail.publicUrl()}/r/${token}`;
    const entry = calendarEntryOf(event, `Your registration: ${pageUrl}`, event.link);
    const gone = registration.status === 'cancelled' || registration.status === 'declined';
    const status = event.cancelledAt || gone ? ICalEventStatus.CANCELLED : registration.status === 'confirmed' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE;
    const calendar = calendarOf(event.title, ICalCalendarMethod.PUBLISH);
    calendar.createEvent({ ...entry, status });
    return { slug: event.slug, ics: calendar.toString() };
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
    // The door code and its QR picture are made before the event is locked: the lock is held for as little as can be.
    const doorCode = newDoorCode();
    await doorQrPng(doorCode);
    return this.ctx.store.transaction(async (repos) => {
      const event = (await repos.organizer.lockEvent(event0.id))!;
      const organization = (await repos.organizer.organization(event.organizationId))!;
      const at = this.now();
      await this.seats.sweep(repos, event, organization);
      const existing = await repos.organizer.registrationByEmail(event.id, email);
      if (existing && existing.status !== 'cancelled' && existing.status !== 'declined') {
        // Already registered: nothing about it is shown here; a link goes again to that address only.
        const token = newToken();
        await repos.organizer.addLink(existing.id, hashToken(token), at);
        await this.mail.send(repos, organization, event, { ...existing, updatedAt: at }, existing.status === 'confirmed' ? 'seat' : existing.status === 'unconfirmed' ? 'confirm-email' : existing.status === 'offered' ? 'offered' : existing.status === 'waitlisted' ? 'waitlisted' : 'pending', token);
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
        await repos.organizer.insertRegistration({ id, organizationId: event.organizationId, hostedEventId: event.id, doorCode, ...fields }, at);
        registration = (await repos.organizer.registration(event.organizationId, id))!;
      }
      await repos.organizer.addLink(registration.id, hashToken(token), at);
      const kind: RegistrationMailKind = status === 'confirmed' ? 'seat' : status === 'unconfirmed' ? 'confirm-email' : status === 'pending' ? 'pending' : 'waitlisted';
      await this.mail.send(repos, organization, event, registration, kind, token);
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
      await this.seats.sweep(repos, event, organization);
      const r = (await this.byToken(repos, token));
      const at = this.now();
      if (action === 'list' || action === 'unlist') {
        await repos.organizer.setListed(r.id, action === 'list', at);
        return;
      }
      if (action === 'cancel') {
        if (r.status === 'cancelled' || r.status === 'declined') return;
        await repos.organizer.setStatus(r.id, 'cancelled', at, { offeredUntil: null });
        await this.mail.send(repos, organization, event, { ...r, status: 'cancelled', updatedAt: at }, 'cancelled', null);
        await this.seats.fillSeats(repos, event);
        return;
      }
      if (action === 'claim') {
        if (r.status === 'confirmed') return;
        if (r.status !== 'offered') throw new ConflictError('KITH_NO_SEAT_OFFERED', r.status === 'waitlisted' ? 'there is no seat to claim now (an offer not claimed in time goes to the next person): you are on the waitlist, and an e-mail comes when a seat is yours to claim' : `there is no seat offered to this registration (it is ${r.status})`);
        await repos.organizer.setStatus(r.id, 'confirmed', at, { offeredUntil: null });
        await this.mail.send(repos, organization, event, { ...r, status: 'confirmed', updatedAt: at }, 'seat', token);
        return;
      }
      // confirm: the address is theirs; now the registration takes its place.
      if (r.status !== 'unconfirmed') return;
      const place = placeFor(event, await repos.organizer.seatsHeld(event.id, at));
      await repos.organizer.setStatus(r.id, place, at, place === 'waitlisted' ? { waitlistedAt: at } : {});
      await this.mail.send(repos, organization, event, { ...r, status: place, updatedAt: at }, place === 'confirmed' ? 'seat' : place === 'pending' ? 'pending' : 'waitlisted', token);
    });
    return this.myRegistration(token);
  }
}
