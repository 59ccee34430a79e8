// The speaker's answer page (issue 7): /s/<token> from the invitation e-mail. Server-rendered, without JavaScript:
// inline CSS, no scripts, no external resources, a Content-Security-Policy that allows nothing else, every text
// escaped. Opening the link decides nothing (mail scanners open links): Accept and Decline are buttons that POST.
// A link answers once; then it shows the answer. Revoked (a newer invitation, or withdrawn): it says so.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { KithError, ValidationError } from '../../core/errors.js';
import { escapeHtml as esc } from '../../core/digest-content.js';
import { whenAndWhere } from '../../app/registration-mail.js';
import type { InvitationView } from '../../app/speakers.service.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const STYLE =
  "body{margin:0;padding:16px;font:16px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111827;background:#fff}main{max-width:560px;margin:0 auto}" +
  'h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 .5rem}.org{margin:0;color:#4b5563;font-weight:600}.when{font-weight:600}.note{padding:10px 12px;border-radius:6px;background:#f3f4f6}' +
  '.warn{background:#fef3c7}label{display:block;font-weight:600;margin-bottom:4px}textarea{box-sizing:border-box;width:100%;font:inherit;padding:10px;border:1px solid #6b7280;border-radius:6px}' +
  '.actions{display:flex;gap:8px;flex-wrap:wrap;margin-top:12px}button{font:inherit;padding:12px 20px;border:1px solid #1d4ed8;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer}.alt{background:#fff;color:#1d4ed8}';
const FORM_BYTES = 16_384;

const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) });
const AnswerParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }), answer: Type.Union([Type.Literal('accept'), Type.Literal('decline')]) });
const FormBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 4000 }));

/** Per address (IP): reading is cheap; an answer writes. */
const LIMITS = {
  read: { rateLimit: { max: 120, timeWindow: '1 minute' } },
  answer: { rateLimit: { max: 10, timeWindow: '1 minute' } },
} as const;

function page(reply: FastifyReply, options: { status: number; title: string; eyebrow?: string; body: string }) {
  const eyebrow = options.eyebrow ? `<p class="org">${esc(options.eyebrow)}</p>` : '';
  return reply
    .status(options.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', CSP)
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(options.title)}</title><style>${STYLE}</style></head>` +
        `<body><main>${eyebrow}<h1>${esc(options.title)}</h1>${options.body}</main></body></html>`,
    );
}

const notFoundPage = (reply: FastifyReply) =>
  page(reply, { status: 404, title: 'This invitation link is not valid', body: '<p>The link may be cut short or mistyped. Copy the whole link from the invitation e-mail.</p>' });

const text = (value: string) => esc(value).replace(/\r?\n/g, '<br>');

function dayOf(instant: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(instant));
}

/** The organization's invitation: the event (with its date in the event's time zone) and the topic. */
function invitationHtml(v: InvitationView): string {
  const event = v.event ? `<p>To speak at <strong>${esc(v.event.title)}</strong></p><p class="when">${esc(whenAndWhere(v.event))}</p>` : `<p>To speak at an event of ${esc(v.organizationName)}</p>`;
  const topic = v.topic ? `<p>Topic: ${esc(v.topic)}</p>` : '';
  const message = v.message ? `<p class="note">${text(v.message)}</p>` : '';
  return `<p>Dear ${esc(v.speakerName)},</p>${event}${topic}${message}`;
}

function answeredHtml(v: InvitationView): string {
  const i = v.invitation;
  const what = i.answer === 'accepted' ? 'accepted' : 'declined';
  const who = i.onBehalf ? `The organizers recorded that you ${what} on ${dayOf(i.answeredAt!)}.` : `You ${what} this invitation on ${dayOf(i.answeredAt!)}.`;
  const note = i.note ? `<p>With the note: “${text(i.note)}”</p>` : '';
  return `<p class="note"><strong>${who}</strong> This link answers once; to change your answer, write to the organizers.</p>${note}`;
}

function invitationPage(reply: FastifyReply, token: string, v: InvitationView, status = 200) {
  const link = esc(encodeURIComponent(token));
  const title = v.event ? `Invitation to speak: ${v.event.title}` : `Invitation to speak at ${v.organizationName}`;
  let state: string;
  switch (v.state) {
    case 'open':
      state =
        `<form method="post" action="/s/${link}/accept"><label for="f-note">A note for the organizers (optional)</label>` +
        '<textarea id="f-note" name="note" rows="3" maxlength="2000"></textarea>' +
        `<div class="actions"><button type="submit">Accept</button><button type="submit" class="alt" formaction="/s/${link}/decline">Decline</button></div></form>`;
      break;
    case 'answered':
      state = answeredHtml(v);
      break;
    case 'revoked':
      state = '<p class="note warn"><strong>This invitation link is no longer valid.</strong> A newer invitation replaced it, or the organizers withdrew it: use the link in the latest e-mail, or write to the organizers.</p>';
      break;
    case 'event-cancelled':
      state = '<p class="note warn"><strong>This event is cancelled:</strong> there is nothing to answer.</p>';
      break;
  }
  return page(reply, { status, title, eyebrow: v.organizationName, body: invitationHtml(v) + state });
}

function thankYouPage(reply: FastifyReply, v: InvitationView) {
  const accepted = v.invitation.answer === 'accepted';
  const body = accepted
    ? `<p>Thank you for accepting${v.event ? ` to speak at ${esc(v.event.title)}` : ''}. ${esc(v.organizationName)} will be in touch to confirm the details.</p>`
    : `<p>Thank you for letting us know. ${esc(v.organizationName)} hopes to welcome you another time.</p>`;
  return page(reply, { status: 200, title: accepted ? 'Thank you: you accepted' : 'Thank you: you declined', eyebrow: v.organizationName, body });
}

export async function speakerPageRoutes(root: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const speakers = services.speakers;

  await root.register(async (scope) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    // These pages take only the form they render.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BYTES }, (_request, body, done) => {
      const fields = Object.create(null) as Record<string, string>;
      for (const [name, value] of new URLSearchParams(body as string)) if (!(name in fields)) fields[name] = value;
      done(null, fields);
    });

    // Errors here are pages, not JSON.
    app.setErrorHandler((error: FastifyError | KithError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof KithError) {
        if (error.code === 'KITH_SPEAKER_LINK_NOT_FOUND') return notFoundPage(reply);
        if (error instanceof ValidationError) return page(reply, { status: 400, title: 'The note is too long', body: '<p>Shorten your note (at most 2,000 characters) and send your answer again.</p>' });
      } else {
        if (error.statusCode === 429) return page(reply, { status: 429, title: 'Too many requests', body: '<p>Wait a minute, then send your answer again.</p>' });
        // A malformed token cannot name anything.
        if (error.validation && error.validationContext === 'params') return notFoundPage(reply);
        if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return page(reply, { status: error.statusCode, title: 'The form could not be read', body: '<p>Open the link from the invitation e-mail and answer again.</p>' });
      }
      request.log.error({ err: error }, 'speaker page failed');
      return page(reply, { status: 500, title: 'Something went wrong', body: '<p>Something went wrong on the server; it has been logged. Try again in a moment.</p>' });
    });

    app.get('/s/:token', { config: LIMITS.read, schema: { hide: true, params: TokenParams } }, async (request, reply) => {
      const { token } = request.params;
      const view = await speakers.invitation(token);
      return invitationPage(reply, token, view, view.state === 'revoked' ? 410 : 200);
    });

    app.post('/s/:token/:answer', { config: LIMITS.answer, schema: { hide: true, params: AnswerParams, body: Type.Optional(FormBody) } }, async (request, reply) => {
      const { token, answer } = request.params;
      const { recorded, view } = await speakers.answer(token, answer === 'accept' ? 'accepted' : 'declined', request.body?.note ?? null);
      if (recorded) return thankYouPage(reply, view);
      // Used, revoked or closed: the page says what was answered, or that the link no longer works.
      return invitationPage(reply, token, view, view.state === 'revoked' ? 410 : 409);
    });
  });
}
