import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { ErrorBody, Nullable } from '../schemas.js';

const FollowUpItem = Type.Object({
  kind: Type.String(),
  personId: Type.String(),
  fullName: Type.String(),
  company: Nullable(Type.String()),
  reason: Type.String(),
  reasonText: Type.String(),
  state: Type.String({ description: 'overdue, due (today) or soon' }),
  dueOn: Type.String(),
  since: Type.String(),
  promiseId: Nullable(Type.String()),
  eventId: Nullable(Type.String()),
  eventName: Nullable(Type.String()),
  commonality: Nullable(Type.Object({ kind: Type.String(), text: Type.String() })),
  email: Nullable(Type.String({ description: "the person's first e-mail address, for a mailto: link" })),
  draft: Type.Object(
    { subject: Type.String(), body: Type.String(), short: Type.String({ description: 'one line, for a text message' }) },
    { description: 'a plain-text message to start from, signed off without a name' },
  ),
});

export async function followUpRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/follow-ups', {
    onRequest: authenticate,
    schema: {
      tags: ['follow-ups'],
      description: 'Who to contact: overdue first, then due today, then soon; promises I owe among them; each with its reason.',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          today: Type.String(),
          items: Type.Array(FollowUpItem),
          counts: Type.Object({ overdue: Type.Integer(), due: Type.Integer(), soon: Type.Integer(), promises: Type.Integer() }),
        }),
        '4xx': ErrorBody,
      },
    },
  }, async (request) => services.followUps.list(accountOf(request), request.query.limit ?? 50));
}
