import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import {
  CommonalityIn,
  DateString,
  ErrorBody,
  Id,
  IdParams,
  Interaction,
  InteractionKind,
  LabelledValueIn,
  LongText,
  Nullable,
  Paging,
  Person,
  PersonSource,
  PersonSummary,
  PossibleDuplicate,
  PromiseDirection,
  PromiseOut,
  RequestId,
  ShortText,
  Stage,
  StageChange,
} from '../schemas.js';

const LabelledList = Type.Array(LabelledValueIn, { maxItems: 20 });
const personFields = {
  fullName: Type.String({ minLength: 1, maxLength: 200 }),
  company: Type.Optional(Nullable(ShortText)),
  title: Type.Optional(Nullable(ShortText)),
  notes: Type.Optional(Nullable(LongText)),
  stage: Type.Optional(Stage),
  cadenceDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 3650 }))),
  emails: Type.Optional(LabelledList),
  phones: Type.Optional(LabelledList),
  links: Type.Optional(LabelledList),
  addresses: Type.Optional(Type.Array(LabelledValueIn, { maxItems: 10 })),
  introducedBy: Type.Optional(Nullable(ShortText)),
};
export const PersonIn = Type.Object(
  {
    ...personFields,
    commonalities: Type.Optional(Type.Array(CommonalityIn, { maxItems: 50 })),
    source: Type.Optional(PersonSource),
    eventId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
const PersonPatch = Type.Object({ ...personFields, fullName: Type.Optional(personFields.fullName) }, { additionalProperties: false, minProperties: 1 });

const PersonWithDuplicates = Type.Object({ person: Person, possibleDuplicates: Type.Array(PossibleDuplicate) });
const PersonOnly = Type.Object({ person: Person });
const PersonDetail = Type.Object({
  person: Person,
  promises: Type.Array(PromiseOut),
  interactions: Type.Array(Interaction),
  stageHistory: Type.Array(StageChange),
  events: Type.Array(Type.Object({ eventId: Type.String(), name: Type.String(), metOn: Type.String(), isNew: Type.Boolean() })),
});

export async function peopleRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const people = services.people;
  const common = { onRequest: authenticate };

  app.get('/people', {
    ...common,
    schema: {
      tags: ['people'],
      description: 'List people (filters combine), or search them with q: every word is a prefix, case- and accent-insensitive.',
      querystring: Type.Object({
        ...Paging.properties,
        q: Type.Optional(Type.String({ maxLength: 200 })),
        stage: Type.Optional(Stage),
        eventId: Type.Optional(Id),
        topic: Type.Optional(ShortText),
        overdue: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(PersonSummary), total: Nullable(Type.Integer()), hasMore: Type.Boolean() }), '4xx': ErrorBody },
    },
  }, async (request) => {
    const { q, limit = 50, offset = 0, ...filter } = request.query;
    const accountId = accountOf(request);
    if (q !== undefined) {
      const page = await people.search(accountId, q, limit, offset);
      return { items: page.items, total: null, hasMore: page.hasMore };
    }
    const page = await people.list(accountId, { ...filter, limit, offset });
    return { items: page.items, total: page.total, hasMore: offset + page.items.length < page.total };
  });

  app.post('/people', { ...common, schema: { tags: ['people'], body: PersonIn, response: { 201: PersonWithDuplicates, '4xx': ErrorBody } } }, async (request, reply) =>
    reply.status(201).send(await people.create(accountOf(request), request.body)),
  );

  app.get('/people/:id', { ...common, schema: { tags: ['people'], params: IdParams, response: { 200: PersonDetail, '4xx': ErrorBody } } }, async (request) =>
    people.get(accountOf(request), request.params.id),
  );

  app.patch('/people/:id', { ...common, schema: { tags: ['people'], params: IdParams, body: PersonPatch, response: { 200: PersonOnly, '4xx': ErrorBody } } }, async (request) => ({
    person: await people.update(accountOf(request), request.params.id, request.body),
  }));

  app.delete('/people/:id', { ...common, schema: { tags: ['people'], description: 'Deletes a person; POST /people/:id/restore undoes it.', params: IdParams, response: { 204: Type.Null(), '4xx': ErrorBody } } }, async (request, reply) => {
    await people.delete(accountOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/people/:id/restore', { ...common, schema: { tags: ['people'], params: IdParams, response: { 200: PersonOnly, '4xx': ErrorBody } } }, async (request) => ({
    person: await people.restore(accountOf(request), request.params.id),
  }));

  app.post('/people/:id/commonalities', { ...common, schema: { tags: ['people'], params: IdParams, body: CommonalityIn, response: { 201: PersonOnly, '4xx': ErrorBody } } }, async (request, reply) =>
    reply.status(201).send({ person: await people.addCommonality(accountOf(request), request.params.id, request.body) }),
  );

  app.delete('/people/:id/commonalities/:commonalityId', {
    ...common,
    schema: { tags: ['people'], params: Type.Object({ id: Id, commonalityId: Id }), response: { 200: PersonOnly, '4xx': ErrorBody } },
  }, async (request) => ({ person: await people.removeCommonality(accountOf(request), request.params.id, request.params.commonalityId) }));

  app.post('/people/:id/promises', {
    ...common,
    schema: {
      tags: ['promises'],
      params: IdParams,
      body: Type.Object({ direction: Type.Optional(PromiseDirection), text: Type.String({ minLength: 1, maxLength: 500 }), dueOn: Type.Optional(Nullable(DateString)), eventId: Type.Optional(Nullable(Id)) }, { additionalProperties: false }),
      response: { 201: Type.Object({ promise: PromiseOut }), '4xx': ErrorBody },
    },
  }, async (request, reply) =>
    reply.status(201).send({ promise: await people.addPromise(accountOf(request), request.params.id, { ...request.body, direction: request.body.direction ?? 'i_owe' }) }),
  );

  app.post('/promises/:id/done', {
    ...common,
    schema: { tags: ['promises'], params: IdParams, body: Type.Optional(Type.Object({ done: Type.Optional(Type.Boolean()) }, { additionalProperties: false })), response: { 200: Type.Object({ promise: PromiseOut }), '4xx': ErrorBody } },
  }, async (request) => ({ promise: await people.setPromiseDone(accountOf(request), request.params.id, request.body?.done ?? true) }));

  app.post('/people/:id/touches', {
    ...common,
    schema: {
      tags: ['people'],
      description: 'Logs a touch (e-mail, call, meeting…); any touch resets the keep-in-touch clock.',
      params: IdParams,
      body: Type.Object({ kind: InteractionKind, occurredOn: Type.Optional(DateString), summary: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))), eventId: Type.Optional(Nullable(Id)) }, { additionalProperties: false }),
      response: { 201: Type.Object({ interaction: Interaction, person: Person }), '4xx': ErrorBody },
    },
  }, async (request, reply) => reply.status(201).send(await people.logTouch(accountOf(request), request.params.id, request.body)));

  app.post('/people/:id/stage', {
    ...common,
    schema: { tags: ['people'], params: IdParams, body: Type.Object({ stage: Stage }, { additionalProperties: false }), response: { 200: PersonOnly, '4xx': ErrorBody } },
  }, async (request) => ({ person: await people.changeStage(accountOf(request), request.params.id, request.body.stage) }));

  app.post('/people/:id/snooze', {
    ...common,
    schema: {
      tags: ['follow-ups'],
      description: 'Hides the follow-up until a day (until) or for a number of days (days).',
      params: IdParams,
      body: Type.Union([
        Type.Object({ until: DateString }, { additionalProperties: false }),
        Type.Object({ days: Type.Integer({ minimum: 1, maximum: 365 }) }, { additionalProperties: false }),
      ]),
      response: { 200: PersonOnly, '4xx': ErrorBody },
    },
  }, async (request) => ({ person: await people.snooze(accountOf(request), request.params.id, request.body) }));

  const Parsed = Type.Object({
    fullName: Nullable(Type.String()),
    company: Nullable(Type.String()),
    title: Nullable(Type.String()),
    emails: Type.Array(Type.Object({ value: Type.String(), label: Nullable(Type.String()) })),
    phones: Type.Array(Type.Object({ value: Type.String(), label: Nullable(Type.String()) })),
    links: Type.Array(Type.Object({ value: Type.String(), label: Nullable(Type.String()) })),
    commonalities: Type.Array(Type.Object({ kind: Type.String(), text: Type.String(), topic: Type.String() })),
    promises: Type.Array(Type.Object({ direction: Type.String(), text: Type.String(), dueOn: Nullable(Type.String()) })),
    introducedBy: Nullable(Type.String()),
    note: Nullable(Type.String()),
    parts: Type.Array(Type.Object({ text: Type.String(), role: Type.String() })),
  });
  const CaptureText = Type.String({ minLength: 1, maxLength: 2000 });
  const Captured = Type.Object({
    person: Person,
    possibleDuplicates: Type.Array(PossibleDuplicate),
    parsed: Parsed,
    promises: Type.Array(PromiseOut),
    replayed: Type.Boolean({ description: 'true when requestId was seen before: nothing new was made' }),
  });

  app.post('/capture/preview', {
    ...common,
    schema: {
      tags: ['capture'],
      description: 'How a quick-capture line would be read, and who it may duplicate. Saves nothing.',
      body: Type.Object({ text: CaptureText }, { additionalProperties: false }),
      response: { 200: Type.Object({ parsed: Parsed, possibleDuplicates: Type.Array(PossibleDuplicate) }), '4xx': ErrorBody },
    },
  }, async (request) => services.capture.preview(accountOf(request), request.body.text));

  app.post('/capture', {
    ...common,
    schema: {
      tags: ['capture'],
      description:
        'One typed line becomes a person with commonalities and promises; at the current event unless eventId says otherwise (null: no event). ' +
        'Sent again with the same requestId, it makes nothing new and answers 200 with replayed: true, the person as they are now and the promises that capture made.',
      body: Type.Object({ text: CaptureText, eventId: Type.Optional(Nullable(Id)), requestId: Type.Optional(RequestId) }, { additionalProperties: false }),
      response: { 200: Captured, 201: Captured, '4xx': ErrorBody },
    },
  }, async (request, reply) => {
    const { text, eventId, requestId } = request.body;
    const captured = await services.capture.capture(accountOf(request), text, eventId, requestId);
    return reply.status(captured.replayed ? 200 : 201).send(captured);
  });
}
