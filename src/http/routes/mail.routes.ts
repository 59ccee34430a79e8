// The digest's settings and preview, and the outbox: every message Kith wrote for me, with its sending state.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { ErrorBody, IdParams, Nullable } from '../schemas.js';

const DigestSettings = Type.Object({
  frequency: Type.String({ description: 'off, daily or weekly' }),
  hour: Type.Integer({ description: "0–23, in the account's time zone" }),
  weekday: Type.String({ description: 'for weekly digests: sunday … saturday' }),
  timeZone: Type.String({ description: "the account's time zone (settings)" }),
  unsubscribedAt: Nullable(Type.String({ description: "when a digest's unsubscribe link was used; choosing a frequency again subscribes anew" })),
  nextDigestAt: Nullable(Type.String({ description: 'when the next digest is due (UTC)' })),
});

const OutboxSummary = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  status: Type.String({ description: 'kept (no SMTP server configured), queued, sending, sent or failed' }),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastError: Nullable(Type.String({ description: "the SMTP server's answer, or why it could not be reached, at the last attempt" })),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
});

export async function mailRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const common = { onRequest: authenticate };

  app.get('/digest', {
    ...common,
    schema: { tags: ['digest'], description: 'My e-mail digest: how often, at what hour of my day, and when the next one is due.', response: { 200: DigestSettings, '4xx': ErrorBody } },
  }, async (request) => services.mail.digest.getSettings(accountOf(request)));

  app.patch('/digest', {
    ...common,
    schema: {
      tags: ['digest'],
      description: 'Change the digest: frequency off | daily | weekly, hour 0–23 (my time zone), weekday for weekly. A frequency other than off subscribes again after an unsubscribe.',
      body: Type.Object(
        { frequency: Type.Optional(Type.String({ maxLength: 20 })), hour: Type.Optional(Type.Integer()), weekday: Type.Optional(Type.String({ maxLength: 20 })) },
        { additionalProperties: false, minProperties: 1 },
      ),
      response: { 200: DigestSettings, '4xx': ErrorBody },
    },
  }, async (request) => services.mail.digest.updateSettings(accountOf(request), request.body));

  app.post('/digest/preview', {
    ...common,
    schema: {
      tags: ['digest'],
      description: "Today's digest as it would be sent now, sent to no one. With count 0, no digest goes out today.",
      response: { 200: Type.Object({ today: Type.String(), count: Type.Integer(), subject: Type.String(), text: Type.String(), html: Type.String() }), '4xx': ErrorBody },
    },
  }, async (request) => services.mail.digest.preview(accountOf(request)));

  app.get('/outbox', {
    ...common,
    schema: {
      tags: ['outbox'],
      description: 'Messages Kith wrote for me, newest first. sending says whether this server sends mail (KITH_SMTP_URL) or keeps it.',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(OutboxSummary), total: Type.Integer(), sending: Type.Boolean() }), '4xx': ErrorBody },
    },
  }, async (request) => services.mail.outbox.list(accountOf(request), request.query.limit ?? 50, request.query.offset ?? 0));

  app.get('/outbox/:id', {
    ...common,
    schema: {
      tags: ['outbox'],
      description: 'One message: its state, its plain text, and the full RFC 5322 source (as in the .eml file).',
      params: IdParams,
      response: { 200: Type.Object({ message: Type.Object({ ...OutboxSummary.properties, from: Type.String(), text: Type.String(), raw: Type.String() }) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ message: await services.mail.outbox.get(accountOf(request), request.params.id) }));
}
