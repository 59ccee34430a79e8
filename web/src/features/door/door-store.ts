// What the door phone keeps for bad Wi-Fi: the last door list and the actions not yet confirmed by the server, in
// localStorage (one small JSON per link; a door list of a few hundred people is a few tens of KB). Actions leave the
// queue only when the server has answered them; each carries an id made here, so sending one twice does it once.
import type { DoorAction, DoorList } from './door-api';

export interface QueuedAction {
  action: DoorAction;
  /** When it was done on this phone (for the optimistic list). */
  at: string;
  /** For a check-in by QR code: shown until the server says who it was. */
  label?: string;
}

const key = (token: string, what: 'list' | 'queue') => `kith-door-${what}:${token}`;

function read<T>(name: string): T | null {
  try {
    const raw = localStorage.getItem(name);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export const loadList = (token: string): DoorList | null => read<DoorList>(key(token, 'list'));
export const loadQueue = (token: string): QueuedAction[] => read<QueuedAction[]>(key(token, 'queue')) ?? [];

export function saveList(token: string, list: DoorList): void {
  try {
    localStorage.setItem(key(token, 'list'), JSON.stringify(list));
  } catch {
    // Storage full or refused (private mode): the list still works while the page is open.
  }
}

export function saveQueue(token: string, queue: QueuedAction[]): void {
  try {
    localStorage.setItem(key(token, 'queue'), JSON.stringify(queue));
  } catch {
    // As above: the queue lives in memory until the page closes.
  }
}

/** A dead link's data has no use on this phone any more. */
export function forget(token: string): void {
  localStorage.removeItem(key(token, 'list'));
  localStorage.removeItem(key(token, 'queue'));
}
