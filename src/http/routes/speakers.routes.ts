// The speaker pipeline's API (issue 7), under /api/v1. Filled in by the speaker pipeline work.
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../build-app.js';

export async function speakerRoutes(_root: FastifyInstance, _deps: RouteDeps): Promise<void> {}
