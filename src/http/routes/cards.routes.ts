import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { ErrorBody, IdParams, Nullable, Person, PossibleDuplicate } from '../schemas.js';
import { PersonIn } from './people.routes.js';
import { personFromDraft } from '../../app/card-scan.service.js';
import { ValidationError } from '../../core/errors.js';

export const CARD_MAX_BYTES = 12 * 1024 * 1024;

const Field = <T extends Parameters<typeof Type.Object>[0]>(value: ReturnType<typeof Type.Object<T>> | ReturnType<typeof Type.String>) =>
  Type.Object({ value, confidence: Type.Number(), line: Type.String(), from: Type.String() });
const TextField = Field(Type.String());
const CardDraft = Type.Object({
  name: Nullable(TextField),
  title: Nullable(TextField),
  company: Nullable(TextField),
  emails: Type.Array(TextField),
  phones: Type.Array(Field(Type.Object({ number: Type.String(), label: Nullable(Type.String()) }))),
  websites: Type.Array(TextField),
  address: Nullable(TextField),
  socials: Type.Array(Field(Type.Object({ network: Type.String(), handle: Type.String() }))),
  note: Type.Array(Type.String()),
});
const CardImage = Type.Object({ id: Type.String(), side: Type.String(), mime: Type.String(), width: Type.Integer(), height: Type.Integer(), createdAt: Type.String() });
const PersonDraft = Type.Object({
  fullName: Type.String(),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  emails: Type.Array(Type.Object({ value: Type.String(), label: Nullable(Type.String()) })),
  phones: Type.Array(Type.Object({ value: Type.String(), label: Nullable(Type.String()) })),
  links: Type.Array(Type.Object({ value: Type.String(), label: Nullable(Type.String()) })),
  addresses: Type.Array(Type.Object({ value: Type.String(), label: Nullable(Type.String()) })),
  notes: Nullable(Type.String()),
});
const Scan = Type.Object({ id: Type.String(), eventId: Nullable(Type.String()), expiresAt: Type.String(), draft: CardDraft, images: Type.Array(CardImage) });
const ScanAnswer = Type.Object({
  scan: Scan,
  person: PersonDraft,
  possibleDuplicates: Type.Array(PossibleDuplicate),
  timings: Type.Record(Type.String(), Type.Number()),
});
const { source: _source, fullName, ...reviewable } = PersonIn.properties;
// fullName is checked in the handler: an empty body ({} or none) means "save the draft as read".
const ReviewedPerson = Type.Object({ ...reviewable, fullName: Type.Optional(fullName) }, { additionalProperties: false });

export async function cardsRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Only here: the rest of the API takes JSON of at most 1 MB.
  await app.register(multipart, { limits: { fileSize: CARD_MAX_BYTES, files: 2, fields: 4, parts: 6, fieldSize: 200 } });
  const cards = services.cards;
  const common = { onRequest: authenticate };

  app.post('/cards/scan', {
    ...common,
    schema: {
      tags: ['cards'],
      description:
        'Reads a business card: multipart/form-data with the photo in `front` (JPEG, PNG, WebP, AVIF, TIFF or GIF, up to 12 MB), optionally the back in `back`, and `eventId` (an id, or "none"; by default the event I am at). Returns a draft to review, kept a day; nothing is saved as a person until POST /cards/scans/:id/save.',
      consumes: ['multipart/form-data'],
      response: { 201: ScanAnswer, '4xx': ErrorBody, '5xx': ErrorBody },
    },
  }, async (request, reply) => {
    const files: { front?: Buffer; back?: Buffer } = {};
    let eventId: string | null | undefined;
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname !== 'front' && part.fieldname !== 'back') {
          throw new ValidationError([{ path: part.fieldname, message: 'is not a known field: send the photo in "front" and the back in "back"' }]);
        }
        files[part.fieldname] = bytes;
      } else if (part.fieldname === 'eventId') {
        const value = String(part.value).trim();
        if (value === 'none') eventId = null;
        else if (/^[0-9a-zA-Z-]{1,64}$/.test(value)) eventId = value;
        else throw new ValidationError([{ path: 'eventId', message: 'must be an event id, or "none"' }]);
      } else {
        throw new ValidationError([{ path: part.fieldname, message: 'is not a known field' }]);
      }
    }
    if (!files.front || files.front.length === 0) {
      throw new ValidationError([{ path: 'front', message: 'send the photo of the card in a field named "front"' }], 'KITH_CARD_MISSING_FRONT');
    }
    const result = await cards.scan(accountOf(request), { front: files.front, back: files.back }, eventId);
    return reply.status(201).send({ ...result, person: personFromDraft(result.scan.draft) });
  });

  app.get('/cards/scans/:id', {
    ...common,
    schema: { tags: ['cards'], description: 'A scanned card waiting for review.', params: IdParams, response: { 200: Type.Object({ scan: Scan, person: PersonDraft }), '4xx': ErrorBody } },
  }, async (request) => {
    const scan = await cards.getScan(accountOf(request), request.params.id);
    return { scan, person: personFromDraft(scan.draft) };
  });

  app.post('/cards/scans/:id/save', {
    ...common,
    schema: {
      tags: ['cards'],
      description: 'Saves the reviewed card as a person (source "card"), met at the scan\'s event unless eventId says otherwise, with the card\'s pictures. Without a body, saves the draft as read.',
      params: IdParams,
      body: ReviewedPerson,
      response: { 201: Type.Object({ person: Person, possibleDuplicates: Type.Array(PossibleDuplicate) }), '4xx': ErrorBody },
    },
    preValidation: async (request) => {
      request.body ??= {};
    },
  }, async (request, reply) => {
    const body = request.body;
    if (Object.keys(body).length > 0 && body.fullName === undefined) throw new ValidationError([{ path: 'fullName', message: 'is required' }]);
    const reviewed = body.fullName === undefined ? null : { ...body, fullName: body.fullName };
    return reply.status(201).send(await cards.save(accountOf(request), request.params.id, reviewed));
  });

  app.delete('/cards/scans/:id', {
    ...common,
    schema: { tags: ['cards'], description: 'Forgets a scanned card and its pictures without saving anyone.', params: IdParams, response: { 204: Type.Null(), '4xx': ErrorBody } },
  }, async (request, reply) => {
    await cards.discard(accountOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/cards/images/:id', {
    ...common,
    schema: { tags: ['cards'], description: 'A card picture (JPEG), of a scan or of a person.', params: IdParams, response: { '4xx': ErrorBody } },
  }, async (request, reply) => {
    const image = await cards.image(accountOf(request), request.params.id);
    // A Buffer is sent as it is (no JSON serialisation); the schema only describes the errors.
    return reply.type(image.mime).header('cache-control', 'private, max-age=86400').send(image.bytes as unknown as { error: never });
  });

  app.get('/people/:id/card-images', {
    ...common,
    schema: { tags: ['cards'], description: 'The pictures of the cards a person was scanned from.', params: IdParams, response: { 200: Type.Object({ items: Type.Array(CardImage) }), '4xx': ErrorBody } },
  }, async (request) => ({ items: await cards.personImages(accountOf(request), request.params.id) }));
}

