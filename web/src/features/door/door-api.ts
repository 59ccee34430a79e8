// The door API as the door screen calls it: the link's token in the X-Door-Token header (never in the URL the
// server logs), no session and no CSRF token (nothing here rides on a cookie).
import { ApiError, errorFromAnswer, NetworkError } from '../../api/client';

export type DoorStatus = 'confirmed' | 'offered' | 'waitlisted' | 'pending' | 'unconfirmed' | 'declined' | 'cancelled';

export interface DoorPerson {
  id: string;
  fullName: string;
  company: string | null;
  title: string | null;
  badgeName: string | null;
  status: DoorStatus;
  checkedInAt: string | null;
}

export interface DoorList {
  event: { title: string; startsAt: string; endsAt: string; timeZone: string; place: string | null; organizationName: string; cancelled: boolean };
  version: string;
  expiresAt: string;
  people: DoorPerson[];
}

export type DoorAction =
  | { id: string; kind: 'check-in'; registrationId?: string; doorCode?: string; admit?: boolean }
  | { id: string; kind: 'undo'; registrationId: string }
  | { id: string; kind: 'walk-in'; fullName: string; email?: string | null; company?: string | null };

export interface DoorActionResult {
  id: string;
  outcome: 'checked-in' | 'already-in' | 'undone' | 'not-in' | 'walked-in' | 'refused';
  person: DoorPerson | null;
  error: { code: string; message: string } | null;
}

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
