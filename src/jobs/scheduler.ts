// The scheduler of `kith serve`: every tick (30 s by default) it runs the jobs that are due (claimed in the
// database, so that several servers share the work and none is done twice) and then sends what the outbox holds.
// Tests and benchmarks call tick() directly, with a pinned clock.
import { randomUUID } from 'node:crypto';
import type { Services } from '../app/services.js';
import type { JobRunReport } from '../app/job-queue.service.js';
import type { SendReport } from '../app/outbox.service.js';

export interface TickReport {
  jobs: JobRunReport;
  mail: SendReport;
}

export interface SchedulerLog {
  warn(details: object, message: string): void;
}

export interface Scheduler {
  /** This server's name on the leases it takes. */
  readonly owner: string;
  /** One round: due jobs, then the outbox. Calls that overlap wait for the round under way. */
  tick(): Promise<TickReport>;
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler(services: Services, options: { tickMs: number; owner?: string; log?: SchedulerLog }): Scheduler {
  const owner = options.owner ?? `kith-${process.pid}-${randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<TickReport> | null = null;

  const round = async (): Promise<TickReport> => {
    const jobs = await services.mail.jobs.runDue(owner, services.mail.jobHandlers);
    // The organizer's timed e-mails (reminders the day before, speaker nudges): each written once, by its dedupe key,
    // whichever server's round finds it due first.
    await services.organizerMail.sendDue();
    await services.speakers.sendDue();
    const mail = await services.mail.outbox.sendDue();
    return { jobs, mail };
  };

  const tick = (): Promise<TickReport> => {
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  };

  const loop = () => {
    tick()
      .catch((error: unknown) => options.log?.warn({ err: error }, 'the scheduler could not finish a round; it tries again at the next tick'))
      .finally(() => {
        if (timer) timer = setTimeout(loop, options.tickMs);
      });
  };

  return {
    owner,
    tick,
    start() {
      if (timer) return;
      // The first round soon after start-up: digests missed while no server ran go out now, not a tick later.
      timer = setTimeout(loop, Math.min(options.tickMs, 1000));
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
