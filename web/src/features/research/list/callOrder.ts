import type { ResearchCall_CallFragment } from "../../../gql/graphql";

/** Open calls first, then the most recent: the call people look for is the current one. */
export function currentFirst(
  calls: readonly ResearchCall_CallFragment[],
): ResearchCall_CallFragment[] {
  return [...calls].sort(
    (a, b) => Number(b.open) - Number(a.open) || b.opensOn.localeCompare(a.opensOn),
  );
}
