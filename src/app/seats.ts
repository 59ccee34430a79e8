// Seats of a hosted event: offers not claimed in time go back to the waitlist, and free seats are offered to the
// next in line, each with the event's claim window. Called inside transactions that have locked the event
// (OrganizerRepository.lockEvent), so that seats are counted and given one request at a time.
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { OrganizerMailService } from './organizer-mail.service.js';
import type { HostedEventRecord, OrganizationRecord } from '../db/repositories/organizer.repository.js';

export class Seats {
  constructor(
    private readonly ctx: AppContext,
    private readonly mail: OrganizerMailService,
  ) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  /** Offers that were not claimed in time go to the end of the waitlist; their seats go to the next in line. */
  async sweep(repos: Repositories, event: HostedEventRecord, organization: OrganizationRecord): Promise<void> {
    const at = this.now();
    const expired = await repos.organizer.expiredOffers(event.id, at);
    for (const r of expired) await repos.organizer.setStatus(r.id, 'waitlisted', at, { waitlistedAt: at, offeredUntil: null });
    if (expired.length) await this.fillSeats(repos, event, organization);
  }

  /** Offers every free seat to the next on the waitlist, each with the event's claim window. */
  async fillSeats(repos: Repositories, event: HostedEventRecord, organization?: OrganizationRecord): Promise<void> {
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
      await this.mail.send(repos, org, event, { ...r, status: offered ? 'offered' : 'confirmed', offeredUntil: offered ? until : null, updatedAt: at }, offered ? 'offered' : 'seat', null);
    }
  }
}
