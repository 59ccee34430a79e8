// Every error leaves as { error: { code, message, details } } with the status from ERROR_STATUS. Validation errors
// name the field; nothing unexpected is shown to the caller beyond "internal error" (it is logged instead).
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_STATUS } from './error-status.js';
import { ConflictError, ForbiddenError, KithError, NotFoundError, UnauthorizedError, ValidationError } from '../core/errors.js';

interface Body {
  error: { code: string; message: string; details?: unknown };
}

function statusOf(error: KithError): number {
  const fromTable = ERROR_STATUS[error.code];
  if (fromTable) return fromTable;
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  return 500;
}

/** Turns AJV's messages into field issues: "body/emails/0/value must match format \"email\"" → path emails[0].value. */
function validationIssues(error: FastifyError): { path: string; message: string }[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const segments = v.instancePath.split('/').filter(Boolean);
    if (v.keyword === 'required') segments.push(String((v.params as { missingProperty?: string }).missingProperty));
    if (v.keyword === 'additionalProperties') segments.push(String((v.params as { additionalProperty?: string }).additionalProperty));
    const path = segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '') || context;
    let message = v.message ?? 'is not valid';
    if (v.keyword === 'required') message = 'is required';
    if (v.keyword === 'additionalProperties') message = 'is not a known field';
    if (v.keyword === 'format') message = `must be ${String((v.params as { format?: string }).format)}`;
    if (v.keyword === 'anyOf') message = 'has a value that is not allowed';
    if (v.keyword === 'enum') message = `must be one of: ${((v.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`;
    return { path: context === 'body' ? path : `${context}.${path}`.replace(/\.$/, ''), message };
  });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | KithError, request, reply) => {
    let status = 500;
    let body: Body;
    if (error instanceof KithError) {
      status = statusOf(error);
      body = { error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } };
    } else if (error.validation) {
      const issues = validationIssues(error);
      const first = issues[0];
      status = 400;
      body = {
        error: {
          code: 'KITH_VALIDATION',
          message: first ? `${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}` : 'the request is not valid',
          details: { issues },
        },
      };
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      body = { error: { code: 'KITH_BODY_TOO_LARGE', message: 'the request body is too large' } };
    } else if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      status = 413;
      body = { error: { code: 'KITH_CARD_TOO_LARGE', message: 'the picture is larger than 12 MB; send a smaller photo' } };
    } else if (error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT' || error.code === 'FST_FIELDS_LIMIT') {
      status = 413;
      body = { error: { code: 'KITH_CARD_TOO_MANY_FILES', message: 'send one card at a time: a picture in "front", and one in "back" if it has one' } };
    } else if (error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      status = 415;
      body = { error: { code: 'KITH_NOT_MULTIPART', message: 'send the card as multipart/form-data, with the photo in a field named "front"' } };
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      body = { error: { code: 'KITH_UNSUPPORTED_MEDIA_TYPE', message: 'send JSON with "Content-Type: application/json"' } };
    } else if (error.statusCode === 429) {
      status = 429;
      body = { error: { code: 'KITH_RATE_LIMITED', message: 'too many attempts; wait a minute and try again' } };
    } else if (error.statusCode === 400 && (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP'))) {
      status = 400;
      body = { error: { code: 'KITH_BAD_JSON', message: `the body is not valid JSON: ${error.message}` } };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      // No field to name, but the same shape as every other validation error: the web app reads details.issues.
      body = { error: { code: 'KITH_VALIDATION', message: error.message, details: { issues: [] } } };
    } else {
      request.log.error({ err: error }, 'unexpected error');
      body = { error: { code: 'KITH_INTERNAL', message: 'something went wrong on the server; it has been logged' } };
    }
    if (status >= 500 && error instanceof KithError) request.log.error({ err: error }, 'server error');
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'KITH_ROUTE_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
