import type { PartnershipFilter } from "../../gql/graphql";
import { partnershipListUrl, type Breakdown } from "./links";

export interface BreakdownEntry {
  key: string;
  label: string;
  count: number;
  color: string;
  /** The partnership list filtered to this entry. */
  to: string;
}

const STATUS_COLORS: Record<string, string> = {
  ACTIVE: "teal.7",
  DORMANT: "yellow.6",
  CLOSED: "gray.6",
};

/** A count list from the API as chart entries, in the API's order (most first). */
export function breakdownEntries(
  scope: PartnershipFilter,
  breakdown: Breakdown,
  counts: readonly { key: string; count: number }[],
  label: (key: string) => string,
): BreakdownEntry[] {
  return counts.map(({ key, count }) => ({
    key,
    label: label(key),
    count,
    color: breakdown === "status" ? (STATUS_COLORS[key] ?? "blue.6") : "blue.6",
    to: partnershipListUrl(scope, breakdown, key),
  }));
}
