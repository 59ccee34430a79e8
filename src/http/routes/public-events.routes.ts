// The public event pages (issue 7): /e/<slug> with the RSVP form, /r/<token> for a registrant's own registration.
// The HTML is made in ../public-event-pages.ts. A link alone never changes anything (mail scanners and previews open
// links): every action is a form that POSTs.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { KithError, ValidationError } from '../../core/errors.js';
import { ACTIONS, cancelConfirmPage, eventPage, FORM_BYTES, notFoundPage, page, registrationPage, rsvpInput, tooManyPage, type FormValues } from '../public-event-pages.js';
import { SlidingWindowLimit } from '../sliding-window-limit.js';

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
  const registrations = services.registrations;
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

    app.get('/e/:slug/calendar.ics', { config: LIMITS.readPage, schema: { hide: true, params: SlugParams } }, async (request, reply) => {
      const ics = await registrations.seriesCalendar(request.params.slug);
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'public, max-age=300').header('content-disposition', 'inline; filename="events.ics"').send(ics);
    });

    app.get('/e/:slug', { config: LIMITS.readPage, schema: { hide: true, params: SlugParams } }, async (request, reply) => {
      return eventPage(reply, await registrations.publicEvent(request.params.slug), now(), null);
    });

    app.post('/e/:slug', { config: LIMITS.rsvp, schema: { hide: true, params: SlugParams, body: FormBody } }, async (request, reply) => {
      const { slug } = request.params;
      const wait = perEvent.hit(slug, Date.now());
      if (wait > 0) return tooManyPage(reply, wait);
      const form = request.body;
      try {
        const result = await registrations.rsvp(slug, rsvpInput(form));
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
        if (error instanceof ValidationError) return eventPage(reply, await registrations.publicEvent(slug), now(), { status: 400, values: form, issues: error.issues });
        if (isCode(error, 'KITH_EVENT_CANCELLED') || isCode(error, 'KITH_EVENT_OVER')) return eventPage(reply, await registrations.publicEvent(slug), now(), { status: 409, values: form, issues: [] });
        throw error;
      }
    });

    app.get('/r/:token', { config: LIMITS.readPage, schema: { hide: true, params: TokenParams } }, async (request, reply) => {
      return registrationPage(reply, request.params.token, await registrations.myRegistration(request.params.token));
    });

    // The registrant's own calendar entry (the same one as the seat e-mail's invitation).
    app.get('/r/:token/calendar.ics', { config: LIMITS.readPage, schema: { hide: true, params: TokenParams } }, async (request, reply) => {
      const { slug, ics } = await registrations.myCalendar(request.params.token);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .header('content-disposition', `attachment; filename="${slug}.ics"`)
        .send(ics);
    });

    // The confirm step before a cancel: a page with the button that POSTs.
    app.get('/r/:token/cancel', { config: LIMITS.readPage, schema: { hide: true, params: TokenParams } }, async (request, reply) => {
      const { token } = request.params;
      const mine = await registrations.myRegistration(token);
      if (mine.registration.status === 'cancelled' || mine.registration.status === 'declined') return reply.redirect(`/r/${encodeURIComponent(token)}`, 303);
      return cancelConfirmPage(reply, token, mine);
    });

    app.post('/r/:token/:action', { config: LIMITS.act, schema: { hide: true, params: ActionParams } }, async (request, reply) => {
      const { token, action } = request.params;
      try {
        await registrations.act(token, action);
      } catch (error) {
        if (isCode(error, 'KITH_NO_SEAT_OFFERED')) return registrationPage(reply, token, await registrations.myRegistration(token), 409, (error as KithError).message);
        throw error;
      }
      return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(`/r/${encodeURIComponent(token)}`, 303);
    });
  });
}
