// The Fastify app factory: plugins, auth, errors and every route. main/serve only listens; tests use inject().
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { lazySerializerCompiler, lazyValidatorCompiler } from './lazy-compilers.js';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import compress from '@fastify/compress';
import { constants as zlib } from 'node:zlib';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from '../app/services.js';
import { installErrorHandler } from './error-handler.js';
import { makeAuthenticate } from './auth.js';
import { authRoutes } from './routes/auth.routes.js';
import { peopleRoutes } from './routes/people.routes.js';
import { eventsRoutes } from './routes/events.routes.js';
import { followUpRoutes } from './routes/follow-ups.routes.js';
import { accountRoutes } from './routes/account.routes.js';
import { cardsRoutes } from './routes/cards.routes.js';
import { webApp } from './web-app.js';
import { suggestionRoutes } from './routes/suggestions.routes.js';
import { sharesRoutes } from './routes/shares.routes.js';
import { calendarFeedPublicRoutes, calendarFeedRoutes } from './routes/calendar-feed.routes.js';
import { mailRoutes } from './routes/mail.routes.js';
import { unsubscribeRoutes } from './routes/unsubscribe.routes.js';
import { publicEventRoutes } from './routes/public-events.routes.js';
import { organizerRoutes } from './routes/organizer.routes.js';
import { speakerRoutes } from './routes/speakers.routes.js';
import { speakerPageRoutes } from './routes/speaker-pages.routes.js';
import { doorRoutes } from './routes/door.routes.js';
import { importRoutes } from './routes/imports.routes.js';
import { duplicatesRoutes } from './routes/duplicates.routes.js';
import { carddavRoutes } from './carddav/carddav.routes.js';
import { appPasswordsRoutes } from './routes/app-passwords.routes.js';

export interface BuildAppOptions {
  services: Services;
  logger?: boolean;
  /** Serve the OpenAPI document and its viewer at /api/docs (off for the in-process CLI). */
  docs?: boolean;
  /** Sign-in attempts allowed per IP address and minute. */
  signInPerMinute?: number;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookies?: boolean;
  /** Serve the web app from this folder (Vite's build); false for the in-process CLI and API-only tests. */
  webRoot?: string | false;
  /** The proxies to believe about the client's address (X-Forwarded-For): their addresses or CIDR ranges. */
  trustProxy?: string[] | undefined;
}

export type App = FastifyInstance;

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    bodyLimit: 1_048_576,
    // Errors the router meets before any route (a malformed URL, a path segment over 100 characters) get Kith's
    // error shape too.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void reply
        .status(tooLong ? 414 : 400)
        .send({ error: { code: tooLong ? 'KITH_URL_TOO_LONG' : 'KITH_BAD_URL', message: tooLong ? 'a part of the address is too long to be an id' : 'the address is not a valid URL' } });
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(lazyValidatorCompiler());
  app.setSerializerCompiler(lazySerializerCompiler());

  installErrorHandler(app);
  app.decorateRequest('identity', null);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // Answers over 1 KB go compressed to clients that ask (a page of 50 people: 14 KB → about 2 KB on a phone's
  // network). Brotli at quality 4 costs about as much CPU as gzip; the web app's files are compressed at build time.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } } });
  if (options.docs !== false) {
    // Loaded only when served: the in-process CLI has no use for the API's documentation.
    const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([import('@fastify/swagger'), import('@fastify/swagger-ui')]);
    await app.register(swagger, {
      openapi: {
        info: { title: 'Kith API', version: '1', description: 'Networking for people who hate networking. Errors: { error: { code, message, details } }; codes in docs/errors.md.' },
        components: {
          securitySchemes: {
            token: { type: 'http', scheme: 'bearer', description: 'a personal API token (kith token create)' },
            session: { type: 'apiKey', in: 'cookie', name: 'kith_session' },
          },
        },
        security: [{ token: [] }, { session: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  }

  const authenticate = makeAuthenticate(options.services);
  const deps = { services: options.services, authenticate, signInPerMinute: options.signInPerMinute ?? 10, secureCookies: options.secureCookies ?? false };
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  await calendarFeedPublicRoutes(app, deps);
  await unsubscribeRoutes(app, deps);
  await publicEventRoutes(app, deps);
  await speakerPageRoutes(app, deps);
  await doorRoutes(app, deps);
  await carddavRoutes(app, deps);
  if (options.webRoot) await app.register(webApp, { root: options.webRoot });
  await app.register(async (api) => {
    await authRoutes(api, deps);
    await peopleRoutes(api, deps);
    await organizerRoutes(api, deps);
    await speakerRoutes(api, deps);
    await eventsRoutes(api, deps);
    await followUpRoutes(api, deps);
    await accountRoutes(api, deps);
    await cardsRoutes(api, deps);
    await suggestionRoutes(api, deps);
    await sharesRoutes(api, deps);
    await calendarFeedRoutes(api, deps);
    await mailRoutes(api, deps);
    await importRoutes(api, deps);
    await duplicatesRoutes(api, deps);
    await appPasswordsRoutes(api, deps);
  }, { prefix: '/api/v1' });
  await app.ready();
  return app;
}

export type RouteDeps = {
  services: Services;
  authenticate: ReturnType<typeof makeAuthenticate>;
  signInPerMinute: number;
  secureCookies: boolean;
};
