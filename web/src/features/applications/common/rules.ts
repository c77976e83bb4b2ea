/**
 * The rules of services/partnerships/domain/application.py, mirrored so that the screens say
 * them before the API has to refuse; the API stays the judge.
 */
import type { ApplicationKind, ApplicationStatus } from "../../../gql/graphql";

/** The months an application of each type runs, checked when it is submitted. */
export const DURATION_MONTHS: Record<ApplicationKind, readonly [number, number]> = {
  INCEPTION: [9, 15],
  PROJECT: [12, 36],
  STEERING_GROUP: [12, 36],
};
export const MAX_PROJECT_YEARS = 3;
/** What a draft may say before the type's own range is checked at submission. */
export const ANY_DURATION = [1, 12 * MAX_PROJECT_YEARS] as const;
/** Inside every type's range, so a new draft can be saved before anyone thinks about it. */
export const DEFAULT_DURATION = 12;
/** Bound on every list in a proposal (outcomes, outputs, indicators, budget lines). */
export const MAX_ITEMS = 50;
export const MAX_LENGTH = {
  title: 200,
  projectArea: 500,
  statement: 1000,
  indicatorName: 200,
  unit: 50,
  baseline: 200,
  target: 200,
  note: 2000,
  conditions: 4000,
} as const;
export const BUDGET_CURRENCY = "SEK";

/** Drafts and returned applications are the applicants' to change and (re)submit. */
export const EDITABLE: readonly ApplicationStatus[] = ["DRAFT", "RETURNED"];

/** The project years a duration spans: a budget line may be for year 1 up to this. */
export function projectYears(durationMonths: number): number {
  return Math.min(Math.max(Math.ceil(durationMonths / 12), 1), MAX_PROJECT_YEARS);
}

/** Today in UTC, as the API's clock decides whether a call is open. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
