// Splits an API error into the messages for the form's own fields and the rest, so each sits where it concerns.
import { ApiError, messageOf, sentence } from '../api/client';

export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** `fields` maps the API's field paths (emails, cadenceDays.met) to this form's field names. */
export function formErrorsOf(error: unknown, fields: string[]): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, form: messageOf(error) };
  const result: FormErrors = { fields: {}, form: null };
  const unplaced: string[] = [];
  for (const issue of error.issues) {
    const field = fields.find((f) => issue.path === f || issue.path.startsWith(`${f}.`) || issue.path.startsWith(`${f}[`));
    if (field && !result.fields[field]) result.fields[field] = sentence(issue.message);
    else if (!field) unplaced.push(`${issue.path}: ${issue.message}`);
  }
  if (error.issues.length === 0) {
    // Errors that name a field in their code (KITH_EMAIL_TAKEN) or only in words go above the form.
    result.form = sentence(error.message);
  } else if (unplaced.length) {
    result.form = sentence(unplaced.join('; '));
  }
  return result;
}
