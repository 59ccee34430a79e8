// The outbox: every message Kith writes, with its sending state. A server claims a message before sending it by a
// conditional UPDATE that only one server can win, and marks it sent as soon as the SMTP server has accepted it.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Executor } from './executor.js';
import type { DialectName } from '../dialect.js';
import type { Database } from '../schema.js';
import { isUniqueViolation } from '../db-errors.js';

export type OutboxStatus = 'kept' | 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxSummary {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxMessage extends OutboxSummary {
  accountId: string;
  from: string;
  raw: string;
  text: string;
}

export interface NewOutboxMessage {
  id: string;
  accountId: string;
  kind: string;
  to: string;
  from: string;
  subject: string;
  raw: string;
  text: string;
  status: 'kept' | 'queued';
  dedupeKey: string;
  createdAt: string;
}

const SUMMARY_COLUMNS = ['id', 'kind', 'to_address', 'subject', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'sent_at'] as const;
type SummaryRow = { id: string; kind: string; to_address: string; subject: string; status: string; attempts: number; next_attempt_at: string | null; last_error: string | null; created_at: string; sent_at: string | null };

const toSummary = (r: SummaryRow): OutboxSummary => ({
  id: r.id,
  kind: r.kind,
  to: r.to_address,
  subject: r.subject,
  status: r.status as OutboxStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** Queued and due, or left `sending` by a server whose lease ran out. */
const isSendable = (now: string) => (eb: ExpressionBuilder<Database, 'outbox'>): Expression<SqlBool> =>
  eb.or([eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)])]);

type OutboxRow = SummaryRow & { account_id: string; from_address: string; raw: string; text_body: string };
const toMessage = (row: OutboxRow): OutboxMessage => ({ ...toSummary(row), accountId: row.account_id, from: row.from_address, raw: row.raw, text: row.text_body });

export class OutboxRepository {
  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName,
  ) {}

  /** Takes up to `limit` sendable messages for one attempt each, in one statement; none another server holds. */
  async claimDue(now: string, leaseUntil: string, limit: number): Promise<OutboxMessage[]> {
    const candidates = this.db
      .selectFrom('outbox')
      .select('id')
      .where(isSendable(now))
      .orderBy('next_attempt_at')
      .limit(limit)
      .$if(this.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
    const rows = await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', candidates)
      .where(isSendable(now))
      .returningAll()
      .execute();
    return rows.map(toMessage).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Gives claimed messages back untried (the server turned out to be unreachable): queued again, attempt not counted. */
  async release(ids: string[], nextAttemptAt: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'queued', lease_until: null, next_attempt_at: nextAttemptAt, attempts: eb('attempts', '-', 1) }))
      .where('id', 'in', ids)
      .where('status', '=', 'sending')
      .execute();
  }

  /** False when a message with the same dedupe key exists already (on either database, whoever wrote it). */
  async insert(message: NewOutboxMessage): Promise<boolean> {
    const values = {
      id: message.id,
      account_id: message.accountId,
      kind: message.kind,
      to_address: message.to,
      from_address: message.from,
      subject: message.subject,
      raw: message.raw,
      text_body: message.text,
      status: message.status,
      attempts: 0,
      next_attempt_at: message.status === 'queued' ? message.createdAt : null,
      dedupe_key: message.dedupeKey,
      created_at: message.createdAt,
    };
    try {
      const result = await this.db.insertInto('outbox').values(values).onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async hasDedupeKey(dedupeKey: string): Promise<boolean> {
    return !!(await this.db.selectFrom('outbox').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst());
  }

  async list(accountId: string, limit: number, offset: number): Promise<OutboxSummary[]> {
    const rows = await this.db.selectFrom('outbox').select(SUMMARY_COLUMNS).where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    return rows.map(toSummary);
  }

  async count(accountId: string): Promise<number> {
    const row = await this.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async get(accountId: string, id: string): Promise<OutboxMessage | null> {
    const row = await this.db.selectFrom('outbox').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async markSent(id: string, sentAt: string): Promise<void> {
    await this.db.updateTable('outbox').set({ status: 'sent', sent_at: sentAt, lease_until: null, next_attempt_at: null, last_error: null }).where('id', '=', id).where('status', '=', 'sending').execute();
  }

  /** Back to the queue with the reason, for another attempt at `nextAttemptAt`; or `failed` when attempts are spent. */
  async markAttemptFailed(id: string, error: string, nextAttemptAt: string | null): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: nextAttemptAt ? 'queued' : 'failed', next_attempt_at: nextAttemptAt, lease_until: null, last_error: error })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute();
  }
}
