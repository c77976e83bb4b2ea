import type { ApolloCache } from "@apollo/client";

/**
 * Drops the cached partnership lists and counts after a change that moves a partnership in
 * or out of them (a new one, a new status): lists on screen refetch, others on their next
 * visit, so no list shows what was true before the user's own action.
 */
export function forgetPartnershipLists(cache: ApolloCache): void {
  cache.evict({ id: "ROOT_QUERY", fieldName: "partnerships" });
  cache.evict({ id: "ROOT_QUERY", fieldName: "partnershipStatistics" });
  cache.gc();
}
