import { useCallback, useEffect, useRef, useState } from "react";

const INTERVAL_MS = 2000;
const ATTEMPTS = 8;

/**
 * Something another service does moments later (finance opening a grant after a decision's
 * event): while `waiting`, `ask` runs a few times; then the user decides (`again`) rather than
 * the page asking forever. `key` names what is asked for: a new key starts again.
 */
export function usePolling(key: string, waiting: boolean, ask: () => Promise<unknown>) {
  const [round, setRound] = useState(0);
  const [exhausted, setExhausted] = useState<number | null>(null);
  const latest = useRef(ask);
  useEffect(() => {
    latest.current = ask;
  });

  useEffect(() => {
    if (!waiting) return;
    let cancelled = false;
    let timer: number | undefined;
    let tries = 0;
    const run = async () => {
      tries += 1;
      await latest.current();
      if (cancelled) return;
      if (tries < ATTEMPTS) timer = window.setTimeout(() => void run(), INTERVAL_MS);
      else setExhausted(round);
    };
    timer = window.setTimeout(() => void run(), INTERVAL_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [key, waiting, round]);

  const again = useCallback(() => setRound((r) => r + 1), []);
  return { polling: waiting && exhausted !== round, again };
}
