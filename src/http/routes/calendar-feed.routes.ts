// The calendar feed: managed under /api/v1/calendar-feed (signed in), read at /feeds/<token>.ics by any calendar
// (no session: the secret URL is the key).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { ErrorBody, Nullable } from '../schemas.js';

const FeedStatus = Type.Object({
  prefix: Type.String({ description: 'the first characters of the secret, to tell one URL from the next' }),
  createdAt: Type.String(),
  lastFetchedAt: Nullable(Type.String({ description: 'when a calendar last read the feed (to the minute)' })),
});

/** A host name or IP address, with an optional port: what a Host header that can start a URL looks like. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The origin the request came to (protocol and Host header): the address the person reaches Kith at. */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${HOST.test(request.host) ? request.host : 'localhost'}`;
}

function notFound(reply: FastifyReply) {
  return reply.status(404).header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found');
}

export async function calendarFeedRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/calendar-feed', {
    onRequest: authenticate,
    schema: {
      tags: ['calendar-feed'],
      description: 'Whether the account has a calendar feed, and when a calendar last read it (never the secret URL).',
      response: { 200: Type.Object({ feed: Nullable(FeedStatus) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ feed: await services.calendarFeed.status(accountOf(request)) }));

  app.post('/calendar-feed', {
    onRequest: authenticate,
    // No body at all is as good as {}: `curl -X POST` with a token should do.
    preValidation: async (request) => {
      request.body ??= {};
    },
    schema: {
      tags: ['calendar-feed'],
      description:
        'Creates the calendar feed, or rotates it: the previous URL stops working at once. The URL is shown only in this answer. ' +
        'It starts with the address of this request (protocol and Host), unless baseUrl names another.',
      body: Type.Optional(
        Type.Object(
          {
            baseUrl: Type.Optional(
              Type.String({
                maxLength: 200,
                pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$',
                description: 'the address calendars reach Kith at, e.g. https://kith.example.com (default: this request\'s)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
      ),
      response: {
        201: Type.Object({ url: Type.String({ description: 'shown once: <base>/feeds/<secret>.ics' }), prefix: Type.String(), createdAt: Type.String() }),
        '4xx': ErrorBody,
      },
    },
  }, async (request, reply) => {
    const base = (request.body?.baseUrl ?? originOf(request)).replace(/\/+$/, '');
    return reply.status(201).send(await services.calendarFeed.create(accountOf(request), base));
  });

  app.delete('/calendar-feed', {
    onRequest: authenticate,
    schema: { tags: ['calendar-feed'], description: 'Revokes the calendar feed: its URL answers 404 from now on.', response: { 204: Type.Null(), '4xx': ErrorBody } },
  }, async (request, reply) => {
    await services.calendarFeed.revoke(accountOf(request));
    return reply.status(204).send(null);
  });
}

/**
 * GET /feeds/<token>.ics. A wildcard rather than a parameter, so that any path under /feeds (too long, odd
 * characters, `../`) meets the same plain 404 as a revoked or unknown token, with nothing else to tell them apart.
 */
export async function calendarFeedPublicRoutes(app: FastifyInstance, { services }: Pick<RouteDeps, 'services'>) {
  app.get('/feeds/*', { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    // A name without .ics is looked up too (as no token at all), so that every miss takes the same path.
    const token = name.endsWith('.ics') ? name.slice(0, -'.ics'.length) : '';
    const document = await services.calendarFeed.document(token, originOf(request));
    if (!document) return notFound(reply);
    reply.header('cache-control', 'private, max-age=300').header('etag', document.etag);
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === document.etag || tag.trim() === '*')) return reply.status(304).send();
    return reply.header('content-type', 'text/calendar; charset=utf-8').send(document.render());
  });
}
