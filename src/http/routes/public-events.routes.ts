// The public event pages (issue 7): /e/<slug> with the RSVP form, /r/<token> for a registrant's own registration.
// Server-rendered HTML that works without JavaScript on a phone: inline CSS, no scripts, no external resources, a
// Content-Security-Policy that allows nothing else. Everything an organizer or a registrant typed is escaped.
// A link alone never changes anything (mail scanners and previews open links): every action is a form that POSTs.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import QRCode from 'qrcode';
import type { RouteDeps } from '../build-app.js';
import { escapeHtml as esc } from '../../core/digest-content.js';
import { KithError, ValidationError, type FieldIssue } from '../../core/errors.js';
import { whenAndWhere } from '../../app/registration-mail.js';
import type { MyRegistration, PublicEvent, RsvpInput } from '../../app/organizer.service.js';
import type { HostedEventRecord } from '../../db/repositories/organizer.repository.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const STYLE =
  "body{margin:0;padding:16px;font:16px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111827;background:#fff}main{max-width:560px;margin:0 auto}" +
  'h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 .5rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}.org{margin:0;color:#4b5563;font-weight:600}.when{font-weight:600}' +
  '.note{padding:10px 12px;border-radius:6px;background:#f3f4f6}.warn{background:#fef3c7}.f{margin:0 0 14px}label{display:block;font-weight:600;margin-bottom:4px}' +
  'input[type=text],input[type=email],textarea{box-sizing:border-box;width:100%;font:inherit;padding:10px;border:1px solid #6b7280;border-radius:6px}[aria-invalid=true]{border:2px solid #b91c1c}' +
  '.c{display:flex;gap:8px;align-items:flex-start}.c label{font-weight:400}.c input{width:20px;height:20px;margin-top:2px;flex:none}.req{font-weight:400;color:#4b5563}.err{color:#b91c1c;margin:4px 0 0}' +
  '.errs{border:2px solid #b91c1c;border-radius:6px;padding:8px 12px;margin:0 0 16px}button,.btn{display:inline-block;font:inherit;padding:12px 20px;border:1px solid #1d4ed8;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer;text-decoration:none}' +
  '.alt{background:#fff;color:#1d4ed8}form.act{display:inline-block;margin:0 8px 8px 0}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.qr svg{width:240px;height:240px;max-width:100%}';

/** How long a browser or proxy may keep the event page: it shows nothing personal, and seats left may lag that much. */
const EVENT_PAGE_CACHE = 'public, max-age=30';
const FORM_BYTES = 65_536;
const ACTIONS = ['cancel', 'claim', 'confirm', 'list', 'unlist'] as const;
type Action = (typeof ACTIONS)[number];

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

function page(reply: FastifyReply, options: PageOptions) {
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

const notFoundPage = (reply: FastifyReply, what: 'event' | 'registration') =>
  page(reply, {
    status: 404,
    title: what === 'event' ? 'There is no event at this address' : 'This registration link is not valid',
    body:
      what === 'event'
        ? '<p>The link may be cut short or mistyped. Copy the whole link from the invitation.</p>'
        : '<p>The link may be cut short, or replaced by a newer one. Use the link in the latest e-mail about your registration, or register again with the same address on the event’s page to have it sent again.</p>',
  });

function tooManyPage(reply: FastifyReply, retryAfterSeconds: number | null) {
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
type FormValues = Record<string, string>;

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

function eventPage(reply: FastifyReply, p: PublicEvent, now: Date, form: { status: number; values: FormValues; issues: FieldIssue[] } | null) {
  const { event } = p;
  const closed = event.cancelledAt ? 'This event is cancelled: registrations are closed.' : Date.parse(event.endsAt) <= now.getTime() ? 'This event is over: registrations are closed.' : null;
  const body =
    whenAndWhereHtml(event) +
    paragraphs(event.description) +
    (closed ? `<p class="note warn"><strong>${closed}</strong></p>` : seatsLine(p) + rsvpForm(p, form?.values ?? {}, form?.issues ?? []));
  // A form sent back holds what the person typed: not for any cache.
  return page(reply, { status: form?.status ?? 200, title: event.title, eyebrow: p.organizationName, body, ...(form ? {} : { cache: EVENT_PAGE_CACHE }) });
}

function rsvpInput(form: FormValues): RsvpInput {
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

async function registrationPage(reply: FastifyReply, token: string, mine: MyRegistration, status = 200, notice: string | null = null) {
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

function cancelConfirmPage(reply: FastifyReply, token: string, mine: MyRegistration) {
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

// ---- the per-event limit ------------------------------------------------------------------------------------

/**
 * Requests allowed per key (an event's slug) in any sliding minute. A sliding-window counter: the previous fixed
 * window's count weighs by how much of it the sliding window still covers. Counted in this server process's memory
 * only: each process of a multi-process deployment counts its own.
 */
export class SlidingWindowLimit {
  private readonly windows = new Map<string, { start: number; current: number; previous: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request for `key` at `nowMs`: 0 when allowed, else the whole seconds to wait (the request is not counted). */
  hit(key: string, nowMs: number): number {
    const start = nowMs - (nowMs % this.windowMs);
    const known = this.windows.get(key);
    const w =
      !known || start - known.start >= 2 * this.windowMs
        ? { start, current: 0, previous: 0 }
        : start === known.start
          ? known
          : { start, current: 0, previous: known.current };
    this.windows.set(key, w);
    const elapsed = nowMs - start;
    if (w.previous * (1 - elapsed / this.windowMs) + w.current >= this.max) {
      // Until the estimate drops below the limit: later in this window, or (when this window alone is full) in the next.
      const waitMs = w.current < this.max ? (this.windowMs * (w.previous - this.max + w.current)) / w.previous - elapsed : this.windowMs - elapsed + (this.windowMs * (w.current - this.max)) / w.current;
      return Math.max(1, Math.ceil(waitMs / 1000));
    }
    w.current += 1;
    if (this.windows.size > 1000) this.forgetBefore(start - this.windowMs);
    return 0;
  }

  private forgetBefore(start: number): void {
    for (const [key, w] of this.windows) if (w.start < start) this.windows.delete(key);
  }
}

// ---- the routes ---------------------------------------------------------------------------------------------

const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) });
const ActionParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }), action: Type.Union(ACTIONS.map((a) => Type.Literal(a))) });
const FormBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 20_000 }));

/** Per address (IP): reading is cheap, registering writes and sends e-mail. */
const LIMITS = {
  readPage: { rateLimit: { max: 300, timeWindow: '1 minute' } },
  rsvp: { rateLimit: { max: 20, timeWindow: '1 minute' } },
  act: { rateLimit: { max: 30, timeWindow: '1 minute' } },
} as const;
const RSVPS_PER_EVENT_PER_MINUTE = 600;

const isCode = (error: unknown, code: string) => error instanceof KithError && error.code === code;

export async function publicEventRoutes(root: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const perEvent = new SlidingWindowLimit(RSVPS_PER_EVENT_PER_MINUTE, 60_000);
  const organizer = services.organizer;
  const now = () => services.ctx.clock.now();

  await root.register(async (scope) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    // These pages take only the forms they render.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BYTES }, (_request, body, done) => {
      // No prototype: a field named "__proto__" or "constructor" is just a field.
      const fields = Object.create(null) as FormValues;
      for (const [name, value] of new URLSearchParams(body as string)) if (!(name in fields)) fields[name] = value;
      done(null, fields);
    });

    // Errors here are pages, not JSON.
    app.setErrorHandler((error: FastifyError | KithError, request: FastifyRequest, reply: FastifyReply) => {
      const statusCode = error instanceof KithError ? 0 : error.statusCode;
      if (statusCode === 429) return tooManyPage(reply, null); // the rate limiter has set Retry-After
      if (error instanceof KithError && error.code === 'KITH_PUBLIC_EVENT_NOT_FOUND') return notFoundPage(reply, 'event');
      if (error instanceof KithError && error.code === 'KITH_REGISTRATION_NOT_FOUND') return notFoundPage(reply, 'registration');
      // A malformed slug or token cannot name anything.
      if (!(error instanceof KithError) && error.validation && error.validationContext === 'params') return notFoundPage(reply, request.url.startsWith('/e/') ? 'event' : 'registration');
      if (statusCode === 413) return page(reply, { status: 413, title: 'The form is too large', body: '<p>Shorten your answers and send the form again.</p>' });
      if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
        return page(reply, { status: statusCode, title: 'The form could not be read', body: '<p>Send it again from the event’s page.</p>' });
      }
      request.log.error({ err: error }, 'public event page failed');
      return page(reply, { status: 500, title: 'Something went wrong', body: '<p>Something went wrong on the server; it has been logged. Try again in a moment.</p>' });
    });

    app.get('/e/:slug', { config: LIMITS.readPage, schema: { hide: true, params: SlugParams } }, async (request, reply) => {
      return eventPage(reply, await organizer.publicEvent(request.params.slug), now(), null);
    });

    app.post('/e/:slug', { config: LIMITS.rsvp, schema: { hide: true, params: SlugParams, body: FormBody } }, async (request, reply) => {
      const { slug } = request.params;
      const wait = perEvent.hit(slug, Date.now());
      if (wait > 0) return tooManyPage(reply, wait);
      const form = request.body;
      try {
        const result = await organizer.rsvp(slug, rsvpInput(form));
        if (result.outcome === 'already') {
          // The same words whatever the truth: this page must not tell whether an address is registered.
          return page(reply, { status: 200, title: 'Check your e-mail', body: '<p>If this address is registered, we have e-mailed its link again.</p>' });
        }
        if (result.outcome === 'unconfirmed') {
          // The e-mail proves the address is theirs: the page with the Confirm button is reached from it only.
          return page(reply, { status: 200, title: 'Check your e-mail', body: '<p>We have e-mailed you a link to confirm your address. Open it and press Confirm my e-mail to hold your place.</p>' });
        }
        return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(`/r/${encodeURIComponent(result.token!)}`, 303);
      } catch (error) {
        if (isCode(error, 'KITH_RSVP_REFUSED')) return page(reply, { status: 200, title: 'Thank you', body: '<p>Thank you.</p>' });
        if (error instanceof ValidationError) return eventPage(reply, await organizer.publicEvent(slug), now(), { status: 400, values: form, issues: error.issues });
        if (isCode(error, 'KITH_EVENT_CANCELLED') || isCode(error, 'KITH_EVENT_OVER')) return eventPage(reply, await organizer.publicEvent(slug), now(), { status: 409, values: form, issues: [] });
        throw error;
      }
    });

    app.get('/r/:token', { config: LIMITS.readPage, schema: { hide: true, params: TokenParams } }, async (request, reply) => {
      return registrationPage(reply, request.params.token, await organizer.myRegistration(request.params.token));
    });

    // The confirm step before a cancel: a page with the button that POSTs.
    app.get('/r/:token/cancel', { config: LIMITS.readPage, schema: { hide: true, params: TokenParams } }, async (request, reply) => {
      const { token } = request.params;
      const mine = await organizer.myRegistration(token);
      if (mine.registration.status === 'cancelled' || mine.registration.status === 'declined') return reply.redirect(`/r/${encodeURIComponent(token)}`, 303);
      return cancelConfirmPage(reply, token, mine);
    });

    app.post('/r/:token/:action', { config: LIMITS.act, schema: { hide: true, params: ActionParams } }, async (request, reply) => {
      const { token, action } = request.params;
      try {
        await organizer.act(token, action);
      } catch (error) {
        if (isCode(error, 'KITH_NO_SEAT_OFFERED')) return registrationPage(reply, token, await organizer.myRegistration(token), 409, (error as KithError).message);
        throw error;
      }
      return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(`/r/${encodeURIComponent(token)}`, 303);
    });
  });
}
