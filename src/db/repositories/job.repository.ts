// Background jobs stored in the database. One row per (kind, account): the recurring digest job is moved forward
// after each run rather than inserted again. A server claims due jobs with one conditional UPDATE … RETURNING: on
// PostgreSQL the candidates are picked FOR UPDATE SKIP LOCKED (two servers take different jobs) and the row lock
// makes a second UPDATE re-check the lease and match nothing; on SQLite one writer at a time does the same.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Executor } from './executor.js';
import type { DialectName } from '../dialect.js';
import type { Database } from '../schema.js';

export interface JobRecord {
  id: string;
  kind: string;
  accountId: string;
  runAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  attempts: number;
  lastError: string | null;
}

type JobRow = { id: string; kind: string; account_id: string; run_at: string; lease_owner: string | null; lease_until: string | null; attempts: number; last_error: string | null };
const toJob = (r: JobRow): JobRecord => ({ id: r.id, kind: r.kind, accountId: r.account_id, runAt: r.run_at, leaseOwner: r.lease_owner, leaseUntil: r.lease_until, attempts: Number(r.attempts), lastError: r.last_error });

/** Due, and not held by a live lease. */
const isDue = (now: string) => (eb: ExpressionBuilder<Database, 'jobs'>): Expression<SqlBool> =>
  eb.and([eb('run_at', '<=', now), eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)])]);

export class JobRepository {
  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName,
  ) {}

  /** Takes up to `limit` due jobs for `owner` until `leaseUntil`, in one statement; none that another server holds. */
  async claimDue(owner: string, now: string, leaseUntil: string, limit: number): Promise<JobRecord[]> {
    const candidates = this.db
      .selectFrom('jobs')
      .select('id')
      .where(isDue(now))
      .orderBy('run_at')
      .limit(limit)
      .$if(this.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({ lease_owner: owner, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', candidates)
      .where(isDue(now))
      .returningAll()
      .execute();
    return rows.map(toJob).sort((a, b) => a.runAt.localeCompare(b.runAt));
  }

  /** Creates the account's job of this kind, or moves it to `runAt` (and frees it) if it exists. */
  async schedule(id: string, kind: string, accountId: string, runAt: string): Promise<void> {
    await this.db
      .insertInto('jobs')
      .values({ id, kind, account_id: accountId, run_at: runAt, attempts: 0 })
      .onConflict((oc) => oc.columns(['kind', 'account_id']).doUpdateSet({ run_at: runAt, lease_owner: null, lease_until: null, attempts: 0, last_error: null }))
      .execute();
  }

  async cancel(kind: string, accountId: string): Promise<void> {
    await this.db.deleteFrom('jobs').where('kind', '=', kind).where('account_id', '=', accountId).execute();
  }

  async get(kind: string, accountId: string): Promise<JobRecord | null> {
    const row = await this.db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('account_id', '=', accountId).executeTakeFirst();
    return row ? toJob(row) : null;
  }

  /** Done: the job runs again at `nextRunAt`. Only the lease holder may move it. */
  async reschedule(id: string, owner: string, nextRunAt: string): Promise<void> {
    await this.db.updateTable('jobs').set({ run_at: nextRunAt, lease_owner: null, lease_until: null, attempts: 0, last_error: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
  }

  async finish(id: string, owner: string): Promise<void> {
    await this.db.deleteFrom('jobs').where('id', '=', id).where('lease_owner', '=', owner).execute();
  }

  /** The run failed: it is tried again at `retryAt` with the reason kept. */
  async fail(id: string, owner: string, error: string, retryAt: string): Promise<void> {
    await this.db.updateTable('jobs').set({ run_at: retryAt, lease_owner: null, lease_until: null, last_error: error }).where('id', '=', id).where('lease_owner', '=', owner).execute();
  }
}
