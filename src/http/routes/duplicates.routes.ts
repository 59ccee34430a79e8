import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { ErrorBody, Id, IdParams, Nullable, Paging, Person, literals } from '../schemas.js';

const PairSide = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  createdAt: Type.String(),
});

const Pair = Type.Object({
  a: PairSide,
  b: PairSide,
  confidence: Type.Number({ description: '1 for an identical e-mail or phone; below 1 for close names at the same company or e-mail domain' }),
  certain: Type.Boolean(),
  evidence: Type.Array(Type.String(), { description: 'in words, e.g. "same e-mail jane@acme.com"' }),
});

const Merge = Type.Object({
  id: Type.String(),
  keptId: Type.String(),
  mergedId: Type.String(),
  keptName: Type.String(),
  mergedName: Type.String(),
  createdAt: Type.String(),
  undoneAt: Nullable(Type.String()),
});

const Scalar = Type.Optional(literals(['keep', 'merge']));
const Both = Type.Optional(literals(['keep', 'merge', 'both']));
const MergeFields = Type.Object(
  {
    fullName: Scalar,
    company: Scalar,
    title: Scalar,
    stage: Scalar,
    cadenceDays: Scalar,
    introducedBy: Scalar,
    metAt: Scalar,
    notes: Both,
    emails: Both,
    phones: Both,
    links: Both,
    addresses: Both,
    commonalities: Both,
  },
  { additionalProperties: false, description: "which side each field comes from; scalars default to the kept person's (or the merged one's when the kept has none), notes and lists to both" },
);

export async function duplicatesRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const duplicates = services.duplicates;
  const common = { onRequest: authenticate };

  app.get('/duplicates', {
    ...common,
    schema: {
      tags: ['duplicates'],
      description: 'Candidate duplicate pairs, best first, each with a confidence and the evidence; dismissed pairs are left out.',
      querystring: Type.Object(Paging.properties, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Pair), total: Type.Integer() }), '4xx': ErrorBody },
    },
  }, async (request) => duplicates.list(accountOf(request), request.query.limit ?? 50, request.query.offset ?? 0));

  app.post('/duplicates/dismiss', {
    ...common,
    schema: {
      tags: ['duplicates'],
      description: '"Not the same person": the pair is never shown again.',
      body: Type.Object({ a: Id, b: Id }, { additionalProperties: false }),
      response: { 204: Type.Null(), '4xx': ErrorBody },
    },
  }, async (request, reply) => {
    await duplicates.dismiss(accountOf(request), request.body.a, request.body.b);
    return reply.status(204).send(null);
  });

  app.post('/duplicates/merge-certain', {
    ...common,
    schema: {
      tags: ['duplicates'],
      description: 'Merges only the pairs that share an identical e-mail or phone, each into the oldest person; every merge can be undone.',
      response: { 200: Type.Object({ merges: Type.Array(Type.Object({ ...Merge.properties, evidence: Type.Array(Type.String()) })) }), '4xx': ErrorBody },
    },
  }, async (request) => duplicates.mergeCertain(accountOf(request)));

  app.post('/merges', {
    ...common,
    schema: {
      tags: ['duplicates'],
      description: 'Merges `merge` into `keep` field by field; both histories stay on the kept person; undo with POST /merges/:id/undo.',
      body: Type.Object({ keep: Id, merge: Id, fields: Type.Optional(MergeFields) }, { additionalProperties: false }),
      response: { 201: Type.Object({ merge: Merge, person: Person }), '4xx': ErrorBody },
    },
  }, async (request, reply) => reply.status(201).send(await duplicates.merge(accountOf(request), request.body.keep, request.body.merge, request.body.fields ?? {})));

  app.get('/merges', {
    ...common,
    schema: {
      tags: ['duplicates'],
      description: 'Recent merges, newest first, undone ones included.',
      querystring: Type.Object(Paging.properties, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Merge) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ items: await duplicates.listMerges(accountOf(request), request.query.limit ?? 50, request.query.offset ?? 0) }));

  app.post('/merges/:id/undo', {
    ...common,
    schema: {
      tags: ['duplicates'],
      description: 'Restores both people exactly as they were before the merge.',
      params: IdParams,
      response: { 200: Type.Object({ merge: Merge }), '4xx': ErrorBody },
    },
  }, async (request) => ({ merge: await duplicates.undo(accountOf(request), request.params.id) }));
}
