// The network as the app sees it, and the captures waiting on this phone; sends the queue when the network returns,
// when the app comes back to the foreground, and every 20 seconds while something waits.
import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { flushCaptures, onCaptureSent, pendingCaptures, subscribe, type PendingCapture } from './capture-queue';
import { keys } from '../api/queries';
import type { EventDetail } from '../api/types';

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export const useOnline = (): boolean => useSyncExternalStore(subscribeOnline, () => navigator.onLine);
export const usePendingCaptures = (): PendingCapture[] => useSyncExternalStore(subscribe, pendingCaptures);

/** Mounted once, at the app's root. */
export function useCaptureSync(): void {
  const queryClient = useQueryClient();
  const pending = usePendingCaptures();
  const waiting = pending.some((p) => !p.error);
  useEffect(() => {
    const flush = () => void flushCaptures();
    flush();
    window.addEventListener('online', flush);
    const onVisible = () => document.visibilityState === 'visible' && flush();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => void flushCaptures(), 20_000);
    return () => window.clearInterval(timer);
  }, [waiting]);
  useEffect(
    () =>
      onCaptureSent(({ person }) => {
        // Show the person at their event at once, even if the refetch below is cut short by the network.
        if (person.metEventId) {
          queryClient.setQueryData<EventDetail>(keys.event(person.metEventId), (detail) => {
            if (!detail || detail.people.some((p) => p.personId === person.id)) return detail;
            const met = detail.progress.met + 1;
            const entry = { personId: person.id, fullName: person.fullName, company: person.company, isNew: true, metOn: person.metOn ?? '', followUpDueOn: person.followUp?.dueOn ?? null };
            return { ...detail, people: [...detail.people, entry], progress: { ...detail.progress, met, remaining: Math.max(detail.progress.goal - met, 0), reached: met >= detail.progress.goal } };
          });
        }
        void queryClient.invalidateQueries();
      }),
    [queryClient],
  );
}
