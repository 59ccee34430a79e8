// The public event pages as HTML (issue 7): the event with its RSVP form, the registrant's own page, and the pages
// for errors. Server-rendered, working without JavaScript on a phone: inline CSS, no scripts, no external resources,
// a Content-Security-Policy that allows nothing else. Everything an organizer or a registrant typed is escaped.
// The routes are in routes/public-events.routes.ts.
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { escapeHtml as esc } from '../core/digest-content.js';
import type { FieldIssue } from '../core/errors.js';
import { whenAndWhere } from '../app/registration-mail.js';
import type { MyRegistration, PublicEvent, RsvpInput } from '../app/registrations.service.js';
import type { HostedEventRecord } from '../db/repositories/organizer.repository.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const STYLE =
  "body{margin:0;padding:16px;font:16px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111827;background:#fff}main{max-width:560px;margin:0 auto}" +
  'h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 .5rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}.org{margin:0;color:#4b5563;font-weight:600}.when{font-weight:600}' +
  '.note{padding:10px 12px;border-radius:6px;background:#f3f4f6}.warn{background:#fef3c7}.f{margin:0 0 14px}label{display:block;font-weight:600;margin-bottom:4px}' +
  'input[type=text],input[type=email],textarea{box-sizing:border-box;width:100%;font:inherit;padding:10px;border:1px solid #6b7280;border-radius:6px}[aria-invalid=true]{border:2px solid #b91c1c}' +
  '.c{display:flex;gap:8px;align-items:flex-start}.c label{font-weight:400}.c input{width:20px;height:20px;margin-top:2px;flex:none}.req{font-weight:400;color:#4b5563}.err{color:#b91c1c;margin:4px 0 0}' +
  '.errs{border:2px solid #b91c1c;border-radius:6px;padding:8px 12px;margin:0 0 16px}button,.btn{display:inline-block;font:inherit;padding:12px 20px;border:1px solid #1d4ed8;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer;text-decoration:none}' +
  '.small{font-size:.9rem;color:#4b5563}.alt{background:#fff;color:#1d4ed8}form.act{display:inline-block;margin:0 8px 8px 0}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.qr svg{width:240px;height:240px;max-width:100%}';

/** How long a browser or proxy may keep the event page: it shows nothing personal, and seats left may lag that much. */
const EVENT_PAGE_CACHE = 'public, max-age=30';
export const FORM_BYTES = 65_536;
export const ACTIONS = ['cancel', 'claim', 'confirm', 'list', 'unlist'] as const;
export type Action = (typeof ACTIONS)[number];

interface PageOptions {
  status: number;
  title: string;
  /** The one h1; the title when not given. */
  heading?: string;
  /** Shown above the h1: the organization's name. */
  eyebrow?: string;
  body: string;
  /** Public pages may be cached briefly; anything personal or an error is not stored. */
  cache?: string;
}

export function page(reply: FastifyReply, options: PageOptions) {
  const eyebrow = options.eyebrow ? `<p class="org">${esc(options.eyebrow)}</p>` : '';
  return reply
    .status(options.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', options.cache ?? 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', CSP)
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(options.title)}</title><style>${STYLE}</style></head>` +
        `<body><main>${eyebrow}<h1>${esc(options.heading ?? options.title)}</h1>${options.body}</main></body></html>`,
    );
}

export const notFoundPage = (reply: FastifyReply, what: 'event' | 'registration') =>
  page(reply, {
    status: 404,
    title: what === 'event' ? 'There is no event at this address' : 'This registration link is not valid',
    body:
      what === 'event'
        ? '<p>The link may be cut short or mistyped. Copy the whole link from the invitation.</p>'
        : '<p>The link may be cut short, or replaced by a newer one. Use the link in the latest e-mail about your registration, or register again with the same address on the event’s page to have it sent again.</p>',
  });

export function tooManyPage(reply: FastifyReply, retryAfterSeconds: number | null) {
  if (retryAfterSeconds !== null) reply.header('retry-after', String(retryAfterSeconds));
  return page(reply, { status: 429, title: 'Too many requests', body: '<p>Too many registrations are arriving at once. Wait a minute, then send the form again.</p>' });
}

/** Plain text as paragraphs: a blank line starts a new one, a single line break stays a line break. */
function paragraphs(text: string): string {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

/** When (in the event's own time zone), where, and the link, as a person reads them. */
function whenAndWhereHtml(event: HostedEventRecord): string {
  const where = event.place ? `<p>${esc(event.place)}</p>` : '';
  const link = event.link ? `<p>Online: <a href="${esc(event.link)}" rel="noopener noreferrer">${esc(event.link)}</a></p>` : '';
  return `<p class="when">${esc(whenAndWhere({ ...event, place: null, link: null }))}</p>${where}${link}`;
}

// ---- the event page and its form ----------------------------------------------------------------------------

interface FormField {
  name: string;
  label: string;
  required: boolean;
  maxLength: number;
  type?: 'text' | 'email';
  autocomplete?: string;
  multiline?: boolean;
}

const PERSON_FIELDS: FormField[] = [
  { name: 'fullName', label: 'Full name', required: true, maxLength: 200, autocomplete: 'name' },
  { name: 'email', label: 'E-mail', required: true, maxLength: 254, type: 'email', autocomplete: 'email' },
  { name: 'company', label: 'Company', required: false, maxLength: 200, autocomplete: 'organization' },
  { name: 'title', label: 'Title', required: false, maxLength: 200, autocomplete: 'organization-title' },
  { name: 'badgeName', label: 'Name for the badge', required: false, maxLength: 60, autocomplete: 'nickname' },
];

/** One field per custom question, named after the path its issues come back with. */
const questionFields = (event: HostedEventRecord): FormField[] =>
  event.questions.map((q) => ({ name: `answers.${q.id}`, label: q.label, required: q.required, maxLength: 2000, multiline: true }));

const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function renderField(field: FormField, value: string, error: string | undefined): string {
  const id = fieldId(field.name);
  const invalid = error ? ` aria-invalid="true" aria-describedby="${id}-error"` : '';
  const required = field.required ? ' required' : '';
  const label = `<label for="${id}">${esc(field.label)}${field.required ? ' <span class="req">(required)</span>' : ''}</label>`;
  const control = field.multiline
    ? `<textarea id="${id}" name="${esc(field.name)}" rows="2" maxlength="${field.maxLength}"${required}${invalid}>${esc(value)}</textarea>`
    : `<input id="${id}" name="${esc(field.name)}" type="${field.type ?? 'text'}" value="${esc(value)}" maxlength="${field.maxLength}" autocomplete="${field.autocomplete ?? 'off'}"${required}${invalid}>`;
  const message = error ? `<p class="err" id="${id}-error">${esc(error)}</p>` : '';
  return `<div class="f">${label}${control}${message}</div>`;
}

/** What the person sent, kept when the form comes back with errors. */
export type FormValues = Record<string, string>;

function rsvpForm(p: PublicEvent, values: FormValues, issues: FieldIssue[]): string {
  const fields = [...PERSON_FIELDS, ...questionFields(p.event)];
  const errorOf = new Map<string, string>();
  for (const issue of issues) if (!errorOf.has(issue.path)) errorOf.set(issue.path, issue.message);
  const summary = issues.length
    ? `<div class="errs"><h2>Please check ${issues.length === 1 ? 'this field' : `these ${issues.length} fields`}</h2><ul>${issues
        .map((i) => {
          const field = fields.find((f) => f.name === i.path);
          return `<li>${field ? `<a href="#${fieldId(field.name)}">${esc(field.label)}</a>: ` : ''}${esc(i.message)}</li>`;
        })
        .join('')}</ul></div>`
    : '';
  const full = p.seatsLeft === 0;
  const notes = [p.event.confirmEmail ? 'We will e-mail you a link to confirm your address before a place is held.' : '', p.event.requiresApproval ? 'The organizers approve each registration.' : '']
    .filter(Boolean)
    .map((n) => `<p>${n}</p>`)
    .join('');
  const listed = values.listed === 'yes' ? ' checked' : '';
  return (
    `<h2>${full ? 'Join the waitlist' : 'Register'}</h2>${summary}${notes}` +
    `<form method="post" action="/e/${esc(encodeURIComponent(p.event.slug))}" novalidate>` +
    fields.map((f) => renderField(f, values[f.name] ?? '', errorOf.get(f.name))).join('') +
    `<div class="f c"><input type="checkbox" id="f-listed" name="listed" value="yes"${listed}><label for="f-listed">Show my name, company and title to others who opt in (who’s coming)</label></div>` +
    '<div class="hp" aria-hidden="true"><label for="f-website">Website (leave this empty)</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>' +
    `<button type="submit">${full ? 'Join the waitlist' : 'Register'}</button></form>`
  );
}

function seatsLine(p: PublicEvent): string {
  if (p.seatsLeft === null) return '';
  if (p.seatsLeft === 0) return `<p class="note warn"><strong>Full: join the waitlist.</strong>${p.waitlist ? ` ${p.waitlist} ${p.waitlist === 1 ? 'person is' : 'people are'} waiting; seats that free up are offered in order.` : ' Seats that free up are offered in order.'}</p>`;
  return `<p class="note">${p.seatsLeft} ${p.seatsLeft === 1 ? 'seat' : 'seats'} left</p>`;
}

export function eventPage(reply: FastifyReply, p: PublicEvent, now: Date, form: { status: number; values: FormValues; issues: FieldIssue[] } | null) {
  const { event } = p;
  const closed = event.cancelledAt ? 'This event is cancelled: registrations are closed.' : Date.parse(event.endsAt) <= now.getTime() ? 'This event is over: registrations are closed.' : null;
  const body =
    whenAndWhereHtml(event) +
    paragraphs(event.description) +
    (closed ? `<p class="note warn"><strong>${closed}</strong></p>` : seatsLine(p) + rsvpForm(p, form?.values ?? {}, form?.issues ?? [])) +
    `<p class="small"><a href="/e/${esc(event.slug)}/calendar.ics">Add every meeting of this series to your calendar</a></p>`;
  // A form sent back holds what the person typed: not for any cache.
  return page(reply, { status: form?.status ?? 200, title: event.title, eyebrow: p.organizationName, body, ...(form ? {} : { cache: EVENT_PAGE_CACHE }) });
}

export function rsvpInput(form: FormValues): RsvpInput {
  const answers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(form)) if (name.startsWith('answers.')) answers[name.slice('answers.'.length)] = value;
  return {
    fullName: form.fullName ?? '',
    email: form.email ?? '',
    company: form.company ?? null,
    title: form.title ?? null,
    badgeName: form.badgeName ?? null,
    answers,
    listed: form.listed === 'yes',
    website: form.website ?? '',
  };
}

// ---- the registrant's page ----------------------------------------------------------------------------------

function formatInstant(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(instant));
}

function statusHtml(mine: MyRegistration): string {
  const { registration: r, event } = mine;
  switch (r.status) {
    case 'confirmed':
      return '<p><strong>You’re in: your seat is confirmed.</strong></p><p>Show this QR code at the door, or just say your name.</p>';
    case 'waitlisted':
      return `<p><strong>You are on the waitlist${mine.position ? `, number ${mine.position}` : ''}.</strong></p><p>When a seat frees up, it is offered by e-mail to the first in line, with a little time to claim it.</p>`;
    case 'offered':
      return `<p><strong>A seat is offered to you: claim it by ${esc(formatInstant(r.offeredUntil ?? event.startsAt, event.timeZone))}.</strong></p><p>After that it goes to the next person waiting.</p>`;
    case 'pending':
      return '<p><strong>Waiting for approval.</strong></p><p>The organizers approve each registration; you will hear from them by e-mail.</p>';
    case 'unconfirmed':
      return '<p><strong>Confirm your e-mail to hold your place.</strong></p><p>Press Confirm my e-mail below: your registration then takes its place.</p>';
    case 'cancelled':
      return `<p><strong>Your registration is cancelled.</strong></p><p>Changed your mind? <a href="/e/${esc(encodeURIComponent(event.slug))}">Register again on the event’s page</a> while seats are left.</p>`;
    case 'declined':
      return '<p><strong>Your registration was declined.</strong></p><p>The organizers could not accept your registration this time.</p>';
  }
}

const actionForm = (token: string, action: Action, label: string, secondary = false) =>
  `<form class="act" method="post" action="/r/${esc(encodeURIComponent(token))}/${action}"><button type="submit"${secondary ? ' class="alt"' : ''}>${label}</button></form>`;

export async function registrationPage(reply: FastifyReply, token: string, mine: MyRegistration, status = 200, notice: string | null = null) {
  const { registration: r, event } = mine;
  const active = r.status !== 'cancelled' && r.status !== 'declined';
  const eventCancelled = event.cancelledAt ? '<p class="note warn"><strong>This event is cancelled.</strong></p>' : '';
  const qr =
    r.status === 'confirmed' ? `<div class="qr" role="img" aria-label="QR code for the door">${await QRCode.toString(r.doorCode, { type: 'svg', margin: 2 })}</div>` : '';
  const actions = active && !event.cancelledAt
    ? '<h2>What you can do</h2>' +
      (r.status === 'offered' ? actionForm(token, 'claim', 'Claim my seat') : '') +
      (r.status === 'unconfirmed' ? actionForm(token, 'confirm', 'Confirm my e-mail') : '') +
      (r.listed ? actionForm(token, 'unlist', 'Hide me on who’s coming', true) : actionForm(token, 'list', 'Show me on who’s coming', true)) +
      `<p><a class="btn alt" href="/r/${esc(encodeURIComponent(token))}/calendar.ics">Add to my calendar</a></p>` +
      `<p><a class="btn alt" href="/r/${esc(encodeURIComponent(token))}/cancel">Cancel my registration…</a></p>`
    : '';
  const who = mine.attendees
    ? `<h2>Who’s coming</h2><p>Those who chose to be shown (you see them because you are too):</p><ul>${mine.attendees
        .map((a) => `<li>${esc(a.fullName)}${[a.title, a.company].filter(Boolean).map((t) => `, ${esc(t!)}`).join('')}</li>`)
        .join('')}</ul>`
    : '';
  const body =
    whenAndWhereHtml(event) +
    eventCancelled +
    (notice ? `<p class="note warn" role="alert">${esc(notice)}</p>` : '') +
    `<h2>Your registration</h2><p>${esc(r.fullName)} &lt;${esc(r.email)}&gt;</p>${statusHtml(mine)}${qr}${actions}${who}` +
    `<p><a href="/e/${esc(encodeURIComponent(event.slug))}">The event’s page</a></p>`;
  return page(reply, { status, title: `Your registration: ${event.title}`, heading: event.title, eyebrow: mine.organizationName, body });
}

export function cancelConfirmPage(reply: FastifyReply, token: string, mine: MyRegistration) {
  const link = esc(encodeURIComponent(token));
  const seatGoes = mine.registration.status === 'confirmed' || mine.registration.status === 'offered' ? ' Your seat goes to the next person waiting.' : '';
  return page(reply, {
    status: 200,
    title: `Cancel your registration? ${mine.event.title}`,
    heading: 'Cancel your registration?',
    eyebrow: mine.organizationName,
    body:
      `<p>For <strong>${esc(mine.event.title)}</strong>, ${esc(whenAndWhere({ ...mine.event, place: null, link: null }))}.${seatGoes}</p>` +
      `<form class="act" method="post" action="/r/${link}/cancel"><button type="submit">Yes, cancel my registration</button></form>` +
      `<p><a href="/r/${link}">No, keep it</a></p>`,
  });
}
