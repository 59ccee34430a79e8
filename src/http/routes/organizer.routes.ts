// The organizer's API (issue 7): organizations, members, hosted events and their registrations. Filled in by the
// organizer API work; registered in build-app.ts under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../build-app.js';

export async function organizerRoutes(_root: FastifyInstance, _deps: RouteDeps): Promise<void> {}
