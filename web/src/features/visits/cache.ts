import type { ApolloCache } from "@apollo/client";

/**
 * Drops a partnership's cached visit lists and meeting compliance after a visit is planned
 * or changed: which year's list it now belongs to is the API's to say, so the partnership
 * page asks again when it next shows them.
 */
export function forgetPartnershipVisits(cache: ApolloCache, partnershipId: string) {
  const id = cache.identify({ __typename: "Partnership", id: partnershipId });
  cache.evict({ id, fieldName: "visits" });
  cache.evict({ id, fieldName: "meetingCompliance" });
  cache.gc();
}
