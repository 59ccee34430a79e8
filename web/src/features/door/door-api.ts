// The door API as the door screen calls it: the link's token in the X-Door-Token header (never in the URL the
// server logs), no session and no CSRF token (nothing here rides on a cookie).
import { ApiError, errorFromAnswer, NetworkError } from '../../api/client';
import type { DoorAction, DoorActionResult, DoorList, DoorPerson } from '../../api/types';

export type { DoorAction, DoorActionResult, DoorList, DoorPerson };

export type DoorStatus = DoorPerson['status'];

async function call(token: string, method: 'GET' | 'POST', path: string, body?: unknown, etag?: string): Promise<Response> {
  const headers: Record<string, string> = { 'x-door-token': token };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (etag) headers['if-none-match'] = `"${etag}"`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new NetworkError();
  }
  if (response.status >= 400) {
    const json: unknown = await response.json().catch(() => null);
    throw errorFromAnswer(response.status, json);
  }
  return response;
}

/** The door list, or null when it has not changed since `version`. */
export async function fetchDoorList(token: string, version?: string): Promise<DoorList | null> {
  const response = await call(token, 'GET', '/api/door/list', undefined, version);
  if (response.status === 304) return null;
  return (await response.json()) as DoorList;
}

export async function sendDoorActions(token: string, actions: DoorAction[]): Promise<DoorActionResult[]> {
  const response = await call(token, 'POST', '/api/door/actions', { actions });
  return ((await response.json()) as { results: DoorActionResult[] }).results;
}

/** The link is dead (revoked, expired, never was): nothing will ever sync with it. */
export const isDeadLink = (error: unknown): error is ApiError => error instanceof ApiError && (error.status === 404 || error.status === 410);
