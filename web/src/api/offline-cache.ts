// What the phone keeps of the server's answers (settings, events, Today), so the app opens at an event with no
// network. The people list is not kept: it can be large, and capturing does not need it.
import { createSyncStoragePersister } from '@tanstack/query-sync-storage-persister';
import type { Query } from '@tanstack/react-query';

const DAY = 86_400_000;
const OFFLINE_KEYS = new Set(['settings', 'events', 'follow-ups', 'suggestions']);

export const offlinePersister = createSyncStoragePersister({ storage: window.localStorage, key: 'kith:cache', throttleTime: 2_000 });

export const offlinePersistOptions = {
  persister: offlinePersister,
  maxAge: 7 * DAY,
  dehydrateOptions: { shouldDehydrateQuery: (query: Query) => query.state.status === 'success' && OFFLINE_KEYS.has(String(query.queryKey[0])) },
};

/** Forgets what the phone kept: on sign-out and when another account signs in. */
export const forgetOfflineCache = (): Promise<void> => Promise.resolve(offlinePersister.removeClient());
