// The outbox: every message Kith writes lands here first (database and .eml file), then an SMTP sender sends the
// queued ones. Without an SMTP server the messages are kept, never sent by surprise. A refused or failed attempt
// leaves the message queued with the reason, and it is tried again later: 1, 2, 4 … minutes, at most an hour apart.
import type { AppContext } from './context.js';
import { MailSendError, type Mailer, type MailSetup, type OutgoingMessage } from './mailer.js';
import type { Repositories } from '../db/store.js';
import type { OutboxMessage, OutboxSummary } from '../db/repositories/outbox.repository.js';
import { NotFoundError } from '../core/errors.js';

export interface NewMessage {
  accountId: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** What makes a second copy impossible (`digest:<accountId>:<slot date>`). */
  dedupeKey: string;
  /** The sender's name instead of Kith's (an organization's name), with Kith's own address. */
  fromName?: string | undefined;
  attachments?: OutgoingMessage['attachments'];
  calendar?: OutgoingMessage['calendar'];
}

/** `"Name" <address>` with the address of `from` (which may be `Name <address>` or a bare address). */
export function fromWithName(from: string, name: string): string {
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return `"${name.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}" <${address}>`;
}

/** How long a sender may take over one message before another may try it. */
const SEND_LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 60 * 60_000;
/** About a day of attempts (1, 2, 4 … 32 minutes, then hourly); after that the message is `failed`, still kept. */
export const MAX_SEND_ATTEMPTS = 30;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 500) || 'the SMTP server gave no reason';
}

export interface SendReport {
  sent: number;
  failed: number;
}

export class OutboxService {
  constructor(
    private readonly ctx: AppContext,
    private readonly setup: MailSetup,
  ) {}

  /**
   * Writes the message to the outbox within the caller's transaction (and as an .eml file, kept only if the
   * transaction commits). Returns the id, or null when a message with the same dedupe key exists already.
   */
  async write(repos: Repositories, message: NewMessage): Promise<string | null> {
    const mailer = this.setup.requireMailer();
    if (await repos.outbox.hasDedupeKey(message.dedupeKey)) return null;
    const id = this.ctx.newId();
    const now = this.ctx.clock.now();
    const from = message.fromName ? fromWithName(this.setup.settings.from, message.fromName) : this.setup.settings.from;
    const raw = await mailer.compose({
      id,
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      date: now,
      headers: message.headers,
      attachments: message.attachments,
      calendar: message.calendar,
    });
    const copy = await mailer.keepCopy(id, raw);
    try {
      const inserted = await repos.outbox.insert({
        id,
        accountId: message.accountId,
        kind: message.kind,
        to: message.to,
        from,
        subject: message.subject,
        raw,
        text: message.text,
        status: mailer.sends ? 'queued' : 'kept',
        dedupeKey: message.dedupeKey,
        createdAt: now.toISOString(),
      });
      if (!inserted) {
        await copy.discard();
        return null;
      }
    } catch (error) {
      await copy.discard();
      throw error;
    }
    await copy.commit();
    return id;
  }

  list(accountId: string, limit: number, offset: number): Promise<{ items: OutboxSummary[]; total: number; sending: boolean }> {
    const repos = this.ctx.store.repos;
    return Promise.all([repos.outbox.list(accountId, limit, offset), repos.outbox.count(accountId)]).then(([items, total]) => ({ items, total, sending: this.setup.mailer?.sends ?? false }));
  }

  async get(accountId: string, id: string): Promise<OutboxMessage> {
    const message = await this.ctx.store.repos.outbox.get(accountId, id);
    if (!message) throw new NotFoundError('KITH_OUTBOX_MESSAGE_NOT_FOUND', `no message with id ${id} in your outbox`, { id });
    return message;
  }

  /**
   * Sends what is due, one message at a time: claim (only one server wins), hand to SMTP, mark sent at once. A message
   * whose sender died mid-send is retried when its lease runs out.
   */
  async sendDue(batchSize = 25): Promise<SendReport> {
    const mailer = this.setup.mailer;
    const report: SendReport = { sent: 0, failed: 0 };
    if (!mailer?.sends) return report;
    const repos = this.ctx.store.repos;
    const now = this.ctx.clock.now();
    // Batch after batch until nothing is left that another server does not hold. A server that cannot be reached ends
    // the round: the rest of the batch goes back untried, to wait for the next round rather than time out in turn.
    for (;;) {
      const batch = await repos.outbox.claimDue(now.toISOString(), new Date(now.getTime() + SEND_LEASE_MS).toISOString(), batchSize);
      if (batch.length === 0) return report;
      for (const [i, message] of batch.entries()) {
        const outcome = await this.attempt(mailer, message);
        if (outcome === 'sent') {
          report.sent += 1;
          continue;
        }
        report.failed += 1;
        if (outcome === 'unreachable') {
          await repos.outbox.release(batch.slice(i + 1).map((m) => m.id), now.toISOString());
          return report;
        }
      }
    }
  }

  /** One attempt: sent (and marked so at once), or back in the queue with the reason for a later attempt. */
  private async attempt(mailer: Mailer, message: OutboxMessage): Promise<'sent' | 'refused' | 'unreachable'> {
    const repos = this.ctx.store.repos;
    try {
      await mailer.send({ from: message.from, to: message.to }, message.raw);
    } catch (error) {
      const retryAt = message.attempts >= MAX_SEND_ATTEMPTS ? null : new Date(this.ctx.clock.now().getTime() + retryDelayMs(message.attempts)).toISOString();
      await repos.outbox.markAttemptFailed(message.id, reasonOf(error), retryAt);
      return error instanceof MailSendError && error.serverAnswered ? 'refused' : 'unreachable';
    }
    await repos.outbox.markSent(message.id, this.ctx.clock.now().toISOString());
    return 'sent';
  }
}
