// The door screen's state: the door list (from the server, or the copy kept on the phone), the queue of actions not
// yet confirmed, and the list as it looks with those actions done. Syncs the queue in order, one batch at a time,
// whenever an action is made, the network returns, the screen comes back, and every 15 seconds; refreshes the list
// cheaply (If-None-Match) every 30 seconds.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { fetchDoorList, isDeadLink, sendDoorActions, type DoorAction, type DoorActionResult, type DoorList, type DoorPerson } from './door-api';
import { forget, loadList, loadQueue, saveList, saveQueue, type QueuedAction } from './door-store';

export interface DoorNotice {
  id: string;
  text: string;
  /** A person refused for not being confirmed: the screen offers to let them in anyway. */
  admit?: DoorPerson;
}

const SYNC_MS = 15_000;
const MAX_CODE = 200;

/** An id for an action: a UUID where the browser makes one (secure contexts), else 128 random bits all the same. */
function newActionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
const REFRESH_MS = 30_000;

/** Applies the queued actions to the server's list, so that the phone shows what it did at once. */
function applyQueue(people: DoorPerson[], queue: QueuedAction[]): DoorPerson[] {
  const byId = new Map(people.map((p) => [p.id, { ...p }]));
  const added: DoorPerson[] = [];
  for (const { action, at } of queue) {
    if (action.kind === 'walk-in') {
      added.push({ id: action.id, fullName: action.fullName, company: action.company ?? null, title: null, badgeName: null, status: 'confirmed', checkedInAt: at });
      continue;
    }
    const person = action.registrationId ? byId.get(action.registrationId) : undefined;
    if (!person) continue;
    if (action.kind === 'undo') person.checkedInAt = null;
    else if (person.status === 'confirmed' || action.admit) {
      person.checkedInAt ??= at;
      person.status = 'confirmed';
    }
  }
  return [...byId.values(), ...added].sort((a, b) => a.fullName.localeCompare(b.fullName));
}

function noticeOf(result: DoorActionResult): DoorNotice | null {
  const name = result.person?.fullName;
  if (result.outcome === 'refused') {
    return { id: result.id, text: result.error?.message ?? 'refused', ...(result.person && result.error?.code === 'KITH_DOOR_NOT_CONFIRMED' ? { admit: result.person } : {}) };
  }
  if (result.outcome === 'already-in' && name) return { id: result.id, text: `${name} was checked in already.` };
  return null;
}

export function useDoor(token: string) {
  const [list, setList] = useState<DoorList | null>(() => loadList(token));
  const [queue, setQueue] = useState<QueuedAction[]>(() => loadQueue(token));
  const [notices, setNotices] = useState<DoorNotice[]>([]);
  const [dead, setDead] = useState<string | null>(null);
  const [reached, setReached] = useState(true);
  const queueRef = useRef(queue);
  const listRef = useRef(list);
  const syncing = useRef<Promise<void> | null>(null);

  const storeQueue = useCallback(
    (next: QueuedAction[]) => {
      queueRef.current = next;
      saveQueue(token, next);
      setQueue(next);
    },
    [token],
  );

  /** Network down, server busy or failing: try again later. A dead link: stop. */
  const fail = useCallback(
    (error: unknown): 'retry' | 'refused' => {
      if (isDeadLink(error)) {
        forget(token);
        setDead(error.message);
        return 'retry';
      }
      if (error instanceof ApiError && error.status < 500 && error.status !== 429 && error.status !== 401) return 'refused';
      setReached(false);
      return 'retry';
    },
    [token],
  );

  const refresh = useCallback(async () => {
    try {
      const fresh = await fetchDoorList(token, listRef.current?.version);
      setReached(true);
      if (fresh) {
        listRef.current = fresh;
        saveList(token, fresh);
        setList(fresh);
      }
    } catch (error) {
      fail(error);
    }
  }, [token, fail]);

  /** Sends what waits, oldest first, in batches; stops when the network is down. */
  const sync = useCallback((): Promise<void> => {
    syncing.current ??= (async () => {
      try {
        while (queueRef.current.length > 0) {
          const batch = queueRef.current.slice(0, 100);
          let results: DoorActionResult[];
          try {
            results = await sendDoorActions(token, batch.map((q) => q.action));
          } catch (error) {
            if (fail(error) === 'retry') return;
            // The server will never take this batch as it is (it should not happen: the screen sends only what the API
            // accepts): it leaves the phone, said out loud, so that it does not hold back everything after it.
            const sent = new Set(batch.map((q) => q.action.id));
            storeQueue(queueRef.current.filter((q) => !sent.has(q.action.id)));
            setNotices((current) => [...current, { id: newActionId(), text: `${batch.length} action(s) could not be sent: ${(error as Error).message}` }]);
            continue;
          }
          setReached(true);
          const done = new Set(results.map((r) => r.id));
          storeQueue(queueRef.current.filter((q) => !done.has(q.action.id)));
          const byCode = new Set(batch.filter((q) => q.action.kind === 'check-in' && q.action.doorCode).map((q) => q.action.id));
          const fresh = results
            .map((r) => (byCode.has(r.id) && r.outcome === 'checked-in' && r.person ? { id: r.id, text: `${r.person.fullName} checked in (QR code).` } : noticeOf(r)))
            .filter((n): n is DoorNotice => n !== null);
          if (fresh.length) setNotices((current) => [...current, ...fresh]);
        }
        await refresh();
      } finally {
        syncing.current = null;
      }
    })();
    return syncing.current;
  }, [token, storeQueue, refresh, fail]);

  const enqueue = useCallback(
    (action: DoorAction, label?: string) => {
      storeQueue([...queueRef.current, { action, at: new Date().toISOString(), ...(label ? { label } : {}) }]);
      // A sync already under way may have finished its sending before this action came: then one more round.
      void sync().then(() => queueRef.current.some((q) => q.action.id === action.id) && void sync());
    },
    [storeQueue, sync],
  );

  useEffect(() => {
    void sync();
    const onOnline = () => void sync();
    const onVisible = () => document.visibilityState === 'visible' && void sync();
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    const syncTimer = window.setInterval(() => queueRef.current.length > 0 && void sync(), SYNC_MS);
    const refreshTimer = window.setInterval(() => queueRef.current.length === 0 && void refresh(), REFRESH_MS);
    return () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(syncTimer);
      window.clearInterval(refreshTimer);
    };
  }, [sync, refresh]);

  const people = useMemo(() => (list ? applyQueue(list.people, queue) : []), [list, queue]);

  return {
    list,
    people,
    waiting: queue.length,
    queuedCodes: queue.filter((q) => q.action.kind === 'check-in' && q.action.doorCode).map((q) => q.label ?? ''),
    reached,
    dead,
    notices,
    dismiss: (id: string) => setNotices((current) => current.filter((n) => n.id !== id)),
    checkIn: (person: DoorPerson) => enqueue({ id: newActionId(), kind: 'check-in', registrationId: person.id, ...(person.status !== 'confirmed' ? { admit: true } : {}) }),
    checkInCode: (code: string) => {
      if (code.length > MAX_CODE) setNotices((current) => [...current, { id: newActionId(), text: 'That is not the QR code of a registration (too long).' }]);
      else enqueue({ id: newActionId(), kind: 'check-in', doorCode: code }, `code …${code.slice(-6)}`);
    },
    undo: (person: DoorPerson) => {
      // A walk-in still waiting on this phone: never sent, so it is simply taken back.
      const queuedWalkIn = queueRef.current.find((q) => q.action.id === person.id && q.action.kind === 'walk-in');
      if (queuedWalkIn) storeQueue(queueRef.current.filter((q) => q !== queuedWalkIn));
      else enqueue({ id: newActionId(), kind: 'undo', registrationId: person.id });
    },
    walkIn: (fullName: string, email: string, company: string) => enqueue({ id: newActionId(), kind: 'walk-in', fullName, email: email || null, company: company || null }),
  };
}
