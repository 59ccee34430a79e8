// Mail as the rest of Kith sees it: the digest, the outbox and the job queue, sharing one mailer and its settings.
import type { AppContext } from './context.js';
import { MailSetup, type Mailer, type MailSettings } from './mailer.js';
import { OutboxService } from './outbox.service.js';
import { DigestService, DIGEST_JOB, type SuggestionSource } from './digest.service.js';
import { JobQueueService, type JobHandler } from './job-queue.service.js';

export class MailService {
  readonly setup = new MailSetup();
  readonly outbox: OutboxService;
  readonly digest: DigestService;
  readonly jobs: JobQueueService;

  constructor(ctx: AppContext, suggestions: SuggestionSource) {
    this.outbox = new OutboxService(ctx, this.setup);
    this.digest = new DigestService(ctx, this.setup, suggestions, this.outbox);
    this.jobs = new JobQueueService(ctx);
  }

  /** Set once at start-up: the mailer (SMTP or keep-only) and where links point. */
  configure(mailer: Mailer, settings: Partial<MailSettings> = {}): void {
    this.setup.configure(mailer, settings);
  }

  /** What each kind of job does. */
  get jobHandlers(): Record<string, JobHandler> {
    return { [DIGEST_JOB]: (job) => this.digest.runJob(job.accountId) };
  }
}
