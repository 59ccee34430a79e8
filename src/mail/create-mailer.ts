// The mailer of a running Kith: composes with nodemailer, keeps an .eml copy of every message under
// `<dataDir>/outbox/`, and sends through SMTP when KITH_SMTP_URL is set (nodemailer's SMTP transport).
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { MailSendError, type Mailer } from '../app/mailer.js';
import { composeMessage } from './compose-message.js';

export interface MailerOptions {
  /** smtp:// or smtps:// URL; none to keep every message in the outbox. */
  smtpUrl?: string | undefined;
  /** Folder of the .eml copies; null for none (an in-memory database). */
  outboxDir: string | null;
  /** The right-hand side of Message-IDs: the public host name. */
  messageIdDomain: string;
  /** Seconds to wait for the SMTP server to answer before the attempt fails (and is retried later). */
  timeoutSeconds?: number;
}

export function createMailer(options: MailerOptions): Mailer {
  const timeout = (options.timeoutSeconds ?? 30) * 1000;
  let transport: Transporter | null = null;
  const transportOf = (): Transporter => {
    // A pool keeps a connection open between messages: a thousand digests do not make a thousand TLS handshakes.
    transport ??= nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: 2, maxMessages: 500, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout } as Parameters<typeof nodemailer.createTransport>[0]);
    return transport;
  };
  const outboxDir = options.outboxDir;
  return {
    sends: !!options.smtpUrl,
    compose: (message) => composeMessage(message, options.messageIdDomain),
    async send(envelope, raw) {
      // The envelope takes bare addresses: "Kith <kith@example.org>" → kith@example.org.
      const bare = (value: string) => addressparser(value, { flatten: true })[0]?.address || value;
      try {
        await transportOf().sendMail({ envelope: { from: bare(envelope.from), to: [bare(envelope.to)] }, raw });
      } catch (error) {
        // nodemailer sets responseCode when the server answered; without one, it was never reached or hung up.
        const answered = typeof (error as { responseCode?: unknown }).responseCode === 'number';
        throw new MailSendError(error instanceof Error ? error.message : String(error), answered);
      }
    },
    async keepCopy(id, raw) {
      if (!outboxDir) return { commit: async () => {}, discard: async () => {} };
      // Written aside first and renamed once the database has the message: a rolled-back message leaves no file.
      await mkdir(outboxDir, { recursive: true });
      const final = path.join(outboxDir, `${id}.eml`);
      const pending = path.join(outboxDir, `.${id}.eml.pending`);
      await writeFile(pending, raw, 'utf8');
      return { commit: () => rename(pending, final), discard: () => rm(pending, { force: true }) };
    },
    async close() {
      transport?.close();
      transport = null;
    },
  };
}
