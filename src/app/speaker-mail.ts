// The speaker pipeline's e-mails, in the organization's name: the invitation to speak and its one reminder (both
// with the link to the page where the speaker presses Accept or Decline: the link alone decides nothing), and the
// introduction of a confirmed speaker to the event's confirmed registrants.
import { escapeHtml } from '../core/digest-content.js';
import { whenAndWhere } from './registration-mail.js';
import type { HostedEventRecord, OrganizationRecord, RegistrationRecord } from '../db/repositories/organizer.repository.js';
import type { SpeakerRow } from '../db/repositories/speaker.repository.js';
import type { NewMessage } from './outbox.service.js';

export type SpeakerMailKind = 'invitation' | 'nudge';

/** A message without its outbox: the service writes it into the outbox of an owner of the organization. */
export type SpeakerMessage = Omit<NewMessage, 'accountId'>;

const firstName = (fullName: string) => fullName.split(/\s+/)[0] ?? fullName;

function compose(input: { organization: OrganizationRecord; to: string; greeting: string; subject: string; lines: string[]; action: { label: string; url: string } | null; kind: string; dedupeKey: string }): SpeakerMessage {
  const { organization, action } = input;
  const text = [`Hello ${input.greeting},`, '', ...input.lines, '', ...(action ? [`${action.label}: ${action.url}`, ''] : []), `— ${organization.name}`].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#111827">',
    `<p>Hello ${escapeHtml(input.greeting)},</p>`,
    ...input.lines.map((l) => `<p>${escapeHtml(l).replace(/\r?\n/g, '<br>')}</p>`),
    action ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#3d6b57;color:#fff;text-decoration:none">${escapeHtml(action.label)}</a></p>` : '',
    `<p>— ${escapeHtml(organization.name)}</p></body></html>`,
  ].join('');
  return { kind: input.kind, to: input.to, subject: input.subject, text, html, headers: {}, dedupeKey: input.dedupeKey, fromName: organization.name };
}

/** The invitation to speak, or its reminder: the same link, to the page with Accept and Decline. */
export function invitationMail(input: {
  kind: SpeakerMailKind;
  organization: OrganizationRecord;
  event: HostedEventRecord | null;
  speaker: SpeakerRow & { email: string };
  message: string | null;
  pageUrl: string;
  invitationId: string;
}): SpeakerMessage {
  const { organization, event, speaker } = input;
  const at = event ? ` at ${event.title} (${whenAndWhere(event)})` : '';
  const topic = speaker.topic ? ` We would love to hear you on: ${speaker.topic}.` : '';
  const lines =
    input.kind === 'invitation'
      ? [`${organization.name} would like to invite you to speak${at}.${topic}`]
      : [`A gentle reminder: ${organization.name} invited you to speak${at}, and we would love to know whether you can.${topic}`];
  if (input.message) lines.push(input.message);
  lines.push('Please answer on the page behind the button: Accept or Decline, with a note if you like. The link is yours alone, and answers once.');
  return compose({
    organization,
    to: speaker.email,
    greeting: firstName(speaker.fullName),
    subject: input.kind === 'invitation' ? `Invitation to speak${event ? `: ${event.title}` : ` at ${organization.name}`}` : `Reminder: invitation to speak${event ? `: ${event.title}` : ` at ${organization.name}`}`,
    lines,
    action: { label: 'Answer the invitation', url: input.pageUrl },
    kind: `speaker-${input.kind}`,
    dedupeKey: `speaker-${input.kind}:${input.invitationId}`,
  });
}

/** A confirmed speaker introduced to one confirmed registrant; never the speaker's e-mail address. */
export function introductionMail(input: { organization: OrganizationRecord; event: HostedEventRecord; speaker: SpeakerRow; registration: RegistrationRecord; message: string | null }): SpeakerMessage {
  const { organization, event, speaker, registration } = input;
  const who = [speaker.fullName, [speaker.title, speaker.company].filter(Boolean).join(', ')].filter(Boolean).join(', ');
  const lines = [`At ${event.title} (${whenAndWhere(event)}), our speaker is ${who}${speaker.topic ? `, on: ${speaker.topic}` : ''}.`];
  if (input.message) lines.push(input.message);
  lines.push('See you there.');
  return compose({
    organization,
    to: registration.email,
    greeting: firstName(registration.fullName),
    subject: `Meet our speaker: ${speaker.fullName} at ${event.title}`,
    lines,
    action: null,
    kind: 'speaker-introduction',
    dedupeKey: `speaker-introduction:${speaker.id}:${registration.id}`,
  });
}
