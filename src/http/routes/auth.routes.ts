import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf, SESSION_COOKIE } from '../auth.js';
import { ErrorBody, IdParams } from '../schemas.js';

const Account = Type.Object({ id: Type.String(), email: Type.String(), createdAt: Type.String() });
const Credentials = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
const Token = Type.Object({ id: Type.String(), name: Type.String(), prefix: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]), revokedAt: Type.Union([Type.String(), Type.Null()]) });

export async function authRoutes(root: FastifyInstance, { services, authenticate, signInPerMinute, secureCookies }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/auth/sign-up', {
    schema: {
      tags: ['auth'],
      security: [],
      body: Type.Object(
        { email: Type.String({ format: 'email', maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }), timeZone: Type.Optional(Type.String({ maxLength: 64 })) },
        { additionalProperties: false },
      ),
      response: { 201: Type.Object({ account: Account }), '4xx': ErrorBody },
    },
    config: { rateLimit: { max: signInPerMinute, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const account = await services.auth.signUp(request.body);
    return reply.status(201).send({ account });
  });

  app.post('/auth/sign-in', {
    schema: {
      tags: ['auth'],
      security: [],
      body: Credentials,
      response: { 200: Type.Object({ account: Account, csrfToken: Type.String(), expiresAt: Type.String() }), '4xx': ErrorBody },
    },
    // Rate-limited per IP address and e-mail, so guessing one account's password is slow.
    config: { rateLimit: { max: signInPerMinute, timeWindow: '1 minute', keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}` } },
  }, async (request, reply) => {
    const session = await services.auth.signIn(request.body.email, request.body.password);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookies,
      expires: new Date(session.expiresAt),
    });
    return { account: session.account, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  });

  app.post('/auth/sign-out', { schema: { tags: ['auth'], response: { 204: Type.Null(), '4xx': ErrorBody } }, onRequest: authenticate }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await services.auth.signOut(cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/auth/me', {
    schema: { tags: ['auth'], response: { 200: Type.Object({ account: Account, csrfToken: Type.Union([Type.String(), Type.Null()]) }), '4xx': ErrorBody } },
    onRequest: authenticate,
  }, async (request) => ({ account: await services.auth.account(accountOf(request)), csrfToken: request.identity?.csrfToken ?? null }));

  app.get('/tokens', { schema: { tags: ['auth'], response: { 200: Type.Object({ items: Type.Array(Token) }), '4xx': ErrorBody } }, onRequest: authenticate }, async (request) => ({
    items: await services.auth.listTokens(accountOf(request)),
  }));

  app.post('/tokens', {
    schema: {
      tags: ['auth'],
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ token: Type.String({ description: 'shown once: store it now' }), record: Token }), '4xx': ErrorBody },
    },
    onRequest: authenticate,
  }, async (request, reply) => reply.status(201).send(await services.auth.createToken(accountOf(request), request.body.name)));

  app.delete('/tokens/:id', { schema: { tags: ['auth'], params: IdParams, response: { 204: Type.Null(), '4xx': ErrorBody } }, onRequest: authenticate }, async (request, reply) => {
    await services.auth.revokeToken(accountOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
