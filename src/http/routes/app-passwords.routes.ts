// App passwords: what CardDAV clients (a phone's Contacts, DAVx5, Thunderbird, vdirsyncer) sign in with, together
// with the account e-mail. Shown once when created; stored hashed; revocable one by one.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { AppPassword, ErrorBody, IdParams } from '../schemas.js';
import { davPaths } from '../carddav/carddav.routes.js';

export async function appPasswordsRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/app-passwords', {
    onRequest: authenticate,
    schema: {
      tags: ['carddav'],
      description: 'The live app passwords of the account (never the passwords themselves), and the paths CardDAV clients use.',
      response: {
        200: Type.Object({
          items: Type.Array(AppPassword),
          carddav: Type.Object({ wellKnown: Type.String(), principal: Type.String(), addressBook: Type.String(), username: Type.String() }),
        }),
        '4xx': ErrorBody,
      },
    },
  }, async (request) => {
    const accountId = accountOf(request);
    const [items, account] = await Promise.all([services.carddav.listAppPasswords(accountId), services.auth.account(accountId)]);
    return { items, carddav: { wellKnown: '/.well-known/carddav', principal: davPaths.principal(accountId), addressBook: davPaths.book(accountId), username: account.email } };
  });

  app.post('/app-passwords', {
    onRequest: authenticate,
    schema: {
      tags: ['carddav'],
      description: 'Creates an app password for one device. The password is in this answer only: it cannot be shown again.',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ password: Type.String({ description: 'shown once: type it into the device now' }), record: AppPassword }), '4xx': ErrorBody },
    },
  }, async (request, reply) => reply.status(201).send(await services.carddav.createAppPassword(accountOf(request), request.body.name)));

  app.delete('/app-passwords/:id', {
    onRequest: authenticate,
    schema: { tags: ['carddav'], description: 'Revokes an app password: the device using it can no longer sync.', params: IdParams, response: { 204: Type.Null(), '4xx': ErrorBody } },
  }, async (request, reply) => {
    await services.carddav.revokeAppPassword(accountOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
