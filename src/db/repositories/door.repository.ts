// Door staff links and check-ins (issue 7). Every query of registrations names the link's event: a door link can
// never reach another event's registrations.
import type { DialectName } from '../dialect.js';
import type { Executor } from './executor.js';
import { isUniqueViolation } from '../db-errors.js';
import type { RegistrationStatus } from '../../core/organizer.js';

export interface DoorLinkRecord {
  id: string;
  organizationId: string;
  hostedEventId: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A registration as door staff see it: who they are and whether they came, nothing else (no e-mail, no answers). */
export interface DoorPersonRecord {
  id: string;
  fullName: string;
  company: string | null;
  title: string | null;
  badgeName: string | null;
  status: RegistrationStatus;
  checkedInAt: string | null;
}

/** The statuses on the door list: everyone who may turn up. Cancelled and declined registrations are left out. */
export const DOOR_STATUSES: RegistrationStatus[] = ['confirmed', 'offered', 'waitlisted', 'pending', 'unconfirmed'];

type LinkRow = { id: string; organization_id: string; hosted_event_id: string; label: string; created_at: string; revoked_at: string | null };
const toLink = (r: LinkRow): DoorLinkRecord => ({ id: r.id, organizationId: r.organization_id, hostedEventId: r.hosted_event_id, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at });

type PersonRow = { id: string; full_name: string; company: string | null; title: string | null; badge_name: string | null; status: string; checked_in_at: string | null };
const toPerson = (r: PersonRow): DoorPersonRecord => ({
  id: r.id,
  fullName: r.full_name,
  company: r.company,
  title: r.title,
  badgeName: r.badge_name,
  status: r.status as RegistrationStatus,
  checkedInAt: r.checked_in_at,
});
const personColumns = ['id', 'full_name', 'company', 'title', 'badge_name', 'status', 'checked_in_at'] as const;

export class DoorRepository {
  constructor(
    protected readonly db: Executor,
    protected readonly dialect: DialectName,
  ) {}

  async insertLink(link: Omit<DoorLinkRecord, 'revokedAt' | 'createdAt'> & { tokenHash: string; createdBy: string }, at: string): Promise<void> {
    await this.db
      .insertInto('door_links')
      .values({ id: link.id, organization_id: link.organizationId, hosted_event_id: link.hostedEventId, token_hash: link.tokenHash, label: link.label, created_by: link.createdBy, created_at: at, revoked_at: null })
      .execute();
  }

  async links(organizationId: string, hostedEventId: string): Promise<DoorLinkRecord[]> {
    const rows = await this.db
      .selectFrom('door_links')
      .select(['id', 'organization_id', 'hosted_event_id', 'label', 'created_at', 'revoked_at'])
      .where('organization_id', '=', organizationId)
      .where('hosted_event_id', '=', hostedEventId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toLink);
  }

  async link(organizationId: string, id: string): Promise<DoorLinkRecord | null> {
    const row = await this.db
      .selectFrom('door_links')
      .select(['id', 'organization_id', 'hosted_event_id', 'label', 'created_at', 'revoked_at'])
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toLink(row) : null;
  }

  async linkByToken(tokenHash: string): Promise<DoorLinkRecord | null> {
    const row = await this.db
      .selectFrom('door_links')
      .select(['id', 'organization_id', 'hosted_event_id', 'label', 'created_at', 'revoked_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toLink(row) : null;
  }

  async revokeLink(organizationId: string, id: string, at: string): Promise<void> {
    await this.db.updateTable('door_links').set({ revoked_at: at }).where('organization_id', '=', organizationId).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** The door list: everyone who may turn up, by name. */
  async people(hostedEventId: string): Promise<DoorPersonRecord[]> {
    const rows = await this.db
      .selectFrom('registrations')
      .select(personColumns)
      .where('hosted_event_id', '=', hostedEventId)
      .where('status', 'in', DOOR_STATUSES)
      .orderBy('full_name')
      .orderBy('id')
      .execute();
    return rows.map(toPerson);
  }

  /** One registration of the event, by its id or by the door code its QR holds; null when the event has none such. */
  async person(hostedEventId: string, by: { id: string } | { doorCode: string }): Promise<DoorPersonRecord | null> {
    const row = await this.db
      .selectFrom('registrations')
      .select(personColumns)
      .where('hosted_event_id', '=', hostedEventId)
      .$if('id' in by, (qb) => qb.where('id', '=', (by as { id: string }).id))
      .$if('doorCode' in by, (qb) => qb.where('door_code', '=', (by as { doorCode: string }).doorCode))
      .executeTakeFirst();
    return row ? toPerson(row) : null;
  }

  /**
   * Checks a confirmed registration in, unless it is in already: one UPDATE with the condition in it, so that two
   * phones checking in the same person at the same instant make one check-in (the second changes no row).
   */
  async checkIn(hostedEventId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('registrations')
      .set({ checked_in_at: at, updated_at: at })
      .where('hosted_event_id', '=', hostedEventId)
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .where('checked_in_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async undoCheckIn(hostedEventId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('registrations')
      .set({ checked_in_at: null, updated_at: at })
      .where('hosted_event_id', '=', hostedEventId)
      .where('id', '=', id)
      .where('checked_in_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Lets someone who is not confirmed in (waitlisted, offered, …): confirmed and checked in, over capacity if need be. */
  async admit(hostedEventId: string, id: string, at: string): Promise<void> {
    await this.db
      .updateTable('registrations')
      .set({ status: 'confirmed', offered_until: null, checked_in_at: at, updated_at: at })
      .where('hosted_event_id', '=', hostedEventId)
      .where('id', '=', id)
      .execute();
  }

  /** Someone's registration for the event by e-mail, whatever its status. */
  async registrationIdByEmail(hostedEventId: string, email: string): Promise<string | null> {
    const row = await this.db.selectFrom('registrations').select('id').where('hosted_event_id', '=', hostedEventId).where('email_key', '=', email.toLowerCase()).executeTakeFirst();
    return row?.id ?? null;
  }

  async insertWalkIn(
    w: { id: string; organizationId: string; hostedEventId: string; fullName: string; email: string | null; company: string | null; doorCode: string },
    at: string,
  ): Promise<void> {
    await this.db
      .insertInto('registrations')
      .values({
        id: w.id,
        organization_id: w.organizationId,
        hosted_event_id: w.hostedEventId,
        status: 'confirmed',
        full_name: w.fullName,
        email: w.email ?? '',
        // Without an e-mail, a key of its own: walk-ins without one are different people.
        email_key: w.email ? w.email.toLowerCase() : `walk-in:${w.id}`,
        company: w.company,
        title: null,
        badge_name: null,
        answers: '{}',
        listed: 0,
        waitlisted_at: null,
        offered_until: null,
        door_code: w.doorCode,
        created_at: at,
        updated_at: at,
        checked_in_at: at,
      })
      .execute();
  }

  /** The answer stored for an action a phone sent before, or null for a new one. */
  async storedAction(hostedEventId: string, clientId: string): Promise<string | null> {
    const row = await this.db.selectFrom('door_actions').select('result').where('hosted_event_id', '=', hostedEventId).where('client_id', '=', clientId).executeTakeFirst();
    return row?.result ?? null;
  }

  /** Records an action's answer; false when another request recorded the same action first. */
  async recordAction(a: { hostedEventId: string; clientId: string; doorLinkId: string; kind: string; result: string }, at: string): Promise<boolean> {
    try {
      await this.db
        .insertInto('door_actions')
        .values({ hosted_event_id: a.hostedEventId, client_id: a.clientId, door_link_id: a.doorLinkId, kind: a.kind, result: a.result, created_at: at })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
