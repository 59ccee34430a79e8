// Organizations, their members, hosted events and registrations. Every query of organization data names the
// organization; the service checks membership before calling (OrganizerService.requireRole).
import type { DialectName } from '../dialect.js';
import type { Executor } from './executor.js';
import type { HostedEventsTable, RegistrationsTable } from '../schema.js';
import type { OrgRole, Question, RegistrationStatus } from '../../core/organizer.js';

export interface OrganizationRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface MembershipRecord extends OrganizationRecord {
  role: OrgRole;
}

export interface MemberRecord {
  accountId: string;
  email: string;
  role: OrgRole;
  createdAt: string;
}

export interface HostedEventFields {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  link: string | null;
  capacity: number | null;
  requiresApproval: boolean;
  confirmEmail: boolean;
  claimHours: number;
  questions: Question[];
}

export interface HostedEventRecord extends HostedEventFields {
  id: string;
  organizationId: string;
  slug: string;
  seriesId: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
}

export interface RegistrationRecord {
  id: string;
  organizationId: string;
  hostedEventId: string;
  status: RegistrationStatus;
  fullName: string;
  email: string;
  company: string | null;
  title: string | null;
  badgeName: string | null;
  answers: Record<string, string>;
  listed: boolean;
  waitlistedAt: string | null;
  offeredUntil: string | null;
  doorCode: string;
  createdAt: string;
  updatedAt: string;
  checkedInAt: string | null;
}

export interface RegistrationCounts {
  confirmed: number;
  waitlisted: number;
  offered: number;
  pending: number;
  unconfirmed: number;
  cancelled: number;
  declined: number;
  checkedIn: number;
}

const toEvent = (r: HostedEventsTable): HostedEventRecord => ({
  id: r.id,
  organizationId: r.organization_id,
  slug: r.slug,
  seriesId: r.series_id,
  title: r.title,
  description: r.description,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  timeZone: r.time_zone,
  place: r.place,
  link: r.link,
  capacity: r.capacity,
  requiresApproval: !!r.requires_approval,
  confirmEmail: !!r.confirm_email,
  claimHours: r.claim_hours,
  questions: JSON.parse(r.questions) as Question[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  cancelledAt: r.cancelled_at,
});

const eventColumns = (f: HostedEventFields) => ({
  title: f.title,
  description: f.description,
  starts_at: f.startsAt,
  ends_at: f.endsAt,
  time_zone: f.timeZone,
  place: f.place,
  link: f.link,
  capacity: f.capacity,
  requires_approval: f.requiresApproval ? 1 : 0,
  confirm_email: f.confirmEmail ? 1 : 0,
  claim_hours: f.claimHours,
  questions: JSON.stringify(f.questions),
});

const toRegistration = (r: RegistrationsTable): RegistrationRecord => ({
  id: r.id,
  organizationId: r.organization_id,
  hostedEventId: r.hosted_event_id,
  status: r.status as RegistrationStatus,
  fullName: r.full_name,
  email: r.email,
  company: r.company,
  title: r.title,
  badgeName: r.badge_name,
  answers: JSON.parse(r.answers) as Record<string, string>,
  listed: !!r.listed,
  waitlistedAt: r.waitlisted_at,
  offeredUntil: r.offered_until,
  doorCode: r.door_code,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  checkedInAt: r.checked_in_at,
});

export class OrganizerRepository {
  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName,
  ) {}

  async createOrganization(org: { id: string; name: string }, ownerId: string, at: string): Promise<void> {
    await this.db.insertInto('organizations').values({ id: org.id, name: org.name, created_at: at, updated_at: at }).execute();
    await this.db.insertInto('organization_members').values({ organization_id: org.id, account_id: ownerId, role: 'owner', created_at: at }).execute();
  }

  async renameOrganization(organizationId: string, name: string, at: string): Promise<void> {
    await this.db.updateTable('organizations').set({ name, updated_at: at }).where('id', '=', organizationId).execute();
  }

  async deleteOrganization(organizationId: string): Promise<void> {
    await this.db.deleteFrom('organizations').where('id', '=', organizationId).execute();
  }

  async organizationsOf(accountId: string): Promise<MembershipRecord[]> {
    const rows = await this.db
      .selectFrom('organization_members')
      .innerJoin('organizations', 'organizations.id', 'organization_members.organization_id')
      .select(['organizations.id', 'organizations.name', 'organizations.created_at', 'organization_members.role'])
      .where('organization_members.account_id', '=', accountId)
      .orderBy('organizations.name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, role: r.role as OrgRole }));
  }

  /** The account's membership of the organization, or null when it is not a member (or there is no such one). */
  async membership(organizationId: string, accountId: string): Promise<MembershipRecord | null> {
    const row = await this.db
      .selectFrom('organization_members')
      .innerJoin('organizations', 'organizations.id', 'organization_members.organization_id')
      .select(['organizations.id', 'organizations.name', 'organizations.created_at', 'organization_members.role'])
      .where('organization_members.organization_id', '=', organizationId)
      .where('organization_members.account_id', '=', accountId)
      .executeTakeFirst();
    return row ? { id: row.id, name: row.name, createdAt: row.created_at, role: row.role as OrgRole } : null;
  }

  async organization(organizationId: string): Promise<OrganizationRecord | null> {
    const row = await this.db.selectFrom('organizations').selectAll().where('id', '=', organizationId).executeTakeFirst();
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }

  async members(organizationId: string): Promise<MemberRecord[]> {
    const rows = await this.db
      .selectFrom('organization_members')
      .innerJoin('accounts', 'accounts.id', 'organization_members.account_id')
      .select(['organization_members.account_id', 'accounts.email', 'organization_members.role', 'organization_members.created_at'])
      .where('organization_members.organization_id', '=', organizationId)
      .orderBy('organization_members.created_at')
      .execute();
    return rows.map((r) => ({ accountId: r.account_id, email: r.email, role: r.role as OrgRole, createdAt: r.created_at }));
  }

  async setMember(organizationId: string, accountId: string, role: OrgRole, at: string): Promise<void> {
    await this.db
      .insertInto('organization_members')
      .values({ organization_id: organizationId, account_id: accountId, role, created_at: at })
      .onConflict((oc) => oc.columns(['organization_id', 'account_id']).doUpdateSet({ role }))
      .execute();
  }

  async removeMember(organizationId: string, accountId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('organization_members').where('organization_id', '=', organizationId).where('account_id', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async countOwners(organizationId: string): Promise<number> {
    const row = await this.db
      .selectFrom('organization_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', organizationId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertEvent(e: { id: string; organizationId: string; slug: string; seriesId: string; createdBy: string } & HostedEventFields, at: string): Promise<void> {
    await this.db
      .insertInto('hosted_events')
      .values({ id: e.id, organization_id: e.organizationId, slug: e.slug, series_id: e.seriesId, ...eventColumns(e), created_by: e.createdBy, created_at: at, updated_at: at, cancelled_at: null })
      .execute();
  }

  async updateEvent(organizationId: string, id: string, fields: HostedEventFields, at: string): Promise<void> {
    await this.db.updateTable('hosted_events').set({ ...eventColumns(fields), updated_at: at }).where('organization_id', '=', organizationId).where('id', '=', id).execute();
  }

  async cancelEvent(organizationId: string, id: string, at: string | null): Promise<void> {
    await this.db.updateTable('hosted_events').set({ cancelled_at: at, updated_at: at ?? new Date().toISOString() }).where('organization_id', '=', organizationId).where('id', '=', id).execute();
  }

  async event(organizationId: string, id: string): Promise<HostedEventRecord | null> {
    const row = await this.db.selectFrom('hosted_events').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
    return row ? toEvent(row) : null;
  }

  async eventBySlug(slug: string): Promise<HostedEventRecord | null> {
    const row = await this.db.selectFrom('hosted_events').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? toEvent(row) : null;
  }

  /**
   * The event row, locked for the rest of the transaction on PostgreSQL (SELECT … FOR UPDATE), so that the
   * registrations of one event change one transaction at a time and capacity is never exceeded. SQLite's
   * transactions take the write lock when they begin (create-db.ts), which serialises them already.
   */
  async lockEvent(id: string): Promise<HostedEventRecord | null> {
    const row = await this.db
      .selectFrom('hosted_events')
      .selectAll()
      .where('id', '=', id)
      .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row ? toEvent(row) : null;
  }

  async events(organizationId: string, limit: number, offset: number): Promise<HostedEventRecord[]> {
    const rows = await this.db
      .selectFrom('hosted_events')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('starts_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toEvent);
  }

  async seriesEvents(organizationId: string, seriesId: string): Promise<HostedEventRecord[]> {
    const rows = await this.db
      .selectFrom('hosted_events')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('series_id', '=', seriesId)
      .orderBy('starts_at')
      .execute();
    return rows.map(toEvent);
  }

  async insertRegistration(
    r: Omit<RegistrationRecord, 'createdAt' | 'updatedAt' | 'checkedInAt'>,
    at: string,
  ): Promise<void> {
    await this.db
      .insertInto('registrations')
      .values({
        id: r.id,
        organization_id: r.organizationId,
        hosted_event_id: r.hostedEventId,
        status: r.status,
        full_name: r.fullName,
        email: r.email,
        email_key: r.email.toLowerCase(),
        company: r.company,
        title: r.title,
        badge_name: r.badgeName,
        answers: JSON.stringify(r.answers),
        listed: r.listed ? 1 : 0,
        waitlisted_at: r.waitlistedAt,
        offered_until: r.offeredUntil,
        door_code: r.doorCode,
        created_at: at,
        updated_at: at,
        checked_in_at: null,
      })
      .execute();
  }

  async setStatus(id: string, status: RegistrationStatus, at: string, extra: { waitlistedAt?: string | null; offeredUntil?: string | null } = {}): Promise<void> {
    await this.db
      .updateTable('registrations')
      .set({
        status,
        updated_at: at,
        ...(extra.waitlistedAt !== undefined ? { waitlisted_at: extra.waitlistedAt } : {}),
        ...(extra.offeredUntil !== undefined ? { offered_until: extra.offeredUntil } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async setListed(id: string, listed: boolean, at: string): Promise<void> {
    await this.db.updateTable('registrations').set({ listed: listed ? 1 : 0, updated_at: at }).where('id', '=', id).execute();
  }

  async addLink(registrationId: string, tokenHash: string, at: string): Promise<void> {
    await this.db.insertInto('registration_links').values({ token_hash: tokenHash, registration_id: registrationId, created_at: at }).execute();
  }

  async registrationByToken(tokenHash: string): Promise<RegistrationRecord | null> {
    const row = await this.db
      .selectFrom('registration_links')
      .innerJoin('registrations', 'registrations.id', 'registration_links.registration_id')
      .selectAll('registrations')
      .where('registration_links.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toRegistration(row) : null;
  }

  async registrationByEmail(hostedEventId: string, email: string): Promise<RegistrationRecord | null> {
    const row = await this.db.selectFrom('registrations').selectAll().where('hosted_event_id', '=', hostedEventId).where('email_key', '=', email.toLowerCase()).executeTakeFirst();
    return row ? toRegistration(row) : null;
  }

  async registration(organizationId: string, id: string): Promise<RegistrationRecord | null> {
    const row = await this.db.selectFrom('registrations').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
    return row ? toRegistration(row) : null;
  }

  /** Someone who cancelled (or was declined) may register again: the same row, with what they sent now. */
  async renewRegistration(id: string, fields: Pick<RegistrationRecord, 'status' | 'fullName' | 'email' | 'company' | 'title' | 'badgeName' | 'answers' | 'listed' | 'waitlistedAt' | 'offeredUntil'>, at: string): Promise<void> {
    await this.db
      .updateTable('registrations')
      .set({
        status: fields.status,
        full_name: fields.fullName,
        email: fields.email,
        company: fields.company,
        title: fields.title,
        badge_name: fields.badgeName,
        answers: JSON.stringify(fields.answers),
        listed: fields.listed ? 1 : 0,
        waitlisted_at: fields.waitlistedAt,
        offered_until: fields.offeredUntil,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  async registrations(organizationId: string, hostedEventId: string, statuses: RegistrationStatus[] | null): Promise<RegistrationRecord[]> {
    const rows = await this.db
      .selectFrom('registrations')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('hosted_event_id', '=', hostedEventId)
      .$if(statuses !== null, (qb) => qb.where('status', 'in', statuses!))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRegistration);
  }

  /** Seats held: confirmed, and offered seats whose claim window has not ended. */
  async seatsHeld(hostedEventId: string, now: string): Promise<number> {
    const row = await this.db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('hosted_event_id', '=', hostedEventId)
      .where((eb) => eb.or([eb('status', '=', 'confirmed'), eb.and([eb('status', '=', 'offered'), eb('offered_until', '>', now)])]))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Offers whose claim window has ended: they go back to the end of the waitlist's offers (status `waitlisted`). */
  async expiredOffers(hostedEventId: string, now: string): Promise<RegistrationRecord[]> {
    const rows = await this.db
      .selectFrom('registrations')
      .selectAll()
      .where('hosted_event_id', '=', hostedEventId)
      .where('status', '=', 'offered')
      .where('offered_until', '<=', now)
      .execute();
    return rows.map(toRegistration);
  }

  /** The first `n` of the waitlist, in the order they joined it. */
  async nextWaitlisted(hostedEventId: string, n: number): Promise<RegistrationRecord[]> {
    if (n <= 0) return [];
    const rows = await this.db
      .selectFrom('registrations')
      .selectAll()
      .where('hosted_event_id', '=', hostedEventId)
      .where('status', '=', 'waitlisted')
      .orderBy('waitlisted_at')
      .orderBy('id')
      .limit(n)
      .execute();
    return rows.map(toRegistration);
  }

  /** Where someone stands on the waitlist: 1 for the next to be offered a seat. */
  async waitlistPosition(hostedEventId: string, r: { waitlistedAt: string; id: string }): Promise<number> {
    const row = await this.db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('hosted_event_id', '=', hostedEventId)
      .where('status', '=', 'waitlisted')
      .where((eb) => eb.or([eb('waitlisted_at', '<', r.waitlistedAt), eb.and([eb('waitlisted_at', '=', r.waitlistedAt), eb('id', '<=', r.id)])]))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async counts(hostedEventId: string): Promise<RegistrationCounts> {
    const rows = await this.db
      .selectFrom('registrations')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('checked_in_at').as('checked')])
      .where('hosted_event_id', '=', hostedEventId)
      .groupBy('status')
      .execute();
    const counts: RegistrationCounts = { confirmed: 0, waitlisted: 0, offered: 0, pending: 0, unconfirmed: 0, cancelled: 0, declined: 0, checkedIn: 0 };
    for (const r of rows) {
      if (r.status in counts) counts[r.status as keyof RegistrationCounts] = Number(r.n);
      counts.checkedIn += Number(r.checked);
    }
    return counts;
  }

  /** "Who's coming": confirmed registrants who opted in, name, company and title only. */
  async listedAttendees(hostedEventId: string): Promise<{ fullName: string; company: string | null; title: string | null }[]> {
    const rows = await this.db
      .selectFrom('registrations')
      .select(['full_name', 'company', 'title'])
      .where('hosted_event_id', '=', hostedEventId)
      .where('status', '=', 'confirmed')
      .where('listed', '=', 1)
      .orderBy('full_name')
      .execute();
    return rows.map((r) => ({ fullName: r.full_name, company: r.company, title: r.title }));
  }

  // ---- mail: unsubscribes and reminders ------------------------------------------------------------------

  async isUnsubscribed(organizationId: string, email: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('organization_unsubscribes')
      .select('email_key')
      .where('organization_id', '=', organizationId)
      .where('email_key', '=', email.toLowerCase())
      .executeTakeFirst();
    return !!row;
  }

  async addUnsubscribeLink(tokenHash: string, organizationId: string, email: string, at: string): Promise<void> {
    await this.db.insertInto('organization_unsubscribe_links').values({ token_hash: tokenHash, organization_id: organizationId, email_key: email.toLowerCase(), created_at: at }).execute();
  }

  async unsubscribeLink(tokenHash: string): Promise<{ organizationId: string; email: string; organizationName: string } | null> {
    const row = await this.db
      .selectFrom('organization_unsubscribe_links')
      .innerJoin('organizations', 'organizations.id', 'organization_unsubscribe_links.organization_id')
      .select(['organization_unsubscribe_links.organization_id', 'organization_unsubscribe_links.email_key', 'organizations.name'])
      .where('organization_unsubscribe_links.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? { organizationId: row.organization_id, email: row.email_key, organizationName: row.name } : null;
  }

  async unsubscribe(organizationId: string, email: string, at: string): Promise<void> {
    await this.db
      .insertInto('organization_unsubscribes')
      .values({ organization_id: organizationId, email_key: email.toLowerCase(), created_at: at })
      .onConflict((oc) => oc.columns(['organization_id', 'email_key']).doNothing())
      .execute();
  }

  /** Confirmed registrations not yet reminded, of events that start between the two instants and are not cancelled. */
  async dueReminders(from: string, to: string, limit: number): Promise<RegistrationRecord[]> {
    const rows = await this.db
      .selectFrom('registrations')
      .innerJoin('hosted_events', 'hosted_events.id', 'registrations.hosted_event_id')
      .selectAll('registrations')
      .where('hosted_events.starts_at', '>', from)
      .where('hosted_events.starts_at', '<=', to)
      .where('hosted_events.cancelled_at', 'is', null)
      .where('registrations.status', '=', 'confirmed')
      .where('registrations.reminded_at', 'is', null)
      .orderBy('hosted_events.starts_at')
      .limit(limit)
      .execute();
    return rows.map(toRegistration);
  }

  async markReminded(registrationId: string, at: string): Promise<void> {
    await this.db.updateTable('registrations').set({ reminded_at: at }).where('id', '=', registrationId).execute();
  }

  // ---- the wrap-up after an event -------------------------------------------------------------------------

  async wrapUp(hostedEventId: string, accountId: string): Promise<{ eventId: string; createdAt: string; updatedAt: string } | null> {
    const row = await this.db.selectFrom('hosted_event_wrap_ups').selectAll().where('hosted_event_id', '=', hostedEventId).where('account_id', '=', accountId).executeTakeFirst();
    return row ? { eventId: row.event_id, createdAt: row.created_at, updatedAt: row.updated_at } : null;
  }

  async saveWrapUp(hostedEventId: string, accountId: string, eventId: string, at: string): Promise<void> {
    await this.db
      .insertInto('hosted_event_wrap_ups')
      .values({ hosted_event_id: hostedEventId, account_id: accountId, event_id: eventId, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['hosted_event_id', 'account_id']).doUpdateSet({ event_id: eventId, updated_at: at }))
      .execute();
  }

  /** The person (of this account) each registration already became, if any. */
  async wrapUpPeople(accountId: string, registrationIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (registrationIds.length === 0) return out;
    for (let i = 0; i < registrationIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('wrap_up_people')
        .innerJoin('people', 'people.id', 'wrap_up_people.person_id')
        .select(['wrap_up_people.registration_id', 'wrap_up_people.person_id'])
        .where('wrap_up_people.account_id', '=', accountId)
        .where('people.deleted_at', 'is', null)
        .where('wrap_up_people.registration_id', 'in', registrationIds.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.registration_id, r.person_id);
    }
    return out;
  }

  async saveWrapUpPerson(registrationId: string, accountId: string, personId: string, at: string): Promise<void> {
    await this.db
      .insertInto('wrap_up_people')
      .values({ registration_id: registrationId, account_id: accountId, person_id: personId, created_at: at })
      .onConflict((oc) => oc.columns(['registration_id', 'account_id']).doUpdateSet({ person_id: personId }))
      .execute();
  }

  async wrapUpSpeakers(accountId: string, speakerIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (speakerIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('wrap_up_speakers')
      .innerJoin('people', 'people.id', 'wrap_up_speakers.person_id')
      .select(['wrap_up_speakers.speaker_id', 'wrap_up_speakers.person_id'])
      .where('wrap_up_speakers.account_id', '=', accountId)
      .where('people.deleted_at', 'is', null)
      .where('wrap_up_speakers.speaker_id', 'in', speakerIds)
      .execute();
    for (const r of rows) out.set(r.speaker_id, r.person_id);
    return out;
  }

  async saveWrapUpSpeaker(speakerId: string, accountId: string, personId: string, at: string): Promise<void> {
    await this.db
      .insertInto('wrap_up_speakers')
      .values({ speaker_id: speakerId, account_id: accountId, person_id: personId, created_at: at })
      .onConflict((oc) => oc.columns(['speaker_id', 'account_id']).doUpdateSet({ person_id: personId }))
      .execute();
  }
}
