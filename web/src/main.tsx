import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { ApiError } from './api/client';
import { SessionProvider } from './features/auth/session';
import { ToastProvider } from './components/Toasts';
import { App } from './App';
import { offlinePersistOptions } from './api/offline-cache';
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
      // Kept a day, so that what the phone keeps (api/offline-cache.ts) is still there when the network is not.
      gcTime: DAY,
    },
  },
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <PersistQueryClientProvider
      client={queryClient}
      persistOptions={offlinePersistOptions}
      // What the phone kept shows at once; the server's answer replaces it as soon as there is one.
      onSuccess={() => void queryClient.invalidateQueries()}
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
