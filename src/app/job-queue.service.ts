// Background jobs kept in the database: due jobs are claimed with a lease (one server wins each), run, and moved to
// their next time. A server that dies mid-job leaves a lease that runs out; another server then takes the job.
import type { AppContext } from './context.js';
import type { JobRecord } from '../db/repositories/job.repository.js';

/** How long a server may hold a job before another may take it. */
const JOB_LEASE_MS = 5 * 60_000;
const JOB_RETRY_MS = 5 * 60_000;

export type JobHandler = (job: JobRecord) => Promise<{ nextRunAt: string | null }>;

export interface JobRunReport {
  ran: number;
  failed: number;
}

export class JobQueueService {
  constructor(private readonly ctx: AppContext) {}

  /** Claims every due job it can for `owner`, batch by batch, and runs each with its kind's handler. */
  async runDue(owner: string, handlers: Record<string, JobHandler>, batchSize = 25): Promise<JobRunReport> {
    const report: JobRunReport = { ran: 0, failed: 0 };
    const now = this.ctx.clock.now();
    // Batch after batch until nothing is left that another server does not hold.
    for (;;) {
      const jobs = await this.ctx.store.repos.jobs.claimDue(owner, now.toISOString(), new Date(now.getTime() + JOB_LEASE_MS).toISOString(), batchSize);
      if (jobs.length === 0) return report;
      for (const job of jobs) {
        if (await this.run(job, owner, handlers)) report.ran += 1;
        else report.failed += 1;
      }
    }
  }

  private async run(job: JobRecord, owner: string, handlers: Record<string, JobHandler>): Promise<boolean> {
    const repos = this.ctx.store.repos;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
      const { nextRunAt } = await handler(job);
      if (nextRunAt) await repos.jobs.reschedule(job.id, owner, nextRunAt);
      else await repos.jobs.finish(job.id, owner);
      return true;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await repos.jobs.fail(job.id, owner, reason, new Date(this.ctx.clock.now().getTime() + JOB_RETRY_MS).toISOString());
      return false;
    }
  }
}
