import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { createSyncStoragePersister } from '@tanstack/query-sync-storage-persister';
import { ApiError } from './api/client';
import { SessionProvider } from './features/auth/session';
import { ToastProvider } from './components/Toasts';
import { App } from './App';
import { registerServiceWorker } from './offline/register-sw';
import { applyStoredTheme } from './components/theme';
import '@picocss/pico/css/pico.min.css';

const DAY = 86_400_000;
import './styles/app.css';

applyStoredTheme();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a lost connection might.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      staleTime: 10_000,
      // Kept a day, so that what is kept on the phone (below) is still there when the network is not.
      gcTime: DAY,
    },
  },
});

// What event mode and Today need is kept on the phone, so that the app opens at an event with no network; the
// people list is not (it can be large, and it is not needed to capture).
const OFFLINE_KEYS = new Set(['settings', 'events', 'follow-ups']);
const persister = createSyncStoragePersister({ storage: window.localStorage, key: 'kith:cache', throttleTime: 2_000 });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <PersistQueryClientProvider
      client={queryClient}
      persistOptions={{
        persister,
        maxAge: 7 * DAY,
        dehydrateOptions: { shouldDehydrateQuery: (query) => query.state.status === 'success' && OFFLINE_KEYS.has(String(query.queryKey[0])) },
      }}
    >
      <ToastProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </ToastProvider>
    </PersistQueryClientProvider>
  </StrictMode>,
);

registerServiceWorker();
