import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { accountOf } from '../auth.js';
import { ErrorBody, IdParams, Nullable } from '../schemas.js';
import { KithError, ValidationError } from '../../core/errors.js';
import type { CsvMapping } from '../../core/contacts-csv.js';
import type { Services } from '../../app/services.js';

/** The largest file an import takes; a larger one fails with KITH_IMPORT_TOO_LARGE and nothing of it is kept. */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024;

const RAW_TYPES = ['text/vcard', 'text/x-vcard', 'text/directory', 'text/csv', 'text/comma-separated-values', 'application/csv', 'application/octet-stream', 'text/plain'];

const ImportRecord = Type.Object({
  position: Type.Integer(),
  line: Type.Integer({ description: 'the line of the file the record starts on' }),
  outcome: Type.Union([Type.Literal('imported'), Type.Literal('merged'), Type.Literal('skipped')]),
  personId: Nullable(Type.String()),
  matchedBy: Nullable(Type.String({ description: 'for a merge: uid, email or phone' })),
  name: Nullable(Type.String()),
  reason: Nullable(Type.String({ description: 'why it was skipped, or what was kept as it was' })),
});
const Counts = {
  total: Type.Integer(),
  imported: Type.Integer(),
  merged: Type.Integer(),
  skipped: Type.Integer(),
};
const CsvInfo = Nullable(
  Type.Object({
    kind: Type.String({ description: 'linkedin, google, outlook or generic' }),
    delimiter: Type.String(),
    columns: Type.Array(Type.String()),
    proposedMapping: Type.Record(Type.String(), Type.String()),
    mapping: Nullable(Type.Record(Type.String(), Type.String())),
  }),
);
const ImportReport = Type.Object({
  id: Nullable(Type.String()),
  dryRun: Type.Boolean(),
  format: Type.String(),
  encoding: Type.String(),
  csv: CsvInfo,
  needsMapping: Type.Boolean(),
  ...Counts,
  records: Type.Array(ImportRecord),
  complete: Type.Boolean({ description: 'false when the report has more records than returned here: page with GET /imports/:id' }),
});
const ImportStatus = Type.Object({
  id: Type.String(),
  state: Type.Union([Type.Literal('running'), Type.Literal('done')]),
  format: Nullable(Type.String()),
  fileName: Nullable(Type.String()),
  createdAt: Nullable(Type.String()),
  ...Counts,
  records: Type.Array(ImportRecord),
  bytesRead: Nullable(Type.Integer({ description: 'while running: the bytes of the file read so far' })),
});

function parseMapping(text: string | undefined): CsvMapping | null {
  if (text === undefined || text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: 'mapping', message: 'must be a JSON object of column → field, e.g. {"Mail":"email","Who":"fullName"}' }], 'KITH_IMPORT_MAPPING');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new ValidationError([{ path: 'mapping', message: 'must be a JSON object of column → field (strings)' }], 'KITH_IMPORT_MAPPING');
  }
  return value as CsvMapping;
}

/** The body, counted: past the limit the import fails (its transaction rolls back) with KITH_IMPORT_TOO_LARGE. */
async function* limited(stream: Readable): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > IMPORT_MAX_BYTES) {
      stream.resume();
      throw new KithError('KITH_IMPORT_TOO_LARGE', `the file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it and import the parts`, { limitBytes: IMPORT_MAX_BYTES });
    }
    yield chunk;
  }
}

async function runImport(services: Services, request: FastifyRequest<{ Querystring: { dryRun?: boolean; mapping?: string; fileName?: string; importId?: string } }>, reply: FastifyReply) {
  const mapping = parseMapping(request.query.mapping);
  const dryRun = request.query.dryRun ?? false;
  let stream: Readable;
  let fileName = request.query.fileName ?? null;
  if (request.isMultipart()) {
    const file = await request.file({ limits: { fileSize: IMPORT_MAX_BYTES + 1, files: 1, fields: 0, parts: 1 } });
    if (!file) throw new ValidationError([{ path: 'file', message: 'send the contacts file in a form field named "file"' }]);
    stream = file.file;
    fileName ??= file.filename || null;
  } else {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > IMPORT_MAX_BYTES) {
      throw new KithError('KITH_IMPORT_TOO_LARGE', `the file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it and import the parts`, { limitBytes: IMPORT_MAX_BYTES });
    }
    const body = request.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') {
      throw new ValidationError([{ path: 'body', message: 'send the contacts file as the body (Content-Type text/vcard, text/csv or application/octet-stream) or as multipart/form-data in a field named "file"' }]);
    }
    stream = body;
  }
  try {
    const report = await services.imports.import(accountOf(request), limited(stream), { fileName, mapping, dryRun, importId: request.query.importId ?? null });
    return reply.status(dryRun ? 200 : 201).send(report);
  } finally {
    // Whatever was not read (a dry run that stopped early, an error) is drained, so the connection stays usable.
    stream.resume();
  }
}

export async function importRoutes(root: FastifyInstance, deps: RouteDeps) {
  // Own scope: the file comes as the raw body (streamed, not buffered) or as multipart, up to IMPORT_MAX_BYTES.
  await root.register(async (scope) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const { services, authenticate } = deps;
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser(RAW_TYPES, { bodyLimit: IMPORT_MAX_BYTES }, (_request, payload, done) => done(null, payload));

    app.post('/imports', {
      onRequest: authenticate,
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags: ['imports'],
        description:
          'Imports contacts: a vCard (2.1, 3.0, 4.0) or CSV file (LinkedIn, Google, Outlook, or any CSV with `mapping`), sent as the raw body (Content-Type text/vcard, text/csv or application/octet-stream) or as multipart/form-data in a field named `file`. The format and encoding are found from the content. All of the file is imported or none of it. `dryRun=true` gives the report and keeps nothing. See docs/import-export.md.',
        querystring: Type.Object(
          {
            dryRun: Type.Optional(Type.Boolean()),
            mapping: Type.Optional(Type.String({ maxLength: 20_000, description: 'for a CSV: a JSON object of column → field ("email", "phone:cell", "labelOf:<column>", "ignore"...)' })),
            fileName: Type.Optional(Type.String({ maxLength: 255 })),
            importId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-zA-Z-]+$', description: 'an id for the import, chosen by the client so that it can follow GET /imports/:id while the upload runs' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ImportReport, 201: ImportReport, '4xx': ErrorBody },
      },
    }, (request, reply) => runImport(services, request, reply));

    app.get('/imports/:id', {
      onRequest: authenticate,
      schema: {
        tags: ['imports'],
        description: 'An import: its progress while it runs, then its counts and its report, one record per input record, a page at a time.',
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })), offset: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
        response: { 200: ImportStatus, '4xx': ErrorBody },
      },
    }, async (request) => services.imports.status(accountOf(request), request.params.id, request.query.limit ?? 1000, request.query.offset ?? 0));
  });
}

export const EXPORT_FORMATS = ['json', 'vcard', 'csv'] as const;
export const ExportQuery = Type.Object(
  {
    format: Type.Optional(Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)), { description: 'json (the full backup, by default), vcard or csv (Google Contacts columns)' })),
    version: Type.Optional(Type.Union([Type.Literal('3.0'), Type.Literal('4.0')], { description: 'for vcard: 3.0 (by default) or 4.0' })),
  },
  { additionalProperties: false },
);

/** Streams every person as vCards or CSV (the JSON backup is account.routes' own). */
export async function sendContactsExport(services: Services, accountId: string, query: { format?: 'vcard' | 'csv' | 'json' | undefined; version?: '3.0' | '4.0' | undefined }, reply: FastifyReply) {
  const { Readable } = await import('node:stream');
  const day = services.ctx.clock.now().toISOString().slice(0, 10);
  if (query.format === 'csv') {
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="kith-contacts-${day}.csv"`);
    return reply.send(Readable.from(services.contacts.exportCsv(accountId)));
  }
  const version = query.version ?? '3.0';
  reply.header('content-type', `text/vcard; charset=utf-8${version === '4.0' ? '; version=4.0' : ''}`);
  reply.header('content-disposition', `attachment; filename="kith-contacts-${day}.vcf"`);
  return reply.send(Readable.from(services.contacts.exportVCards(accountId, version)));
}
