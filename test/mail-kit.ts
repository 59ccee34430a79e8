// The mail tests' set-up: an app kit whose mailer writes .eml files to a temporary folder and, when given an SMTP
// URL, sends to it; a scheduler driven by hand with the kit's pinned clock; and an account with someone to contact.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DialectName } from '../src/db/dialect.js';
import { createMailer } from '../src/mail/create-mailer.js';
import { createScheduler, type Scheduler } from '../src/jobs/scheduler.js';
import { createAppKit, signUpWithToken, type AppKit } from './helpers.js';

export const PUBLIC_URL = 'https://kith.example.org';

export interface MailKit extends AppKit {
  scheduler: Scheduler;
  outboxDir: string;
}

export async function createMailKit(dialect: DialectName, now: string, options: { smtpUrl?: string } = {}): Promise<MailKit> {
  const kit = await createAppKit(dialect, now);
  const outboxDir = path.join(mkdtempSync(path.join(tmpdir(), 'kith-outbox-')), 'outbox');
  const mailer = createMailer({ smtpUrl: options.smtpUrl, outboxDir, messageIdDomain: 'kith.example.org', timeoutSeconds: 5 });
  kit.services.mail.configure(mailer, { publicUrl: PUBLIC_URL, from: 'Kith <digest@kith.example.org>' });
  const scheduler = createScheduler(kit.services, { tickMs: 3_600_000, owner: 'test-server' });
  return {
    ...kit,
    scheduler,
    outboxDir,
    close: async () => {
      await scheduler.stop();
      await mailer.close();
      await kit.close();
    },
  };
}

/** Signs up and adds someone met at an event today (due for a first follow-up in two days), with a commonality. */
export async function accountWithSomeoneToContact(kit: AppKit, email: string, name = 'Jane Doe', timeZone = 'Europe/London') {
  const account = await signUpWithToken(kit, email, timeZone);
  const inject = (method: 'POST' | 'PATCH', url: string, payload: object) => kit.app.inject({ method, url: `/api/v1${url}`, headers: account.headers, payload });
  const event = (await inject('POST', '/events', { name: 'Chamber <mixer>', startsAt: kit.clock.now().toISOString() })).json().event;
  const captured = await inject('POST', '/capture', { text: `${name}, ${name.split(' ')[0]!.toLowerCase()}@example.com, loves opera`, eventId: event.id });
  if (captured.statusCode !== 201) throw new Error(`capture failed: ${captured.body}`);
  return { ...account, personId: captured.json().person.id as string, inject };
}
