// Quick adds are written to IndexedDB first and sent from there, so a capture made with no network (or whose
// answer was lost) is never lost and never doubled: each carries a requestId made on the phone, and the server
// answers a repeated requestId with the person it already made. An entry leaves the queue only when the server
// has confirmed it.
import { clear, createStore, del, entries, set } from 'idb-keyval';
import { api, ApiError, NetworkError, sentence } from '../api/client';
import type { CaptureResult } from '../api/types';

export interface PendingCapture {
  requestId: string;
  text: string;
  /** The event it was met at; null for none; absent: the event I am at when the server receives it. */
  eventId?: string | null;
  createdAt: string;
  /** Why the server refused it (it will not be retried until edited or removed). */
  error?: string;
}

export type SendOutcome = { status: 'sent'; result: CaptureResult } | { status: 'queued'; requestId: string } | { status: 'refused'; error: ApiError };

const store = createStore('kith', 'pending-captures');
let pending: PendingCapture[] = [];
let loaded = false;
let flushing: Promise<void> | null = null;
const listeners = new Set<() => void>();
const sentListeners = new Set<(result: CaptureResult) => void>();

function publish(next: PendingCapture[]): void {
  pending = next.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  listeners.forEach((l) => l());
}

async function reload(): Promise<void> {
  const all = await entries<string, PendingCapture>(store);
  loaded = true;
  publish(all.map(([, value]) => value));
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!loaded) void reload();
  return () => listeners.delete(listener);
}

export const pendingCaptures = (): PendingCapture[] => pending;

/** Called with every capture the server confirms, whether sent now or later from the queue. */
export function onCaptureSent(listener: (result: CaptureResult) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

async function send(entry: PendingCapture): Promise<SendOutcome> {
  try {
    const result = await api<CaptureResult>('POST', '/capture', { text: entry.text, eventId: entry.eventId, requestId: entry.requestId });
    await del(entry.requestId, store);
    publish(pending.filter((p) => p.requestId !== entry.requestId));
    sentListeners.forEach((l) => l(result));
    return { status: 'sent', result };
  } catch (error) {
    if (error instanceof NetworkError || (error instanceof ApiError && (error.status === 401 || error.status >= 500 || error.status === 429))) {
      return { status: 'queued', requestId: entry.requestId };
    }
    if (error instanceof ApiError) {
      const refused = { ...entry, error: sentence(error.message) };
      await set(entry.requestId, refused, store);
      publish([...pending.filter((p) => p.requestId !== entry.requestId), refused]);
      return { status: 'refused', error };
    }
    throw error;
  }
}

/** Keeps the capture on the phone, then tries to send it at once. */
export async function captureLine(text: string, eventId?: string | null): Promise<SendOutcome> {
  const entry: PendingCapture = { requestId: crypto.randomUUID(), text, createdAt: new Date().toISOString(), ...(eventId !== undefined ? { eventId } : {}) };
  await set(entry.requestId, entry, store);
  publish([...pending, entry]);
  return send(entry);
}

/** Sends everything still waiting, oldest first; stops at the first sign that the network is still down. */
export function flushCaptures(): Promise<void> {
  flushing ??= (async () => {
    try {
      if (!loaded) await reload();
      for (const entry of [...pending]) {
        if (entry.error) continue;
        const outcome = await send(entry);
        if (outcome.status === 'queued') break;
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

export async function discardCapture(requestId: string): Promise<void> {
  await del(requestId, store);
  publish(pending.filter((p) => p.requestId !== requestId));
}

export async function retryCapture(requestId: string, text: string): Promise<SendOutcome | null> {
  const entry = pending.find((p) => p.requestId === requestId);
  if (!entry) return null;
  // Edited text is a new request: the refused one never made anyone.
  await discardCapture(requestId);
  return captureLine(text, entry.eventId);
}

/** On sign-out: what waits on this phone belongs to the account that made it, and must not go to the next one. */
export async function discardAllCaptures(): Promise<void> {
  await clear(store);
  publish([]);
}
