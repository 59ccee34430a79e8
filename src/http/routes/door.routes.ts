// Door check-in for staff links (issue 7), outside the signed-in API. Filled in by the door check-in work.
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../build-app.js';

export async function doorRoutes(_root: FastifyInstance, _deps: RouteDeps): Promise<void> {}
