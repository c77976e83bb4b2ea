import type { PartnershipFilter } from "../../gql/graphql";

/** Where the dashboard's figures lead: the lists, filtered through their search params. */
export type Breakdown = "status" | "country" | "theme";

/**
 * The partnership list showing what the dashboard counted: filtered by one key of a
 * breakdown (if any), and to the coordinator's own organisation where the dashboard is.
 */
export function partnershipListUrl(
  scope: PartnershipFilter,
  breakdown?: Breakdown,
  key?: string,
): string {
  const params = new URLSearchParams();
  if (breakdown !== undefined && key !== undefined) params.set(breakdown, key);
  if (scope.organisationId) params.set("organisation", String(scope.organisationId));
  const query = params.toString();
  return query === "" ? "/partnerships" : `/partnerships?${query}`;
}

export function applicationListUrl(status: "SUBMITTED" | "ELIGIBLE"): string {
  return `/applications?${new URLSearchParams({ status }).toString()}`;
}

export function partnershipUrl(id: string): string {
  return `/partnerships/${encodeURIComponent(id)}`;
}
