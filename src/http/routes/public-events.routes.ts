// The public event pages (issue 7): /e/<slug> with the RSVP form, /r/<token> for a registrant's own registration.
// Server-rendered, no JavaScript. Filled in by the public pages work; registered in build-app.ts outside /api/v1.
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../build-app.js';

export async function publicEventRoutes(_root: FastifyInstance, _deps: RouteDeps): Promise<void> {}
