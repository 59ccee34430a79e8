// One client for the Kith API, whichever way the requests travel: over HTTP to a running server (--server), or
// in-process to an app built on the local database (app.inject). Every command is written once, against the API.
import type { App } from '../http/build-app.js';
import { CliError, EXIT } from './cli-error.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RawResponse {
  status: number;
  body: string;
}

export interface Transport {
  /** Where the requests go, for messages: the server's URL, or "the local database in …". */
  readonly where: string;
  /** Said after the API's own message when it does not accept the token. */
  readonly badTokenHint: string;
  send(method: Method, path: string, body: unknown): Promise<RawResponse>;
}

export interface RequestOptions {
  /** The API's field names as this command's options call them ({ dueOn: '--due' }), for validation messages. */
  fields?: Record<string, string>;
}

interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } };
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** "startsAt: must be date-time" → "--start: must be date-time", when the command names the field. */
function renameField(message: string, body: ErrorBody, fields: Record<string, string> | undefined): string {
  const path = body.error.details?.issues?.[0]?.path;
  const name = path !== undefined ? fields?.[path] : undefined;
  return name && message.startsWith(`${path}:`) ? `${name}${message.slice(path!.length)}` : message;
}

export class ApiClient {
  constructor(private readonly transport: Transport) {}

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.send<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.send<T>('POST', path, body, options);
  }

  /** A multipart/form-data upload (a card's photos). */
  upload<T>(path: string, form: FormData, options?: RequestOptions): Promise<T> {
    return this.send<T>('POST', path, form, options);
  }

  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.send<T>('PATCH', path, body, options);
  }

  delete<T = void>(path: string, options?: RequestOptions): Promise<T> {
    return this.send<T>('DELETE', path, undefined, options);
  }

  /** A GET whose answer is not JSON (a vCard or CSV export): the body as text; errors as for the others. */
  async getText(path: string): Promise<string> {
    const response = await this.transport.send('GET', path, undefined);
    if (response.status < 400) return response.body;
    return this.send<string>('GET', path, undefined, undefined);
  }

  private async send<T>(method: Method, path: string, body: unknown, options: RequestOptions | undefined): Promise<T> {
    const response = await this.transport.send(method, path, body);
    const parsed = response.body === '' ? undefined : parseJson(response.body);
    if (response.status >= 400) {
      if (!isErrorBody(parsed)) {
        throw new CliError(`${this.transport.where} answered ${response.status} without a Kith error; is it a Kith server?`, EXIT.unreachable);
      }
      let message = renameField(parsed.error.message, parsed, options?.fields);
      if (response.status === 401 && parsed.error.code === 'KITH_NOT_AUTHENTICATED') message = `${message}; ${this.transport.badTokenHint}`;
      throw new CliError(message, EXIT.failed, parsed.error.code);
    }
    if (parsed === NOT_JSON) throw new CliError(`${this.transport.where} did not answer with JSON; is it a Kith server?`, EXIT.unreachable);
    return parsed as T;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer within 2 minutes';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** "https://kith.example.com/" → "https://kith.example.com"; anything that is not an http(s) URL is refused. */
export function normaliseServerUrl(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new CliError(`--server: "${server}" is not a URL (e.g. http://127.0.0.1:4321)`, EXIT.usage);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--server: "${server}" is not an http(s) URL`, EXIT.usage);
  return url.href.replace(/\/+$/, '');
}

const REQUEST_TIMEOUT_MS = 120_000;

/** Requests to a running Kith server, authenticated with an API token. */
export function httpTransport(server: string, token: string): Transport {
  const base = normaliseServerUrl(server);
  return {
    where: base,
    badTokenHint: 'make a new one with `kith token create <name>` where your data lives, and pass it with --token or KITH_TOKEN',
    async send(method, path, body) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}) },
          // A form goes as it is: fetch writes the multipart body and its boundary.
          ...(body instanceof FormData ? { body } : body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw new CliError(`cannot reach ${base}: ${reasonOf(error)}`, EXIT.unreachable);
      }
      return { status: response.status, body: await response.text() };
    },
  };
}

/** Requests to an app built in this process on the local database, authenticated with the CLI's own token. */
export function inProcessTransport(app: App, token: string, where: string, badTokenHint: string): Transport {
  return {
    where,
    badTokenHint,
    async send(method, path, body) {
      // inject() takes bytes: a form is written out (with its boundary) the way fetch would send it.
      const form = body instanceof FormData ? new Response(body) : null;
      const response = await app.inject({
        method,
        url: `/api/v1${path}`,
        headers: { authorization: `Bearer ${token}`, ...(form ? { 'content-type': form.headers.get('content-type') ?? '' } : {}) },
        ...(form ? { payload: Buffer.from(await form.arrayBuffer()) } : body !== undefined ? { payload: body as object } : {}),
      });
      return { status: response.statusCode, body: response.body };
    },
  };
}
