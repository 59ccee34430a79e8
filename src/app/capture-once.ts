// Captures that a client may send more than once: the web app queues them offline and resends each until it sees
// an answer, and a request may have reached the server although the phone never saw the reply. The first request
// with a request id makes the person; every later one finds, through the receipt, what the first one made.
import type { Repositories, Store } from '../db/store.js';
import { NotFoundError } from '../core/errors.js';
import type { CaptureReceipt, PersonRecord } from '../core/records.js';

/** What a capture made, to be kept under its request id. */
export interface CaptureMade<T> {
  result: T;
  personId: string;
  promiseIds: string[];
}

export type CaptureOutcome<T> = { made: T; earlier: null } | { made: null; earlier: CaptureReceipt };

/** Thrown inside the transaction when another request with the same id was recorded first: it undoes this one. */
class RequestAlreadyRecorded extends Error {}

/**
 * Runs `capture` in one transaction, once per (account, request id): with an id seen before it runs nothing and
 * gives the earlier receipt. Without a request id it simply runs.
 */
export async function captureOnce<T>(
  store: Store,
  accountId: string,
  requestId: string | undefined,
  now: () => string,
  capture: (repos: Repositories) => Promise<CaptureMade<T>>,
): Promise<CaptureOutcome<T>> {
  if (requestId === undefined) return { made: await store.transaction(async (repos) => (await capture(repos)).result), earlier: null };
  const earlier = await store.repos.captureRequests.find(accountId, requestId);
  if (earlier) return { made: null, earlier };
  try {
    const made = await store.transaction(async (repos) => {
      const done = await capture(repos);
      const receipt = { requestId, personId: done.personId, promiseIds: done.promiseIds, createdAt: now() };
      if (!(await repos.captureRequests.record(accountId, receipt))) throw new RequestAlreadyRecorded();
      return done.result;
    });
    return { made, earlier: null };
  } catch (error) {
    if (!(error instanceof RequestAlreadyRecorded)) throw error;
    // The same request arrived twice at once and the other one was recorded first: this one made nothing.
    const first = await store.repos.captureRequests.find(accountId, requestId);
    if (!first) throw error;
    return { made: null, earlier: first };
  }
}

/** The person an earlier capture made, as they are now; an error that says so when they were deleted since. */
export async function capturedPerson(repos: Repositories, accountId: string, receipt: CaptureReceipt): Promise<PersonRecord> {
  const person = await repos.people.get(accountId, receipt.personId);
  if (!person) {
    throw new NotFoundError(
      'KITH_PERSON_NOT_FOUND',
      `the capture with requestId ${receipt.requestId} was saved before, but its person has been deleted since (POST /api/v1/people/${receipt.personId}/restore brings them back)`,
      { personId: receipt.personId, requestId: receipt.requestId },
    );
  }
  return person;
}
