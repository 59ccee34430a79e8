import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { CommonalityKind, ErrorBody, Id, IdParams, Interaction, Nullable, Paging } from '../schemas.js';
import { MAX_TITLE_LENGTH, MAX_TOPIC_LENGTH, MAX_TOPICS } from '../../app/shares.service.js';

const Topics = Type.Array(Type.String({ maxLength: MAX_TOPIC_LENGTH }), { maxItems: MAX_TOPICS, description: `1–${MAX_TOPICS} short topics, e.g. ["opera", "Verdi"]` });
const shareFields = {
  title: Type.String({ maxLength: MAX_TITLE_LENGTH, description: 'what it is, e.g. "La Traviata at the Civic Opera, 12 March"' }),
  link: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'an http or https address' }))),
  topics: Topics,
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};
const ShareIn = Type.Object(shareFields, { additionalProperties: false });
const SharePatch = Type.Object(
  {
    title: Type.Optional(shareFields.title),
    link: shareFields.link,
    topics: Type.Optional(Topics),
    note: shareFields.note,
    archived: Type.Optional(Type.Boolean({ description: 'true archives it (no longer suggested); false brings it back' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const Share = Type.Object({
  id: Type.String(),
  title: Type.String(),
  link: Nullable(Type.String()),
  topics: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  archivedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const ShareListItem = Type.Object({ ...Share.properties, sentCount: Type.Integer() });
const Delivery = Type.Object({ shareId: Type.String(), personId: Type.String(), state: Type.Union([Type.Literal('sent'), Type.Literal('dismissed')]), at: Type.String() });
const ShareMatch = Type.Object({
  personId: Type.String(),
  fullName: Type.String(),
  company: Nullable(Type.String()),
  email: Nullable(Type.String({ description: "the person's first e-mail address, for a mailto: link" })),
  score: Type.Number({ description: "0–1: the part of the share's topics found in the commonality" }),
  commonality: Type.Object({ id: Type.String(), kind: CommonalityKind, text: Type.String() }),
  topic: Type.String({ description: 'the topic of the share that matched' }),
  reasonText: Type.String({ description: 'why, in words: "Jane loves opera"' }),
});
const PersonBody = Type.Object({ personId: Id }, { additionalProperties: false });
const CommonalityHint = Type.Object({
  kind: CommonalityKind,
  text: Type.String(),
  topic: Type.String(),
  source: Type.String({ description: 'the words of the note or touch it was read from' }),
});

export async function sharesRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const shares = services.shares;
  const common = { onRequest: authenticate };
  const tags = ['shares'];

  app.get('/shares', {
    ...common,
    schema: {
      tags,
      description: 'Things to share, newest first; archived ones only with archived=true.',
      querystring: Type.Object({ archived: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ShareListItem) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ items: await shares.list(accountOf(request), { includeArchived: request.query.archived }) }));

  app.post('/shares', { ...common, schema: { tags, body: ShareIn, response: { 201: Type.Object({ share: Share }), '4xx': ErrorBody } } }, async (request, reply) =>
    reply.status(201).send({ share: await shares.create(accountOf(request), request.body) }),
  );

  app.get('/shares/:id', {
    ...common,
    schema: { tags, params: IdParams, response: { 200: Type.Object({ share: Share, deliveries: Type.Array(Delivery) }), '4xx': ErrorBody } },
  }, async (request) => shares.get(accountOf(request), request.params.id));

  app.patch('/shares/:id', { ...common, schema: { tags, params: IdParams, body: SharePatch, response: { 200: Type.Object({ share: Share }), '4xx': ErrorBody } } }, async (request) => ({
    share: await shares.update(accountOf(request), request.params.id, request.body),
  }));

  app.delete('/shares/:id', { ...common, schema: { tags, params: IdParams, response: { 204: Type.Null(), '4xx': ErrorBody } } }, async (request, reply) => {
    await shares.delete(accountOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/shares/:id/matches', {
    ...common,
    schema: {
      tags,
      description: 'The people whose commonalities match, best first, each once with the reason; not those it was sent to or dismissed for.',
      params: IdParams,
      querystring: Type.Object(Paging.properties, { additionalProperties: false }),
      response: { 200: Type.Object({ share: Share, items: Type.Array(ShareMatch), total: Type.Integer(), hasMore: Type.Boolean() }), '4xx': ErrorBody },
    },
  }, async (request) => {
    const { limit = 50, offset = 0 } = request.query;
    const page = await shares.matches(accountOf(request), request.params.id, limit, offset);
    return { ...page, hasMore: offset + page.items.length < page.total };
  });

  app.post('/shares/:id/sent', {
    ...common,
    schema: {
      tags,
      description: 'Sent it to this person: logs a "sent something" touch and stops suggesting it to them.',
      params: IdParams,
      body: PersonBody,
      response: { 200: Type.Object({ delivery: Delivery, interaction: Interaction }), '4xx': ErrorBody },
    },
  }, async (request) => shares.markSent(accountOf(request), request.params.id, request.body.personId));

  app.post('/shares/:id/dismiss', {
    ...common,
    schema: { tags, description: '"Not for them": stops suggesting it to this person.', params: IdParams, body: PersonBody, response: { 200: Type.Object({ delivery: Delivery }), '4xx': ErrorBody } },
  }, async (request) => ({ delivery: await shares.dismiss(accountOf(request), request.params.id, request.body.personId) }));

  app.get('/people/:id/commonality-suggestions', {
    ...common,
    schema: {
      tags: ['people'],
      description: "Commonalities suggested by the person's notes and latest touches; accept one with POST /people/:id/commonalities.",
      params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(CommonalityHint) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ items: await shares.commonalitySuggestions(accountOf(request), request.params.id) }));
}
