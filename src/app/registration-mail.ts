// The e-mails a registrant gets, in the organization's name: the seat (with a calendar invitation and the QR code
// for the door), the waitlist, a seat offered from the waitlist, waiting for approval, confirming the address,
// declined, cancelled. Each links to the registrant's own page, where they cancel or claim; a link alone never
// changes anything (mail scanners open links), the page's button does.
import QRCode from 'qrcode';
import { ICalCalendar, ICalCalendarMethod, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { escapeHtml } from '../core/digest-content.js';
import { defaultNoShow, defaultThankYou } from '../core/wrap-up-words.js';
import type { HostedEventRecord, OrganizationRecord, RegistrationRecord } from '../db/repositories/organizer.repository.js';
import type { NewMessage } from './outbox.service.js';

export type RegistrationMailKind = 'seat' | 'waitlisted' | 'offered' | 'pending' | 'confirm-email' | 'declined' | 'cancelled' | 'reminder' | 'thank-you' | 'no-show';

/** What is not about a person's own registration: these honour the organization's unsubscribes. */
export const OPTIONAL_KINDS: ReadonlySet<RegistrationMailKind> = new Set(['reminder', 'thank-you', 'no-show']);

export interface RegistrationMailInput {
  kind: RegistrationMailKind;
  organization: OrganizationRecord;
  event: HostedEventRecord;
  registration: RegistrationRecord;
  /** The registrant's own page: `<publicUrl>/r/<token>`. */
  pageUrl: string;
  /** The outbox's owner: an owner of the organization. */
  accountId: string;
  /** For the waitlist: where they stand. */
  position?: number | undefined;
  /** Makes a second copy of the same message impossible; the registration's updated_at by default. */
  dedupeSuffix: string;
  /** The organizer's own words (a thank-you, a note to those who could not come), instead of the default. */
  note?: string | null | undefined;
  /** The page that unsubscribes the address from the organization's optional mail (List-Unsubscribe and a footer). */
  unsubscribeUrl?: string | null | undefined;
}

const QR_KEPT = 1000;
const qrs = new Map<string, Promise<Buffer>>();

/**
 * The door QR code of a registration as a PNG. Drawing one takes ~7 ms: a registration draws its code before it
 * takes the event's lock (RegistrationService.rsvp), and the e-mail written inside the lock finds it here.
 */
export function doorQrPng(doorCode: string): Promise<Buffer> {
  let png = qrs.get(doorCode);
  if (!png) {
    png = QRCode.toBuffer(doorCode, { margin: 2, width: 240 });
    if (qrs.size >= QR_KEPT) qrs.delete(qrs.keys().next().value as string);
    qrs.set(doorCode, png);
    png.catch(() => qrs.delete(doorCode));
  }
  return png;
}

/** When and where, in the event's own time zone, as a person reads it. */
export function whenAndWhere(event: HostedEventRecord): string {
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: event.timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(event.startsAt));
  const where = event.place ?? event.link ?? null;
  return where ? `${when}, ${where}` : when;
}

/**
 * An event as a calendar entry. One UID per event, so that the invitation e-mailed with a seat, the registrant's own
 * download and the series' calendar are the same entry in a calendar, updated rather than doubled.
 */
export function calendarEntryOf(event: HostedEventRecord, note: string, url: string | null): ICalEventData {
  return {
    id: `${event.id}@kith`,
    start: new Date(event.startsAt),
    end: new Date(event.endsAt),
    summary: event.title,
    description: `${event.description}\n\n${note}`.trim(),
    ...(event.place ? { location: event.place } : {}),
    ...(url ? { url } : {}),
    lastModified: new Date(event.updatedAt),
    ...(event.cancelledAt ? { status: ICalEventStatus.CANCELLED } : {}),
  };
}

export const calendarOf = (name: string, method: ICalCalendarMethod) => new ICalCalendar({ name, method, prodId: { company: 'Kith', product: 'Kith', language: 'EN' } });

function invitation(event: HostedEventRecord, registration: RegistrationRecord, organizerName: string, pageUrl: string): string {
  const calendar = calendarOf(event.title, ICalCalendarMethod.REQUEST);
  calendar.createEvent({
    ...calendarEntryOf(event, `Your registration: ${pageUrl}`, event.link),
    organizer: { name: organizerName, email: 'no-reply@kith.invalid' },
    attendees: [{ name: registration.fullName, email: registration.email, rsvp: false, status: 'ACCEPTED' as never }],
  });
  return calendar.toString();
}

export async function registrationMail(input: RegistrationMailInput): Promise<NewMessage> {
  const { kind, organization, event, registration: r, pageUrl } = input;
  const first = r.fullName.split(/\s+/)[0] ?? r.fullName;
  const when = whenAndWhere(event);
  const lines: string[] = [];
  let subject: string;
  let action: string | null = null;
  switch (kind) {
    case 'seat':
      subject = `You're in: ${event.title}`;
      lines.push(`Your seat at ${event.title} is confirmed: ${when}.`, 'Show the QR code (attached, and on your page) at the door, or just say your name.', 'Cannot come after all? Cancel on your page, and your seat goes to the next person waiting.');
      action = 'Your registration';
      break;
    case 'waitlisted':
      subject = `On the waitlist: ${event.title}`;
      lines.push(`${event.title} (${when}) is full, so you are on the waitlist${input.position ? `, number ${input.position}` : ''}.`, 'When a seat frees up, the first in line are offered it by e-mail, with a little time to claim it.');
      action = 'Your place on the waitlist';
      break;
    case 'offered':
      subject = `A seat is free for you: ${event.title}`;
      lines.push(`A seat at ${event.title} (${when}) has freed up, and it is yours if you claim it before ${new Date(r.offeredUntil ?? event.startsAt).toUTCString()}.`, 'After that it goes to the next person waiting.');
      action = 'Claim your seat';
      break;
    case 'pending':
      subject = `Registration received: ${event.title}`;
      lines.push(`Thank you for registering for ${event.title} (${when}). The organizers approve each registration; you will hear from them by e-mail.`);
      action = 'Your registration';
      break;
    case 'confirm-email':
      subject = `Confirm your e-mail for ${event.title}`;
      lines.push(`Someone (we hope you) registered this address for ${event.title} (${when}).`, 'Press Confirm on the page to hold your place; if it was not you, do nothing and nothing happens.');
      action = 'Confirm your registration';
      break;
    case 'declined':
      subject = `About your registration: ${event.title}`;
      lines.push(`The organizers of ${event.title} could not accept your registration this time. Thank you for your interest.`);
      break;
    case 'cancelled':
      subject = `Cancelled: ${event.title}`;
      lines.push(`Your registration for ${event.title} (${when}) is cancelled. Changed your mind? Register again on the event's page while seats are left.`);
      break;
    case 'reminder':
      subject = `Tomorrow: ${event.title}`;
      lines.push(`A reminder: ${event.title} is ${when}.`, 'Your QR code for the door is on your page. Cannot come after all? Cancel there, and your seat goes to someone on the waitlist.');
      action = 'Your registration';
      break;
    case 'thank-you':
      subject = `Thank you for coming: ${event.title}`;
      lines.push(...(input.note?.trim() ? input.note.trim().split(/\n{2,}/) : [defaultThankYou(event.title)]));
      break;
    case 'no-show':
      subject = `We missed you: ${event.title}`;
      lines.push(...(input.note?.trim() ? input.note.trim().split(/\n{2,}/) : [defaultNoShow(event.title)]));
      break;
  }
  const unsubscribe = input.unsubscribeUrl ? `No more e-mail from ${organization.name}: ${input.unsubscribeUrl}` : null;
  const text = [`Hello ${first},`, '', ...lines, '', ...(action ? [`${action}: ${pageUrl}`, ''] : []), `— ${organization.name}`, ...(unsubscribe ? ['', unsubscribe] : [])].join('\n');
  const attachments: NonNullable<NewMessage['attachments']> = [];
  let qr = '';
  if (kind === 'seat') {
    attachments.push({ filename: 'door-qr.png', contentType: 'image/png', content: await doorQrPng(r.doorCode), cid: 'door-qr' });
    qr = '<p><img src="cid:door-qr" width="240" height="240" alt="QR code for the door"></p>';
  }
  const html = [
    '<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#111827">',
    `<p>Hello ${escapeHtml(first)},</p>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    qr,
    action ? `<p><a href="${escapeHtml(pageUrl)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#3d6b57;color:#fff;text-decoration:none">${escapeHtml(action)}</a></p>` : '',
    `<p>— ${escapeHtml(organization.name)}</p>`,
    input.unsubscribeUrl ? `<p style="font-size:13px;color:#6b7280"><a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#6b7280">No more e-mail from ${escapeHtml(organization.name)}</a></p>` : '',
    '</body></html>',
  ].join('');
  return {
    accountId: input.accountId,
    kind: `rsvp-${kind}`,
    to: r.email,
    subject,
    text,
    html,
    headers: input.unsubscribeUrl ? { 'List-Unsubscribe': `<${input.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
    dedupeKey: `rsvp:${r.id}:${kind}:${input.dedupeSuffix}`,
    fromName: organization.name,
    attachments,
    ...(kind === 'seat' ? { calendar: { method: 'REQUEST' as const, content: invitation(event, r, organization.name, pageUrl) } } : {}),
  };
}
