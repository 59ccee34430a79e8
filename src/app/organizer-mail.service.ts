// The organizer's e-mails to registrants, in the organization's name from the outbox of one of its owners: what each
// change of a registration says (registration-mail.ts writes the words), the reminder the day before, and the
// organization's unsubscribes, which every optional e-mail (reminders, thank-you notes, speaker e-mails) honours.
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { OutboxService } from './outbox.service.js';
import type { MailSetup } from './mailer.js';
import { OPTIONAL_KINDS, registrationMail, type RegistrationMailKind } from './registration-mail.js';
import { hashToken, newToken } from './secret-links.js';
import type { HostedEventRecord, OrganizationRecord, RegistrationRecord } from '../db/repositories/organizer.repository.js';

/** The reminder goes this long before the start. */
const REMINDER_BEFORE_MS = 24 * 3_600_000;

export class OrganizerMailService {
  constructor(
    private readonly ctx: AppContext,
    private readonly outbox: OutboxService,
    private readonly mail: MailSetup,
  ) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  /**
   * Writes a registrant's e-mail into the outbox of an owner of the organization. `token` is the link the
   * registrant used; without it (an offer made by someone else's cancel) a new link is made for the e-mail.
   */
  async send(
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
    // Every message can stop the organization's mail (List-Unsubscribe); only the optional ones are then held back.
    const unsubscribeUrl = await this.unsubscribeUrl(repos, organization.id, registration.email);
    // Timed and follow-up mails are one per registration and event time; the others one per change of the registration.
    const dedupeSuffix = optional ? event.startsAt : `${registration.updatedAt}:${link ?? ''}`;
    const id = await this.outbox.write(repos, await registrationMail({ kind, organization, event, registration, pageUrl, accountId: owner.accountId, dedupeSuffix, note, unsubscribeUrl }));
    return id !== null;
  }

  /** Where the public reaches Kith (links in e-mails and calendars), without a trailing slash. */
  publicUrl(): string {
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
}
