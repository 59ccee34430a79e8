// What `kith serve` runs beside the API: the mailer (SMTP or keep-only) and the scheduler, stopped with the server.
import path from 'node:path';
import type { Services } from '../app/services.js';
import type { KithConfig } from '../config.js';
import { createMailer } from '../mail/create-mailer.js';
import { readMailConfig, readPublicUrl } from '../mail/mail-config.js';
import { createScheduler, type SchedulerLog } from './scheduler.js';

export interface BackgroundJobs {
  stop(): Promise<void>;
}

/** `listeningOn`: the address the server listens on, whose port makes the default public URL (KITH_PORT may be 0). */
export function startBackgroundJobs(services: Services, config: KithConfig, log: SchedulerLog, listeningOn: string): BackgroundJobs {
  const publicUrl = config.publicUrl ?? readPublicUrl({}, Number(new URL(listeningOn).port) || config.port);
  const mail = config.mail ?? readMailConfig({}, publicUrl);
  const mailer = createMailer({
    smtpUrl: mail.smtpUrl,
    outboxDir: config.dataDir === ':memory:' ? null : path.join(config.dataDir, 'outbox'),
    messageIdDomain: new URL(publicUrl).hostname,
  });
  services.mail.configure(mailer, { publicUrl, from: mail.from, unsubscribeMailto: mail.unsubscribeMailto });
  const scheduler = mail.jobs ? createScheduler(services, { tickMs: mail.tickSeconds * 1000, log }) : null;
  scheduler?.start();
  return {
    async stop() {
      await scheduler?.stop();
      await mailer.close();
    },
  };
}
