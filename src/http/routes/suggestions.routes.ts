// Today's suggestions (who to contact, why, what to say) and the account's templates for the drafted words.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { CommonalityKind, ErrorBody, Nullable, literals } from '../schemas.js';
import { SUGGESTION_ACTIONS } from '../../app/suggestions.service.js';
import { TEMPLATE_LIMITS } from '../../core/message-template.js';

const Draft = Type.Object(
  { subject: Type.String(), body: Type.String(), short: Type.String({ description: 'one line, for a text message' }) },
  { description: "a plain-text message to start from, in the account's words (see /templates)" },
);

const Suggestion = Type.Object({
  key: Type.String({ description: 'person:<id>, promise:<id> or share:<shareId>:<personId>; use it to act on the suggestion' }),
  kind: Type.String({ description: 'first_follow_up, promise, cadence or share' }),
  personId: Type.String(),
  fullName: Type.String(),
  company: Nullable(Type.String()),
  email: Nullable(Type.String()),
  reasonText: Type.String({ description: 'why, in words' }),
  state: Type.String({ description: 'overdue, due (today) or soon' }),
  dueOn: Type.String(),
  since: Type.String(),
  commonality: Nullable(Type.Object({ kind: CommonalityKind, text: Type.String() })),
  eventId: Nullable(Type.String()),
  eventName: Nullable(Type.String()),
  promiseId: Nullable(Type.String()),
  share: Nullable(Type.Object({ id: Type.String(), title: Type.String(), link: Nullable(Type.String()) })),
  draft: Draft,
});

const KeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 200 }) });

const Template = Type.Object({
  reason: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  short: Type.String(),
  isDefault: Type.Boolean({ description: "true while Kith's own words are used" }),
  updatedAt: Nullable(Type.String()),
  placeholders: Type.Array(Type.Object({ name: Type.String(), meaning: Type.String() })),
});

const ReasonParams = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 40 }) });

export async function suggestionRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/suggestions', {
    onRequest: authenticate,
    schema: {
      tags: ['suggestions'],
      description:
        "Today's short list (the account's dailySuggestions, 3 by default): first follow-ups after an event, promises I owe, keep-in-touch follow-ups due, people matching something to share; one per person, each with its reason, what to mention and a drafted message.",
      response: { 200: Type.Object({ today: Type.String(), items: Type.Array(Suggestion) }), '4xx': ErrorBody },
    },
  }, async (request) => services.suggestions.today(accountOf(request)));

  app.post('/suggestions/:key/done', {
    onRequest: authenticate,
    schema: {
      tags: ['suggestions'],
      description: 'I acted on it: logs a touch of that kind (a kept promise is marked done, a thing to share marked sent).',
      params: KeyParams,
      body: Type.Object({ action: literals(SUGGESTION_ACTIONS), summary: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false }),
      response: { 200: Type.Object({ key: Type.String() }), '4xx': ErrorBody },
    },
  }, async (request) => {
    await services.suggestions.act(accountOf(request), request.params.key, request.body.action, request.body.summary);
    return { key: request.params.key };
  });

  app.post('/suggestions/:key/set-aside', {
    onRequest: authenticate,
    schema: {
      tags: ['suggestions'],
      description: 'Not now: off the list until `days` from today (1 = tomorrow, 7 = a week). A follow-up is snoozed; a promise keeps its due day.',
      params: KeyParams,
      body: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 1 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ key: Type.String(), until: Type.String() }), '4xx': ErrorBody },
    },
  }, async (request) => ({ key: request.params.key, ...(await services.suggestions.setAside(accountOf(request), request.params.key, request.body.days ?? 1)) }));

  app.post('/suggestions/:key/dismiss', {
    onRequest: authenticate,
    schema: {
      tags: ['suggestions'],
      description: 'Not for them: a thing to share is never suggested to this person again.',
      params: KeyParams,
      response: { 200: Type.Object({ key: Type.String() }), '4xx': ErrorBody },
    },
  }, async (request) => {
    await services.suggestions.dismiss(accountOf(request), request.params.key);
    return { key: request.params.key };
  });

  app.get('/templates', {
    onRequest: authenticate,
    schema: {
      tags: ['suggestions'],
      description: 'The words of drafted messages, one template per reason, with the placeholders each may use.',
      response: { 200: Type.Object({ items: Type.Array(Template) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ items: await services.suggestions.templates(accountOf(request)) }));

  app.put('/templates/:reason', {
    onRequest: authenticate,
    schema: {
      tags: ['suggestions'],
      description: 'Saves my own words for one reason. Placeholders in braces ({first_name}); optional parts in [[ ]] vanish when a placeholder in them has no value.',
      params: ReasonParams,
      body: Type.Object(
        {
          subject: Type.String({ maxLength: TEMPLATE_LIMITS.subject }),
          body: Type.String({ maxLength: TEMPLATE_LIMITS.body }),
          short: Type.String({ maxLength: TEMPLATE_LIMITS.short }),
        },
        { additionalProperties: false },
      ),
      response: { 200: Template, '4xx': ErrorBody },
    },
  }, async (request) => services.suggestions.saveTemplate(accountOf(request), request.params.reason, request.body));

  app.delete('/templates/:reason', {
    onRequest: authenticate,
    schema: { tags: ['suggestions'], description: "Back to Kith's own words.", params: ReasonParams, response: { 200: Template, '4xx': ErrorBody } },
  }, async (request) => services.suggestions.resetTemplate(accountOf(request), request.params.reason));
}
