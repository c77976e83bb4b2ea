import { useApolloClient } from "@apollo/client/react";

import { usePolling } from "../../../ui/usePolling";
import { APPLICATION_GRANT } from "./operations";

/**
 * Finance opens the grant of an approved application when the decision's event reaches it,
 * moments later: while `waiting`, the grant is asked for a few times (the answer lands in the
 * cache and the page shows the grant once it is there).
 */
export function useGrantPolling(applicationId: string, waiting: boolean) {
  const client = useApolloClient();
  return usePolling(applicationId, waiting, () =>
    client.query({
      query: APPLICATION_GRANT,
      variables: { id: applicationId },
      fetchPolicy: "network-only",
    }),
  );
}
