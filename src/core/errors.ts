// One error type for the whole of Kith. Core and app throw these; the HTTP layer maps `code` to a status
// through one table (src/http/error-status.ts), and docs/errors.md lists every code with its fix.

export type ErrorDetails = Record<string, unknown> | unknown[] | undefined;

export class KithError extends Error {
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(code: string, message: string, details?: ErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export class NotFoundError extends KithError {}
export class ConflictError extends KithError {}
export class ForbiddenError extends KithError {}
export class UnauthorizedError extends KithError {}

/** One problem with one field of the input: `path` names the field the way the person sent it ("emails[1].value"). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends KithError {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[], code = 'KITH_VALIDATION') {
    const first = issues[0];
    const message = first
      ? issues.length === 1
        ? `${first.path}: ${first.message}`
        : `${first.path}: ${first.message} (and ${issues.length - 1} more)`
      : 'the input is not valid';
    super(code, message, { issues });
    this.issues = issues;
  }

  /** The same issues, as fields of `parent` in the request: "emails[0].value" under "person" is "person.emails[0].value". */
  under(parent: string): ValidationError {
    return new ValidationError(
      this.issues.map((issue) => ({ path: `${parent}.${issue.path}`, message: issue.message })),
      this.code,
    );
  }
}
