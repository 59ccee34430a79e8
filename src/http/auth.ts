// Who is calling: a session cookie (the web app) or a bearer API token (the CLI, scripts). Cookie-authenticated
// requests with unsafe methods must echo the session's CSRF token in the X-CSRF-Token header.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../app/services.js';
import type { Identity } from '../app/auth.service.js';
import { ForbiddenError, UnauthorizedError } from '../core/errors.js';

export const SESSION_COOKIE = 'kith_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | null;
  }
}

export function accountOf(request: FastifyRequest): string {
  if (!request.identity) throw new UnauthorizedError('KITH_NOT_AUTHENTICATED', 'sign in, or send an API token as "Authorization: Bearer kith_…"');
  return request.identity.accountId;
}

export function makeAuthenticate(services: Services) {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const identity = match?.[1] ? await services.auth.identifyToken(match[1]) : null;
      if (!identity) throw new UnauthorizedError('KITH_NOT_AUTHENTICATED', 'this API token is not valid (revoked, mistyped, or from another server)');
      request.identity = identity;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const identity = cookie ? await services.auth.identifySession(cookie) : null;
    if (!identity) throw new UnauthorizedError('KITH_NOT_AUTHENTICATED', 'sign in first (your session has ended or you are not signed in)');
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== identity.csrfToken) {
      throw new ForbiddenError('KITH_CSRF', 'this request lacks the X-CSRF-Token header of your session; reload the page and try again');
    }
    request.identity = identity;
  };
}
