/**
 * The list's filters in the URL's search params, so that a link (the dashboard's "to assess",
 * a shared URL) opens the list filtered: `status`, `type`, `call` and `year`, e.g.
 * `/applications?status=SUBMITTED&year=2026`.
 */
import type { ApplicationFilter } from "../../../gql/graphql";
import { isApplicationKind, isApplicationStatus } from "../common/enums";

export const FILTER_PARAMS = ["status", "type", "call", "year"] as const;

/** The API's filter from the params; unknown or malformed values are left out. */
export function filterFromParams(params: URLSearchParams): ApplicationFilter {
  const filter: ApplicationFilter = {};
  const status = params.get("status");
  if (isApplicationStatus(status)) filter.status = status;
  const type = params.get("type");
  if (isApplicationKind(type)) filter.type = type;
  const call = params.get("call")?.trim();
  if (call) filter.callId = call;
  const year = params.get("year")?.trim() ?? "";
  if (/^\d{4}$/.test(year)) filter.year = Number(year);
  return filter;
}

/** The params with `name` set to `value`, or removed when the value is empty. */
export function withParam(params: URLSearchParams, name: string, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value.trim() === "") next.delete(name);
  else next.set(name, value);
  return next;
}

export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_PARAMS) next.delete(name);
  return next;
}

export function hasFilters(params: URLSearchParams): boolean {
  return FILTER_PARAMS.some((name) => params.has(name));
}
