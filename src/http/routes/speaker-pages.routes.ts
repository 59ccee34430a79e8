// The speaker's answer page (issue 7): /s/<token> with Accept and Decline. Filled in by the speaker pipeline work.
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../build-app.js';

export async function speakerPageRoutes(_root: FastifyInstance, _deps: RouteDeps): Promise<void> {}
