import { useQuery } from "@apollo/client/react";
import { useCallback, useMemo, useState } from "react";

import { useSession } from "../../auth/AuthContext";
import { COMPLIANCE_PAGE, DASHBOARD } from "./queries";
import { dashboardScope } from "./scope";

export const PAGE_SIZE = 20;

/**
 * The dashboard's data, fresh on every visit (cache first for an instant view, then the
 * network, so it reflects what the user just did elsewhere), and further pages of the
 * compliance list on demand.
 */
export function useDashboard() {
  const { user } = useSession();
  const [year] = useState(() => new Date().getFullYear());
  const variables = useMemo(() => {
    const scope = dashboardScope(user);
    return { scope, active: { ...scope, status: "ACTIVE" as const }, year, first: PAGE_SIZE };
  }, [user, year]);
  const result = useQuery(DASHBOARD, {
    variables,
    fetchPolicy: "cache-and-network",
    nextFetchPolicy: "cache-first",
  });
  const { fetchMore } = result;
  const endCursor = result.data?.partnerships.pageInfo.endCursor ?? null;
  const [loadingMore, setLoadingMore] = useState(false);
  const loadMore = useCallback(async () => {
    setLoadingMore(true);
    try {
      // Only the list's next page: the relay pagination policy appends it to the cached list.
      await fetchMore({
        query: COMPLIANCE_PAGE,
        variables: { active: variables.active, year, first: PAGE_SIZE, after: endCursor },
      });
    } finally {
      setLoadingMore(false);
    }
  }, [fetchMore, variables.active, year, endCursor]);
  return { ...result, scope: variables.scope, year, loadMore, loadingMore };
}
