// Schemas are compiled on a route's first use instead of at start-up: Kith has ~40 routes, and compiling all of
// their validators and serializers took ~0.5 s before the first request, on every start of the server and of every
// in-process CLI command. Each route still compiles once, and the tests call every route.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fastJsonStringify from 'fast-json-stringify';

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: true, strict: false });
  addFormats.default(ajv);
  return ajv;
}

type LazyValidate = ((data: unknown) => boolean) & { errors?: ValidateFunction['errors'] };

/**
 * Query strings and path parameters arrive as text and are coerced ("limit=20" → 20); JSON bodies are not:
 * { "fullName": 42 } is an error, not "42".
 */
export function lazyValidatorCompiler() {
  const ajv = { coercing: makeAjv(true), strict: makeAjv(false) };
  return ({ schema, httpPart }: { schema: object; httpPart?: string }): LazyValidate => {
    let validate: ValidateFunction | undefined;
    const lazy: LazyValidate = (data) => {
      validate ??= (httpPart === 'body' ? ajv.strict : ajv.coercing).compile(schema);
      const ok = validate(data) as boolean;
      lazy.errors = validate.errors;
      return ok;
    };
    return lazy;
  };
}

export function lazySerializerCompiler() {
  return ({ schema }: { schema: object }) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data: unknown) => (serialize ??= fastJsonStringify(schema as Parameters<typeof fastJsonStringify>[0]))(data);
  };
}
