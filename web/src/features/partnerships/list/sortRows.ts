/**
 * Client-side sorting of the rows loaded so far: the API lists partnerships by title and has
 * no sort argument.
 */
import type { PartnershipStatus } from "../../../gql/graphql";
import { PARTNERSHIP_STATUSES } from "../common/enums";
import type { Sorting } from "./listParams";

export interface SortableRow {
  title: string;
  status: PartnershipStatus;
  startedOn: string;
}

export function sortRows<T extends SortableRow>(
  rows: readonly T[],
  sorting: Sorting | null,
  collator: Intl.Collator,
): T[] {
  if (sorting === null) return [...rows];
  const { key, order } = sorting;
  const compare = (a: T, b: T): number => {
    switch (key) {
      case "title":
        return collator.compare(a.title, b.title);
      case "status":
        return PARTNERSHIP_STATUSES.indexOf(a.status) - PARTNERSHIP_STATUSES.indexOf(b.status);
      case "startedOn":
        // ISO dates (YYYY-MM-DD) order as text.
        return a.startedOn.localeCompare(b.startedOn);
    }
  };
  const direction = order === "asc" ? 1 : -1;
  // Ties keep the API's order (by title): Array.prototype.sort is stable.
  return [...rows].sort((a, b) => direction * compare(a, b));
}
