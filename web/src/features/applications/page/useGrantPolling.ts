import { useApolloClient } from "@apollo/client/react";
import { useCallback, useEffect, useState } from "react";

import { APPLICATION_GRANT } from "./operations";

const INTERVAL_MS = 2000;
const ATTEMPTS = 8;

/**
 * Finance opens the grant of an approved application when the decision's event reaches it,
 * moments later. While `waiting`, the grant is asked for a few times; then the user decides
 * (`again`) rather than the page asking forever.
 */
export function useGrantPolling(applicationId: string, waiting: boolean) {
  const client = useApolloClient();
  const [round, setRound] = useState(0);
  const [exhausted, setExhausted] = useState<number | null>(null);

  useEffect(() => {
    if (!waiting) return;
    let cancelled = false;
    let timer: number | undefined;
    let tries = 0;
    const ask = async () => {
      tries += 1;
      // The answer lands in the cache; the page shows the grant once it is there.
      await client.query({
        query: APPLICATION_GRANT,
        variables: { id: applicationId },
        fetchPolicy: "network-only",
      });
      if (cancelled) return;
      if (tries < ATTEMPTS) timer = window.setTimeout(() => void ask(), INTERVAL_MS);
      else setExhausted(round);
    };
    timer = window.setTimeout(() => void ask(), INTERVAL_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [client, applicationId, waiting, round]);

  const again = useCallback(() => setRound((r) => r + 1), []);
  return { polling: waiting && exhausted !== round, again };
}
