import { useCallback } from "react";
import { useSearchParams } from "react-router";

/** The search parameter that holds the year the visits section shows. */
export const VISITS_YEAR_PARAM = "visitsYear";

export function currentYear(): number {
  return new Date().getFullYear();
}

function askedYear(params: URLSearchParams): number | null {
  const asked = Number(params.get(VISITS_YEAR_PARAM));
  return Number.isInteger(asked) && asked >= 1900 && asked <= 9999 ? asked : null;
}

/** The year asked for in the address, else the current one: the page query's `$year`. */
export function visitsYearOf(params: URLSearchParams): number {
  return askedYear(params) ?? currentYear();
}

/** The year asked for in the address (null: none) and a way to choose another. */
export function useAskedVisitsYear() {
  const [params, setParams] = useSearchParams();
  const choose = useCallback(
    (year: number) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          next.set(VISITS_YEAR_PARAM, String(year));
          return next;
        },
        { replace: true, preventScrollReset: true },
      ),
    [setParams],
  );
  return [askedYear(params), choose] as const;
}

/** The partnership page showing the visits of `year` (where a saved visit is seen). */
export function partnershipVisitsPath(partnershipId: string, year: number | string): string {
  return `/partnerships/${partnershipId}?${VISITS_YEAR_PARAM}=${String(year)}`;
}
