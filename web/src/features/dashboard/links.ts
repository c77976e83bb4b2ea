/** Where the dashboard's figures lead: the lists, filtered through their search params. */
export type Breakdown = "status" | "country" | "theme";

export function partnershipListUrl(breakdown: Breakdown, key: string): string {
  return `/partnerships?${new URLSearchParams({ [breakdown]: key }).toString()}`;
}

export function applicationListUrl(status: "SUBMITTED" | "ELIGIBLE"): string {
  return `/applications?${new URLSearchParams({ status }).toString()}`;
}

export function partnershipUrl(id: string): string {
  return `/partnerships/${encodeURIComponent(id)}`;
}
