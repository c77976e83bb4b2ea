/**
 * The list's state in the URL's search params, so that a link (a dashboard chart, a shared
 * URL) opens the list filtered and sorted: `status`, `country`, `theme`, `organisation`,
 * `search`, `sort` and `order`, e.g. `/partnerships?status=ACTIVE&country=KE&theme=YOUTH`.
 */
import type { PartnershipFilter } from "../../../gql/graphql";
import { isTheme } from "../../../graphql/enums";
import { isPartnershipStatus } from "../common/enums";

export const FILTER_PARAMS = ["status", "country", "theme", "organisation", "search"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export const SORT_KEYS = ["title", "status", "startedOn"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = "asc" | "desc";

export interface Sorting {
  key: SortKey;
  order: SortOrder;
}

/** The API's filter from the params; unknown or malformed values are left out. */
export function filterFromParams(params: URLSearchParams): PartnershipFilter {
  const filter: PartnershipFilter = {};
  const status = params.get("status");
  if (isPartnershipStatus(status)) filter.status = status;
  const theme = params.get("theme");
  if (isTheme(theme)) filter.theme = theme;
  const country = params.get("country")?.trim().toUpperCase();
  if (country && /^[A-Z]{2}$/.test(country)) filter.country = country;
  const organisation = params.get("organisation")?.trim();
  if (organisation) filter.organisationId = organisation;
  // The API refuses an empty search; no text means no search.
  const search = params.get("search")?.trim();
  if (search) filter.search = search;
  return filter;
}

/** The order the list shows when the user chose none: the API's, by title. */
export const API_ORDER: Sorting = { key: "title", order: "asc" };

/** The user's chosen order, or null for the API's own (by title, page after page). */
export function sortingFromParams(params: URLSearchParams): Sorting | null {
  const key = SORT_KEYS.find((k) => k === params.get("sort"));
  if (key === undefined) return null;
  return { key, order: params.get("order") === "desc" ? "desc" : "asc" };
}

/** The params with `name` set to `value`, or removed when the value is empty. */
export function withParam(params: URLSearchParams, name: string, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value.trim() === "") next.delete(name);
  else next.set(name, value);
  return next;
}

export function withSorting(params: URLSearchParams, sorting: Sorting): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set("sort", sorting.key);
  next.set("order", sorting.order);
  return next;
}

export function hasFilters(params: URLSearchParams): boolean {
  return FILTER_PARAMS.some((name) => params.has(name));
}
