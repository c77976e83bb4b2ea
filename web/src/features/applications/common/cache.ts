import type { ApolloCache } from "@apollo/client";

/**
 * Drops the cached application lists (the list page's, the dashboard's counts, the
 * partnership's) after an application is created or changes status: which filtered list it
 * now belongs to is the API's to say, so each list asks again when next shown.
 */
export function forgetApplicationLists(cache: ApolloCache, partnershipId: string) {
  cache.evict({ id: "ROOT_QUERY", fieldName: "applications" });
  const partnership = cache.identify({ __typename: "Partnership", id: partnershipId });
  cache.evict({ id: partnership, fieldName: "applications" });
  cache.gc();
}

/** After a decision finance opens a grant: the partnership's grants and funding ask again. */
export function forgetPartnershipGrants(cache: ApolloCache, partnershipId: string) {
  const partnership = cache.identify({ __typename: "Partnership", id: partnershipId });
  cache.evict({ id: partnership, fieldName: "grants" });
  cache.evict({ id: partnership, fieldName: "funding" });
  cache.gc();
}
