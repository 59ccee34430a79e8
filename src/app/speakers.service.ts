// The speaker pipeline (issue 7): prospect → invited → accepted / declined → confirmed → spoke, each step dated. An
// invitation e-mail carries a single-use link (/s/<token>, only its SHA-256 kept) to a page where the speaker presses
// Accept or Decline; one nudge follows after the organization's number of days without an answer; a confirmed
// speaker is introduced by e-mail to the event's confirmed registrants. Owners and organizers run it (door staff:
// 403; non-members: 404). The rules are in core/speaker-pipeline.ts.
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { OutboxService } from './outbox.service.js';
import type { MailSetup } from './mailer.js';
import type { OrganizerService } from './organizer.service.js';
import type { OrganizerMailService } from './organizer-mail.service.js';
import { hashToken, newToken } from './secret-links.js';
import { trimmed } from './organizer.service.js';
import { EMAIL } from '../core/contact-values.js';
import { introductionMail, invitationMail, type SpeakerMessage } from './speaker-mail.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../core/errors.js';
import { CAN } from '../core/organizer.js';
import {
  canInvite,
  checkNudgeDays,
  DEFAULT_NUDGE_DAYS,
  invitationAfterMove,
  invitationState,
  moveRefusal,
  nudgeAt,
  nudgeStillUseful,
  type InvitationState,
  type SpeakerAnswer,
  type SpeakerStatus,
} from '../core/speaker-pipeline.js';
import type { HostedEventRecord, OrganizationRecord } from '../db/repositories/organizer.repository.js';
import type { InvitationRecord, SpeakerFields, SpeakerRecord, SpeakerRow } from '../db/repositories/speaker.repository.js';

export interface SpeakerInput {
  hostedEventId?: string | null | undefined;
  fullName?: string | undefined;
  email?: string | null | undefined;
  company?: string | null | undefined;
  title?: string | null | undefined;
  topic?: string | null | undefined;
  notes?: string | null | undefined;
}

export interface MoveRequest {
  status: SpeakerStatus;
  onBehalf?: boolean | undefined;
  note?: string | null | undefined;
}

/** What the speaker's page shows: never anything of the organization but its name, the event and the invitation. */
export interface InvitationView {
  organizationName: string;
  event: HostedEventRecord | null;
  speakerName: string;
  topic: string | null;
  message: string | null;
  state: InvitationState;
  invitation: InvitationRecord;
}

const MAX_TEXT = 200;
const MAX_TOPIC = 500;
const MAX_NOTES = 10_000;
const MAX_MESSAGE = 4_000;
const MAX_NOTE = 2_000;
const NUDGES_PER_ROUND = 100;

export class SpeakerService {
  constructor(
    protected readonly ctx: AppContext,
    protected readonly outbox: OutboxService,
    protected readonly mail: MailSetup,
    protected readonly organizer: OrganizerService,
    protected readonly organizerMail: OrganizerMailService,
  ) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  private requireRole(repos: Repositories, accountId: string, organizationId: string, what: string) {
    return this.organizer.requireRole(repos, accountId, organizationId, CAN.manageEvents, what);
  }

  private async requireSpeaker(repos: Repositories, organizationId: string, speakerId: string, lock = false): Promise<SpeakerRow> {
    const found = await repos.speakers.speaker(organizationId, speakerId);
    if (!found) throw new NotFoundError('KITH_SPEAKER_NOT_FOUND', `no speaker with id ${speakerId} in this organization`, { speakerId });
    return lock ? (await repos.speakers.lock(speakerId))! : found;
  }

  private async eventOf(repos: Repositories, organizationId: string, eventId: string | null): Promise<HostedEventRecord | null> {
    if (eventId === null) return null;
    const event = await repos.organizer.event(organizationId, eventId);
    if (!event) throw new NotFoundError('KITH_HOSTED_EVENT_NOT_FOUND', `no event with id ${eventId} in this organization`, { eventId });
    return event;
  }

  private async record(repos: Repositories, speaker: SpeakerRow): Promise<SpeakerRecord> {
    return (await repos.speakers.withHistory([speaker]))[0]!;
  }

  private checkFields(input: SpeakerInput, current: SpeakerFields | null): SpeakerFields {
    const issues: FieldIssue[] = [];
    const pick = <K extends keyof SpeakerInput>(key: K) => (input[key] !== undefined ? input[key] : current ? (current[key as keyof SpeakerFields] ?? null) : null) as string | null;
    const fullName = trimmed(pick('fullName'), 'fullName', issues, MAX_TEXT);
    if (!fullName) issues.push({ path: 'fullName', message: 'a speaker needs a name' });
    const email = trimmed(pick('email'), 'email', issues, 254);
    if (email && !EMAIL.test(email)) issues.push({ path: 'email', message: 'an e-mail address, e.g. ada@example.com' });
    const fields = {
      hostedEventId: pick('hostedEventId'),
      fullName: fullName ?? '',
      email,
      company: trimmed(pick('company'), 'company', issues, MAX_TEXT),
      title: trimmed(pick('title'), 'title', issues, MAX_TEXT),
      topic: trimmed(pick('topic'), 'topic', issues, MAX_TOPIC),
      notes: trimmed(pick('notes'), 'notes', issues, MAX_NOTES),
    };
    if (issues.length) throw new ValidationError(issues);
    return fields;
  }

  // ---- the organizer's side ------------------------------------------------------------------------------

  async list(accountId: string, organizationId: string, filter: { hostedEventId?: string | undefined; status?: SpeakerStatus | undefined } = {}): Promise<SpeakerRecord[]> {
    const repos = this.ctx.store.repos;
    await this.requireRole(repos, accountId, organizationId, 'see its speakers');
    const rows = await repos.speakers.speakers(organizationId, { hostedEventId: filter.hostedEventId ?? null, status: filter.status ?? null });
    return repos.speakers.withHistory(rows);
  }

  async get(accountId: string, organizationId: string, speakerId: string): Promise<SpeakerRecord> {
    const repos = this.ctx.store.repos;
    await this.requireRole(repos, accountId, organizationId, 'see its speakers');
    return this.record(repos, await this.requireSpeaker(repos, organizationId, speakerId));
  }

  /** A new speaker, a prospect. */
  async create(accountId: string, organizationId: string, input: SpeakerInput): Promise<SpeakerRecord> {
    const fields = this.checkFields(input, null);
    return this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, 'add speakers');
      await this.eventOf(repos, organizationId, fields.hostedEventId);
      const id = this.ctx.newId();
      const at = this.now();
      await repos.speakers.insert({ id, organizationId, status: 'prospect', ...fields }, at);
      await repos.speakers.addStep({ id: this.ctx.newId(), speakerId: id, status: 'prospect', at, onBehalf: false, note: null, accountId });
      return this.record(repos, (await repos.speakers.speaker(organizationId, id))!);
    });
  }

  /** Changes the fields sent; the others stay. */
  async update(accountId: string, organizationId: string, speakerId: string, input: SpeakerInput): Promise<SpeakerRecord> {
    return this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, 'change speakers');
      const current = await this.requireSpeaker(repos, organizationId, speakerId, true);
      const fields = this.checkFields(input, current);
      await this.eventOf(repos, organizationId, fields.hostedEventId);
      await repos.speakers.update(organizationId, speakerId, fields, this.now());
      return this.record(repos, (await repos.speakers.speaker(organizationId, speakerId))!);
    });
  }

  async remove(accountId: string, organizationId: string, speakerId: string): Promise<void> {
    await this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, 'remove speakers');
      await this.requireSpeaker(repos, organizationId, speakerId);
      await repos.speakers.delete(organizationId, speakerId);
    });
  }

  /** An organizer's move; accepted or declined only on the speaker's behalf (their own answer comes from the page). */
  async move(accountId: string, organizationId: string, speakerId: string, request: MoveRequest): Promise<SpeakerRecord> {
    const issues: FieldIssue[] = [];
    const note = trimmed(request.note, 'note', issues, MAX_NOTE);
    if (issues.length) throw new ValidationError(issues);
    return this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, 'move speakers');
      const speaker = await this.requireSpeaker(repos, organizationId, speakerId, true);
      const event = await this.eventOf(repos, organizationId, speaker.hostedEventId);
      const onBehalf = request.onBehalf ?? false;
      const refusal = moveRefusal({ from: speaker.status, to: request.status, onBehalf, eventStartsAt: event?.startsAt ?? null, now: this.ctx.clock.now() });
      if (refusal?.field) throw new ValidationError([{ path: refusal.field, message: refusal.reason }]);
      if (refusal) throw new ConflictError('KITH_SPEAKER_MOVE_NOT_ALLOWED', refusal.reason, { from: speaker.status, to: request.status });
      const at = this.now();
      const effect = invitationAfterMove(request.status);
      if (effect === 'answer') await repos.speakers.answerOpen(speakerId, request.status as SpeakerAnswer, true, note, at);
      if (effect === 'revoke') await repos.speakers.revokeOpen(speakerId, at);
      await repos.speakers.setStatus(speakerId, request.status, at);
      await repos.speakers.addStep({ id: this.ctx.newId(), speakerId, status: request.status, at, onBehalf, note, accountId });
      return this.record(repos, (await repos.speakers.speaker(organizationId, speakerId))!);
    });
  }

  /**
   * Writes the invitation e-mail with a new link (/s/<token>); an earlier open link stops working. The nudge is due
   * after the organization's number of days, as set when the invitation goes out.
   */
  async invite(accountId: string, organizationId: string, speakerId: string, message: string | null | undefined): Promise<SpeakerRecord> {
    const issues: FieldIssue[] = [];
    const words = trimmed(message, 'message', issues, MAX_MESSAGE);
    if (issues.length) throw new ValidationError(issues);
    return this.ctx.store.transaction(async (repos) => {
      const organization = await this.requireRole(repos, accountId, organizationId, 'invite speakers');
      const speaker = await this.requireSpeaker(repos, organizationId, speakerId, true);
      if (!canInvite(speaker.status)) throw new ConflictError('KITH_SPEAKER_MOVE_NOT_ALLOWED', `a speaker who is ${speaker.status} cannot be invited (an invitation goes to a prospect, or again to someone invited)`, { from: speaker.status, to: 'invited' });
      if (!speaker.email) throw new ConflictError('KITH_SPEAKER_NO_EMAIL', 'this speaker has no e-mail address: add one, then invite', { speakerId });
      if (await this.organizerMail.isUnsubscribed(repos, organizationId, speaker.email)) {
        throw new ConflictError('KITH_SPEAKER_UNSUBSCRIBED', `${speaker.email} asked ${organization.name} for no more e-mail: ask them another way, and record their answer on their behalf`, { speakerId });
      }
      const event = await this.eventOf(repos, organizationId, speaker.hostedEventId);
      if (event?.cancelledAt) throw new ConflictError('KITH_EVENT_CANCELLED', 'this event is cancelled: choose another event for the speaker first');
      if (event && Date.parse(event.endsAt) <= this.ctx.clock.now().getTime()) throw new ConflictError('KITH_EVENT_OVER', 'this event is over: choose another event for the speaker first');
      const at = this.now();
      const days = await this.nudgeDays(repos, organizationId);
      await repos.speakers.revokeOpen(speakerId, at);
      const token = newToken();
      const invitationId = this.ctx.newId();
      await repos.speakers.insertInvitation({ id: invitationId, speakerId, organizationId, tokenHash: hashToken(token), message: words, nudgeAt: nudgeAt(this.ctx.clock.now(), days) }, at);
      await repos.speakers.setStatus(speakerId, 'invited', at);
      await repos.speakers.addStep({ id: this.ctx.newId(), speakerId, status: 'invited', at, onBehalf: false, note: null, accountId });
      await this.send(repos, organization, invitationMail({ kind: 'invitation', organization, event, speaker: { ...speaker, email: speaker.email }, message: words, pageUrl: this.pageUrl(token), invitationId }));
      return this.record(repos, (await repos.speakers.speaker(organizationId, speakerId))!);
    });
  }

  /** One e-mail per confirmed registrant of the speaker's event introducing the confirmed speaker; each only once. */
  async introduce(accountId: string, organizationId: string, speakerId: string, message: string | null | undefined): Promise<{ written: number; alreadySent: number; unsubscribed: number }> {
    const issues: FieldIssue[] = [];
    const words = trimmed(message, 'message', issues, MAX_MESSAGE);
    if (issues.length) throw new ValidationError(issues);
    return this.ctx.store.transaction(async (repos) => {
      const organization = await this.requireRole(repos, accountId, organizationId, 'introduce speakers');
      const speaker = await this.requireSpeaker(repos, organizationId, speakerId);
      if (speaker.status !== 'confirmed') throw new ConflictError('KITH_SPEAKER_NOT_CONFIRMED', `only a confirmed speaker is introduced to the attendees (this one is ${speaker.status})`, { status: speaker.status });
      const event = await this.eventOf(repos, organizationId, speaker.hostedEventId);
      if (!event) throw new ConflictError('KITH_SPEAKER_NO_EVENT', 'this speaker is not set for an event: choose the event first', { speakerId });
      if (event.cancelledAt) throw new ConflictError('KITH_EVENT_CANCELLED', 'this event is cancelled: there is no one to introduce the speaker to');
      const registrations = await repos.organizer.registrations(organizationId, event.id, ['confirmed']);
      let written = 0;
      let unsubscribed = 0;
      for (const registration of registrations) {
        if (await this.organizerMail.isUnsubscribed(repos, organizationId, registration.email)) unsubscribed += 1;
        else if (await this.send(repos, organization, introductionMail({ organization, event, speaker, registration, message: words }))) written += 1;
      }
      return { written, alreadySent: registrations.length - written - unsubscribed, unsubscribed };
    });
  }

  async settings(accountId: string, organizationId: string): Promise<{ nudgeAfterDays: number | null }> {
    const repos = this.ctx.store.repos;
    await this.requireRole(repos, accountId, organizationId, 'see its speaker settings');
    return { nudgeAfterDays: await this.nudgeDays(repos, organizationId) };
  }

  /** Days until the nudge (1–60), or null for none; applies to invitations sent from now on. */
  async setSettings(accountId: string, organizationId: string, nudgeAfterDays: number | null): Promise<{ nudgeAfterDays: number | null }> {
    const problem = checkNudgeDays(nudgeAfterDays);
    if (problem) throw new ValidationError([{ path: 'nudgeAfterDays', message: problem }]);
    await this.ctx.store.transaction(async (repos) => {
      await this.requireRole(repos, accountId, organizationId, 'change its speaker settings');
      await repos.speakers.setNudgeAfterDays(organizationId, nudgeAfterDays, this.now());
    });
    return { nudgeAfterDays };
  }

  private async nudgeDays(repos: Repositories, organizationId: string): Promise<number | null> {
    const days = await repos.speakers.nudgeAfterDays(organizationId);
    return days === undefined ? DEFAULT_NUDGE_DAYS : days;
  }

  // ---- the speaker's page ----------------------------------------------------------------------------------

  private async byToken(repos: Repositories, token: string): Promise<InvitationRecord> {
    const invitation = await repos.speakers.invitationByToken(hashToken(token));
    if (!invitation) throw new NotFoundError('KITH_SPEAKER_LINK_NOT_FOUND', 'this invitation link is not valid (it may be cut short or mistyped)');
    return invitation;
  }

  /** What the link shows; reading it changes nothing (mail scanners open links). */
  async invitation(token: string): Promise<InvitationView> {
    const repos = this.ctx.store.repos;
    const invitation = await this.byToken(repos, token);
    const speaker = (await repos.speakers.speaker(invitation.organizationId, invitation.speakerId))!;
    const event = speaker.hostedEventId ? await repos.organizer.event(invitation.organizationId, speaker.hostedEventId) : null;
    const organization = (await repos.organizer.organization(invitation.organizationId))!;
    return {
      organizationName: organization.name,
      event,
      speakerName: speaker.fullName,
      topic: speaker.topic,
      message: invitation.message,
      state: invitationState(invitation, speaker.status, !!event?.cancelledAt),
      invitation,
    };
  }

  /**
   * The speaker's answer through their page: recorded once. A used, revoked or closed link changes nothing and
   * `recorded` is false; the view then says what was answered or that the link no longer works.
   */
  async answer(token: string, answer: SpeakerAnswer, note: string | null | undefined): Promise<{ recorded: boolean; view: InvitationView }> {
    const issues: FieldIssue[] = [];
    const words = trimmed(note, 'note', issues, MAX_NOTE);
    if (issues.length) throw new ValidationError(issues);
    const recorded = await this.ctx.store.transaction(async (repos) => {
      const found = await this.byToken(repos, token);
      const speaker = (await repos.speakers.lock(found.speakerId))!;
      const invitation = (await repos.speakers.invitation(found.id))!;
      const event = speaker.hostedEventId ? await repos.organizer.event(speaker.organizationId, speaker.hostedEventId) : null;
      if (invitationState(invitation, speaker.status, !!event?.cancelledAt) !== 'open') return false;
      const at = this.now();
      if (!(await repos.speakers.answerOpen(speaker.id, answer, false, words, at, invitation.id))) return false;
      await repos.speakers.setStatus(speaker.id, answer, at);
      await repos.speakers.addStep({ id: this.ctx.newId(), speakerId: speaker.id, status: answer, at, onBehalf: false, note: words, accountId: null });
      return true;
    });
    return { recorded, view: await this.invitation(token) };
  }

  // ---- mail --------------------------------------------------------------------------------------------------

  private pageUrl(token: string): string {
    return `${this.mail.settings.publicUrl.replace(/\/+$/, '')}/s/${token}`;
  }

  /**
   * Writes a message into the outbox of an owner of the organization, in its name. Returns false when it was written
   * before (its dedupe key exists).
   */
  private async send(repos: Repositories, organization: OrganizationRecord, message: SpeakerMessage): Promise<boolean> {
    // Speaker e-mails are not confirmations of a person's own registration: all of them honour the organization's
    // unsubscribes (invite and introduce check first, to say so), and carry a link to unsubscribe.
    if (await this.organizerMail.isUnsubscribed(repos, organization.id, message.to)) return false;
    const owner = (await repos.organizer.members(organization.id)).find((m) => m.role === 'owner');
    if (!owner) return false;
    if (await repos.outbox.hasDedupeKey(message.dedupeKey)) return false;
    const unsubscribeUrl = await this.organizerMail.unsubscribeUrl(repos, organization.id, message.to);
    const headers = { ...message.headers, 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    return (await this.outbox.write(repos, { ...message, headers, accountId: owner.accountId })) !== null;
  }

  /**
   * Called by the scheduler every round: the nudges that are due, each written once (its dedupe key is the
   * invitation's). Returns how many were written.
   */
  async sendDue(): Promise<number> {
    const due = await this.ctx.store.repos.speakers.dueNudges(this.now(), NUDGES_PER_ROUND);
    let written = 0;
    for (const candidate of due) {
      const sent = await this.ctx.store.transaction(async (repos) => {
        const speaker = await repos.speakers.lock(candidate.speakerId);
        const invitation = await repos.speakers.invitation(candidate.id);
        const at = this.now();
        // Removed meanwhile, another server's round came first, or the speaker answered meanwhile.
        if (!speaker || !invitation || invitation.nudgedAt || invitation.answeredAt || invitation.revokedAt) return false;
        // From here the invitation is looked at once: nudged now, or never (no address any more, the event begun).
        await repos.speakers.markNudged(invitation.id, at);
        const event = speaker.hostedEventId ? await repos.organizer.event(speaker.organizationId, speaker.hostedEventId) : null;
        if (speaker.status !== 'invited' || !speaker.email || !nudgeStillUseful(event, this.ctx.clock.now())) return false;
        let token = await this.mailedToken(repos, invitation.id, invitation.tokenHash);
        if (!token) {
          // The invitation e-mail is no longer in the outbox (removed by hand): the nudge brings a new link, which
          // replaces the old one, and is not nudged again.
          token = newToken();
          await repos.speakers.revokeOpen(speaker.id, at);
          await repos.speakers.insertInvitation({ id: this.ctx.newId(), speakerId: speaker.id, organizationId: speaker.organizationId, tokenHash: hashToken(token), message: invitation.message, nudgeAt: null }, at);
        }
        const organization = (await repos.organizer.organization(speaker.organizationId))!;
        return this.send(repos, organization, invitationMail({ kind: 'nudge', organization, event, speaker: { ...speaker, email: speaker.email }, message: null, pageUrl: this.pageUrl(token), invitationId: invitation.id }));
      });
      if (sent) written += 1;
    }
    return written;
  }

  /**
   * The invitation's link, read back from the invitation e-mail the outbox keeps (the invitation table holds only the
   * token's hash, and the outbox a copy of every message): the nudge carries the very same link. Checked against the
   * hash, so that nothing but that link can be sent.
   */
  private async mailedToken(repos: Repositories, invitationId: string, tokenHash: string): Promise<string | null> {
    const text = await repos.speakers.mailedText(`speaker-invitation:${invitationId}`);
    for (const match of text?.matchAll(/\/s\/([A-Za-z0-9_-]{43})/g) ?? []) if (hashToken(match[1]!) === tokenHash) return match[1]!;
    return null;
  }
}
