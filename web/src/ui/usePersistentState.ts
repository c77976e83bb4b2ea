import { useCallback, useState } from "react";

const PREFIX = "icld.input.";

/** Drops everything typed into any form: it belonged to a person who signed out. */
export function forgetInput(): void {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  }
}

/**
 * State kept in sessionStorage under `key`: what a user typed survives an expired session's
 * trip through sign-in and a reload, and is dropped with `clear` once saved.
 */
export function usePersistentState<T>(key: string, initial: T | (() => T)) {
  const storageKey = `${PREFIX}${key}`;
  const [value, setValue] = useState<T>(() => {
    const stored = sessionStorage.getItem(storageKey);
    if (stored !== null) {
      try {
        return JSON.parse(stored) as T;
      } catch {
        sessionStorage.removeItem(storageKey);
      }
    }
    return initial instanceof Function ? initial() : initial;
  });
  const set = useCallback(
    (next: T | ((previous: T) => T)) => {
      setValue((previous) => {
        const resolved = next instanceof Function ? next(previous) : next;
        sessionStorage.setItem(storageKey, JSON.stringify(resolved));
        return resolved;
      });
    },
    [storageKey],
  );
  const clear = useCallback(() => sessionStorage.removeItem(storageKey), [storageKey]);
  return [value, set, clear] as const;
}
