import type { ApolloCache } from "@apollo/client";

/**
 * Drops the cached research application lists after one is created or changes status (a
 * ranking or a decision changes many): which filtered list each belongs to is the API's to
 * say, so each list asks again when next shown.
 */
export function forgetResearchLists(cache: ApolloCache) {
  cache.evict({ id: "ROOT_QUERY", fieldName: "researchApplications" });
  cache.gc();
}
