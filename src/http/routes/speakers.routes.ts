// The speaker pipeline's API (issue 7), under /api/v1: an organization's speakers, their moves, invitations and
// introductions, and the organization's nudge setting. Each route is one call of SpeakerService with the caller's
// account; non-members get 404, door staff 403 (the service decides).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { Introduction, Settings, Speaker, SpeakerAnswer, SpeakerCreate, SpeakerPatch, SpeakerStatus } from '../organizer-schemas.js';
import { accountOf } from '../auth.js';
import { ErrorBody, Id, Nullable } from '../schemas.js';

const OrgParams = Type.Object({ id: Id });
const SpeakerParams = Type.Object({ id: Id, speakerId: Id });
const MessageIn = Type.Object({ message: Type.Optional(Nullable(Type.String({ description: 'your own words, added to the e-mail (at most 4000 characters)' }))) }, { additionalProperties: false });
/** A POST without a body is one with an empty body. */
const emptyBodyIsEmptyObject = async (request: FastifyRequest) => {
  request.body ??= {};
};

export async function speakerRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const speakers = services.speakers;
  const common = { onRequest: authenticate };
  const tags = ['organizer'];

  app.get('/organizations/:id/speakers', {
    ...common,
    schema: {
      tags,
      description: "The organization's speakers in the order they were added, optionally of one event or status, each with its dated steps (owners and organizers).",
      params: OrgParams,
      querystring: Type.Object({ eventId: Type.Optional(Id), status: Type.Optional(SpeakerStatus) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Speaker) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ items: await speakers.list(accountOf(request), request.params.id, { hostedEventId: request.query.eventId, status: request.query.status }) }));

  app.post('/organizations/:id/speakers', {
    ...common,
    schema: { tags, description: 'Adds a speaker, a prospect, optionally for one of the organization\'s events.', params: OrgParams, body: SpeakerCreate, response: { 201: SpeakerAnswer, '4xx': ErrorBody } },
  }, async (request, reply) => reply.status(201).send({ speaker: await speakers.create(accountOf(request), request.params.id, request.body) }));

  app.get('/organizations/:id/speakers/:speakerId', {
    ...common,
    schema: { tags, description: 'One speaker with the dated steps and the latest invitation.', params: SpeakerParams, response: { 200: SpeakerAnswer, '4xx': ErrorBody } },
  }, async (request) => ({ speaker: await speakers.get(accountOf(request), request.params.id, request.params.speakerId) }));

  app.patch('/organizations/:id/speakers/:speakerId', {
    ...common,
    schema: { tags, description: 'Changes the fields sent (null clears one); the status moves through …/status.', params: SpeakerParams, body: SpeakerPatch, response: { 200: SpeakerAnswer, '4xx': ErrorBody } },
  }, async (request) => ({ speaker: await speakers.update(accountOf(request), request.params.id, request.params.speakerId, request.body) }));

  app.delete('/organizations/:id/speakers/:speakerId', {
    ...common,
    schema: { tags, description: 'Removes the speaker with the steps and invitations (their link stops working).', params: SpeakerParams, response: { 204: Type.Null(), '4xx': ErrorBody } },
  }, async (request, reply) => {
    await speakers.remove(accountOf(request), request.params.id, request.params.speakerId);
    return reply.status(204).send(null);
  });

  app.post('/organizations/:id/speakers/:speakerId/status', {
    ...common,
    schema: {
      tags,
      description:
        'Moves the speaker: prospect → invited | accepted | declined; invited → prospect (withdraws the invitation) | accepted | declined; accepted → confirmed | declined; ' +
        'confirmed → spoke (once the event has begun) | declined; declined → prospect. Accepted and declined are the speaker\'s answers: an organizer records one given another way ' +
        '(a yes by phone) with onBehalf: true. Any other move: 409 KITH_SPEAKER_MOVE_NOT_ALLOWED.',
      params: SpeakerParams,
      body: Type.Object({ status: SpeakerStatus, onBehalf: Type.Optional(Type.Boolean()), note: Type.Optional(Nullable(Type.String({ description: 'at most 2000 characters' }))) }, { additionalProperties: false }),
      response: { 200: SpeakerAnswer, '4xx': ErrorBody },
    },
  }, async (request) => ({ speaker: await speakers.move(accountOf(request), request.params.id, request.params.speakerId, request.body) }));

  app.post('/organizations/:id/speakers/:speakerId/invite', {
    ...common,
    preValidation: emptyBodyIsEmptyObject,
    schema: {
      tags,
      description:
        'E-mails the speaker an invitation (in the organization\'s name) with a single-use link to a page with Accept and Decline; an earlier open link stops working. ' +
        'The speaker must be a prospect or invited, with an e-mail address. One reminder follows after the organization\'s nudge days without an answer.',
      params: SpeakerParams,
      body: MessageIn,
      response: { 200: SpeakerAnswer, '4xx': ErrorBody },
    },
  }, async (request) => ({ speaker: await speakers.invite(accountOf(request), request.params.id, request.params.speakerId, request.body.message) }));

  app.post('/organizations/:id/speakers/:speakerId/introduce', {
    ...common,
    preValidation: emptyBodyIsEmptyObject,
    schema: {
      tags,
      description: "E-mails each confirmed registrant of the speaker's event an introduction of the confirmed speaker (never the speaker's address); each registrant once, whatever the number of calls.",
      params: SpeakerParams,
      body: MessageIn,
      response: { 200: Introduction, '4xx': ErrorBody },
    },
  }, async (request) => speakers.introduce(accountOf(request), request.params.id, request.params.speakerId, request.body.message));

  app.get('/organizations/:id/speaker-settings', {
    ...common,
    schema: { tags, description: "The organization's nudge: days without an answer before an invited speaker gets the one reminder.", params: OrgParams, response: { 200: Settings, '4xx': ErrorBody } },
  }, async (request) => speakers.settings(accountOf(request), request.params.id));

  app.put('/organizations/:id/speaker-settings', {
    ...common,
    schema: { tags, description: 'Sets the nudge (1–60 days, or null for none), for invitations sent from now on.', params: OrgParams, body: Type.Object({ nudgeAfterDays: Nullable(Type.Integer()) }, { additionalProperties: false }), response: { 200: Settings, '4xx': ErrorBody } },
  }, async (request) => speakers.setSettings(accountOf(request), request.params.id, request.body.nudgeAfterDays));
}
