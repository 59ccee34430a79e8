// State that survives a reload and a trip through sign-in: what a person types is theirs until they send it.
import { useCallback, useRef, useState } from 'react';

const PREFIX = 'kith:draft:';

export function useDraft<T>(key: string, initial: T): [T, (value: T | ((previous: T) => T)) => void, () => void] {
  const storageKey = PREFIX + key;
  // Clearing goes back to the latest initial value the caller gave.
  const initialValue = useRef(initial);
  initialValue.current = initial;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      return saved === null ? initial : (JSON.parse(saved) as T);
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (next: T | ((previous: T) => T)) => {
      setValue((previous) => {
        const resolved = typeof next === 'function' ? (next as (p: T) => T)(previous) : next;
        try {
          sessionStorage.setItem(storageKey, JSON.stringify(resolved));
        } catch {
          // A full or disabled storage only loses the safety net, not the typing.
        }
        return resolved;
      });
    },
    [storageKey],
  );
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setValue(initialValue.current);
  }, [storageKey]);
  return [value, update, clear];
}
