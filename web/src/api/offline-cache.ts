// What the phone keeps of the server's answers (settings, events, Today), so the app opens at an event with no
// network. The people list is not kept: it can be large, and capturing does not need it.
//
// Written by hand rather than with @tanstack/query-sync-storage-persister (deprecated, and its throttle has no
// flush): a burst of changes is written once, 2 s after it starts, and at once when the page is left, so that
// closing or reloading the app right after a change never brings back the list from before it. What was kept is
// only a stand-in until the server answers: every kept query is fetched again once the app opens (main.tsx).
import type { PersistedClient, Persister } from '@tanstack/react-query-persist-client';
import type { Query } from '@tanstack/react-query';

const DAY = 86_400_000;
const KEY = 'kith:cache';
const THROTTLE_MS = 2_000;
const OFFLINE_KEYS = new Set(['settings', 'events', 'follow-ups', 'suggestions']);

function localStoragePersister(): Persister {
  let pending: PersistedClient | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending === null) return;
    const client = pending;
    pending = null;
    try {
      localStorage.setItem(KEY, JSON.stringify(client));
    } catch {
      // Storage full or refused (private mode): the app still works online; only the offline copy is older.
    }
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  return {
    persistClient(client) {
      pending = client;
      timer ??= setTimeout(flush, THROTTLE_MS);
    },
    restoreClient() {
      const kept = localStorage.getItem(KEY);
      return kept ? (JSON.parse(kept) as PersistedClient) : undefined;
    },
    removeClient() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = null;
      localStorage.removeItem(KEY);
    },
  };
}

export const offlinePersister = localStoragePersister();

export const offlinePersistOptions = {
  persister: offlinePersister,
  maxAge: 7 * DAY,
  dehydrateOptions: { shouldDehydrateQuery: (query: Query) => query.state.status === 'success' && OFFLINE_KEYS.has(String(query.queryKey[0])) },
};

/** Forgets what the phone kept: on sign-out and when another account signs in. */
export const forgetOfflineCache = (): Promise<void> => Promise.resolve(offlinePersister.removeClient());
