import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import {
  ErrorBody,
  Event,
  EventPerson,
  EventRole,
  EventWithProgress,
  GoalProgress,
  Id,
  IdParams,
  Instant,
  Nullable,
  Paging,
  Person,
  PossibleDuplicate,
  RequestId,
  ShortText,
} from '../schemas.js';
import { PersonIn } from './people.routes.js';

const eventFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  startsAt: Instant,
  endsAt: Type.Optional(Instant),
  timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  place: Type.Optional(Nullable(ShortText)),
  link: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  role: Type.Optional(EventRole),
  goal: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
};
const EventIn = Type.Object(eventFields, { additionalProperties: false });
const EventPatch = Type.Object({ ...eventFields, name: Type.Optional(eventFields.name), startsAt: Type.Optional(Instant) }, { additionalProperties: false, minProperties: 1 });
const EventDetail = Type.Object({ event: Event, progress: GoalProgress, people: Type.Array(EventPerson) });
const PersonMetAnswer = Type.Object({
  detail: EventDetail,
  created: Nullable(Type.Object({ person: Person, possibleDuplicates: Type.Array(PossibleDuplicate) })),
  replayed: Type.Boolean({ description: 'true when requestId was seen before: nothing new was made' }),
});

export async function eventsRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const events = services.events;
  const common = { onRequest: authenticate };

  app.get('/events', {
    ...common,
    schema: {
      tags: ['events'],
      description: 'My events, the latest first, each with its progress toward its goal.',
      querystring: Type.Object(Paging.properties, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(EventWithProgress), total: Type.Integer() }), '4xx': ErrorBody },
    },
  }, async (request) => events.list(accountOf(request), request.query.limit ?? 50, request.query.offset ?? 0));

  app.post('/events', { ...common, schema: { tags: ['events'], body: EventIn, response: { 201: Type.Object({ event: Event }), '4xx': ErrorBody } } }, async (request, reply) =>
    reply.status(201).send({ event: await events.create(accountOf(request), request.body) }),
  );

  app.get('/events/current', {
    ...common,
    schema: { tags: ['events'], description: 'The event I said I am at, while it lasts.', response: { 200: Type.Object({ event: Nullable(Event), progress: Nullable(GoalProgress) }), '4xx': ErrorBody } },
  }, async (request) => {
    const accountId = accountOf(request);
    const event = await events.current(accountId);
    return event ? { event, progress: (await events.get(accountId, event.id)).progress } : { event: null, progress: null };
  });

  app.delete('/events/current', { ...common, schema: { tags: ['events'], description: 'I have left the event.', response: { 204: Type.Null(), '4xx': ErrorBody } } }, async (request, reply) => {
    await events.leave(accountOf(request));
    return reply.status(204).send(null);
  });

  app.get('/events/:id', { ...common, schema: { tags: ['events'], params: IdParams, response: { 200: EventDetail, '4xx': ErrorBody } } }, async (request) =>
    events.get(accountOf(request), request.params.id),
  );

  app.patch('/events/:id', { ...common, schema: { tags: ['events'], params: IdParams, body: EventPatch, response: { 200: Type.Object({ event: Event }), '4xx': ErrorBody } } }, async (request) => ({
    event: await events.update(accountOf(request), request.params.id, request.body),
  }));

  app.delete('/events/:id', { ...common, schema: { tags: ['events'], params: IdParams, response: { 204: Type.Null(), '4xx': ErrorBody } } }, async (request, reply) => {
    await events.delete(accountOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/events/:id/here', {
    ...common,
    schema: { tags: ['events'], description: "I'm here now: quick captures count as met at this event.", params: IdParams, response: { 200: EventDetail, '4xx': ErrorBody } },
  }, async (request) => events.hereNow(accountOf(request), request.params.id));

  app.post('/events/:id/people', {
    ...common,
    schema: {
      tags: ['events'],
      description:
        'Someone I met here: an existing person ({ personId }) or a new one ({ person }). A new person sent again with the same requestId is not made twice: 200 with replayed: true.',
      params: IdParams,
      body: Type.Union([
        Type.Object({ personId: Id }, { additionalProperties: false }),
        Type.Object({ person: PersonIn, requestId: Type.Optional(RequestId) }, { additionalProperties: false }),
      ]),
      response: { 200: PersonMetAnswer, 201: PersonMetAnswer, '4xx': ErrorBody },
    },
  }, async (request, reply) => {
    const answer = await events.addPersonMet(accountOf(request), request.params.id, request.body);
    return reply.status(answer.replayed ? 200 : 201).send(answer);
  });

  app.get('/events/:id/progress', { ...common, schema: { tags: ['events'], params: IdParams, response: { 200: GoalProgress, '4xx': ErrorBody } } }, async (request) =>
    (await events.get(accountOf(request), request.params.id)).progress,
  );

  app.get('/events/:id/recap', {
    ...common,
    schema: {
      tags: ['events'],
      params: IdParams,
      response: {
        200: Type.Object({
          event: Event,
          progress: GoalProgress,
          newPeople: Type.Integer(),
          knownPeople: Type.Integer(),
          followUpsScheduled: Type.Integer(),
          promisesMade: Type.Integer(),
          summary: Type.String(),
          people: Type.Array(EventPerson),
        }),
        '4xx': ErrorBody,
      },
    },
  }, async (request) => events.recap(accountOf(request), request.params.id));
}
