// A message as RFC 5322 text, built by nodemailer's MailComposer: multipart/alternative (plain text first, then
// HTML), UTF-8, and a Message-ID made from the outbox id, so a message sent again is recognisably the same one.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from '../app/mailer.js';

export async function composeMessage(message: OutgoingMessage, messageIdDomain: string): Promise<string> {
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    date: message.date,
    messageId: `<${message.id}@${messageIdDomain}>`,
    text: message.text,
    html: message.html,
    headers: message.headers,
    ...(message.attachments?.length ? { attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, ...(a.cid ? { cid: a.cid } : {}) })) } : {}),
    ...(message.calendar ? { icalEvent: { method: message.calendar.method, filename: 'invite.ics', content: message.calendar.content } } : {}),
    textEncoding: 'Q',
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const built = await composer.compile().build();
  return built.toString('utf8');
}
