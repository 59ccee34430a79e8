// The one way the web app talks to the API: JSON in and out, the session's CSRF token on every write, and errors
// turned into ApiError (what the server said, with the field it concerns) or NetworkError (the server was not
// reached: offline, or the answer was lost on the way).

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one field ("emails[0].value" matches "emails"), if the server named it. */
  forField(field: string): string | null {
    const issue = this.issues.find((i) => i.path === field || i.path.startsWith(`${field}.`) || i.path.startsWith(`${field}[`));
    return issue ? issue.message : null;
  }
}

export class NetworkError extends Error {
  constructor() {
    super('Kith cannot be reached right now: check your connection and try again.');
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For the one request that does not go through api(): an upload with progress (XMLHttpRequest). */
export const currentCsrfToken = (): string | null => csrfToken;

/** The ApiError (or NetworkError) for an answer that did not come through api(). */
export function errorFromAnswer(status: number, json: unknown): ApiError {
  const error = (json as { error?: { code?: string; message?: string; details?: { issues?: FieldIssue[] } } } | null)?.error;
  if (status === 401) unauthorizedListeners.forEach((l) => l());
  return new ApiError(status, error?.code ?? `KITH_HTTP_${status}`, error?.message ?? `the server answered ${status}`, error?.details?.issues ?? []);
}

/** Called when a request answers 401: the session is gone (expired, signed out elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown, init: { signal?: AbortSignal } = {}): Promise<T> {
  try {
    return await request<T>(method, path, body, init);
  } catch (error) {
    // The app opened offline has no CSRF token yet: fetch it and try once more.
    if (!(error instanceof ApiError && error.code === 'KITH_CSRF')) throw error;
    const me = await request<{ csrfToken: string | null }>('GET', '/auth/me', undefined, {});
    setCsrfToken(me.csrfToken);
    return request<T>(method, path, body, init);
  }
}

async function request<T>(method: Method, path: string, body: unknown, init: { signal?: AbortSignal }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && path.startsWith('/auth/sign-in')) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(401, error?.code ?? 'KITH_HTTP_401', error?.message ?? 'the e-mail or the password is wrong');
    }
    throw errorFromAnswer(response.status, json);
  }
  return json as T;
}

export const query = (params: Record<string, string | number | boolean | undefined | null>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** A sentence for any error a request can throw, for places with no field to put it next to. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return sentence(error.message);
  return 'Something went wrong. Try again; if it keeps happening, reload the page.';
}

/** The server's messages start lower-case ("the e-mail is taken"): shown alone, they read better as a sentence. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}
