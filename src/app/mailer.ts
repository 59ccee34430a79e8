// The port through which the app layer writes and sends e-mail; src/mail implements it (nodemailer). The app decides
// what to say and when; the mailer knows RFC 5322, SMTP and the outbox's .eml files.

export interface OutgoingMessage {
  /** The outbox id; the Message-ID is made from it, so it is stable however often the message is sent. */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  date: Date;
  headers: Record<string, string>;
  /** Files with the message; one with `cid` is shown inside the HTML (`<img src="cid:…">`). */
  attachments?: MailAttachment[] | undefined;
  /** A calendar invitation (text/calendar), which mail programs offer to add to the calendar. */
  calendar?: { method: 'REQUEST' | 'PUBLISH' | 'CANCEL'; content: string } | undefined;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  cid?: string | undefined;
}

/** Why a send failed: the SMTP server's answer (it refused this message), or no answer at all (down, unreachable). */
export class MailSendError extends Error {
  constructor(
    message: string,
    /** True when the server answered (4xx, 5xx): other messages may still go; false when it could not be reached. */
    readonly serverAnswered: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export interface Mailer {
  /** True when an SMTP server is configured (KITH_SMTP_URL): queued messages are sent; otherwise they are kept. */
  readonly sends: boolean;
  /** The full RFC 5322 text of the message (MIME, UTF-8, HTML with a plain-text alternative). */
  compose(message: OutgoingMessage): Promise<string>;
  /** Hands the message to the SMTP server; resolves once the server has accepted it, rejects with a MailSendError. */
  send(envelope: { from: string; to: string }, raw: string): Promise<void>;
  /** Writes the message as `<id>.eml` in the outbox folder (when there is one); returns a commit and a discard. */
  keepCopy(id: string, raw: string): Promise<{ commit(): Promise<void>; discard(): Promise<void> }>;
  close(): Promise<void>;
}

export interface MailSettings {
  /** Where the web app is reached from outside: links in e-mails point there. */
  publicUrl: string;
  /** The From of Kith's messages. */
  from: string;
  /** An address that unsubscribes by mail, for List-Unsubscribe's mailto: form; none by default. */
  unsubscribeMailto: string | null;
}

export const DEFAULT_MAIL_SETTINGS: MailSettings = { publicUrl: 'http://localhost:4321', from: 'Kith <kith@localhost>', unsubscribeMailto: null };

/** The mailer and its settings, set by whoever starts Kith (`kith serve`, a test); shared by the mail services. */
export class MailSetup {
  mailer: Mailer | null = null;
  settings: MailSettings = DEFAULT_MAIL_SETTINGS;

  configure(mailer: Mailer, settings: Partial<MailSettings> = {}): void {
    this.mailer = mailer;
    this.settings = { ...DEFAULT_MAIL_SETTINGS, ...settings };
  }

  requireMailer(): Mailer {
    if (!this.mailer) throw new Error('no mailer configured: call services.mail.configure() at start-up');
    return this.mailer;
  }
}
