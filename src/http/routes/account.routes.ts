import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { ErrorBody, Nullable, Settings } from '../schemas.js';
import { ExportQuery, sendContactsExport } from './imports.routes.js';

const Cadence = Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 3650 })));

export async function accountRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/settings', { onRequest: authenticate, schema: { tags: ['account'], response: { 200: Settings, '4xx': ErrorBody } } }, async (request) =>
    services.settings.get(accountOf(request)),
  );

  app.patch('/settings', {
    onRequest: authenticate,
    schema: {
      tags: ['account'],
      description: 'Changing the time zone, cadences or windows recomputes every follow-up.',
      body: Type.Object(
        {
          timeZone: Type.Optional(Type.String({ maxLength: 64 })),
          followUpWindowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
          promiseDefaultDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
          cadenceDays: Type.Optional(Type.Object({ met: Cadence, talking: Cadence, relationship: Cadence, client: Cadence, dormant: Cadence }, { additionalProperties: false })),
          defaultGoal: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
          dailySuggestions: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          defaultRegion: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
          onboarded: Type.Optional(Type.Boolean({ description: 'true when the first run is completed; false shows it again' })),
        },
        { additionalProperties: false, minProperties: 1 },
      ),
      response: { 200: Settings, '4xx': ErrorBody },
    },
  }, async (request) => services.settings.update(accountOf(request), request.body));

  app.get('/export', {
    onRequest: authenticate,
    schema: { tags: ['account'], description: 'All of my data as JSON (no secrets); or, with format=vcard (version 3.0 or 4.0) or format=csv, my contacts in those formats (docs/import-export.md).', querystring: ExportQuery, response: { 200: Type.Object({}, { additionalProperties: true, description: 'format, version, exportedAt, account, settings, apiTokens, data' }), '4xx': ErrorBody } },
  }, async (request, reply) => {
    if (request.query.format && request.query.format !== 'json') return sendContactsExport(services, accountOf(request), request.query, reply);
    const data = await services.exports.exportAccount(accountOf(request));
    reply.header('content-disposition', `attachment; filename="kith-export-${data.exportedAt.slice(0, 10)}.json"`);
    return reply.send(data);
  });
}
