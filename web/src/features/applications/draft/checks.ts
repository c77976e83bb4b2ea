/**
 * The API's checks on what is typed, made first so a person sees them at once and in their
 * language. Each names its place in the form with the API's own dotted path
 * (`resultsChain.outcomes[0].outputs[1].statement`), so that the API's refusals land at the
 * same places.
 */
import { parseAmount } from "../common/money";
import { ANY_DURATION, MAX_LENGTH } from "../common/rules";
import type { ApplicationDraft, BudgetLineDraft, IndicatorDraft, ResultDraft } from "./draft";

export interface Check {
  id: string;
  values?: Record<string, string | number>;
}

export type Checks = Map<string, Check>;

const REQUIRED: Check = { id: "common.required" };

/** services/common/validation.py clean_text: trimmed length, no leading "$". */
function textCheck(value: string, max: number): Check | null {
  const text = value.trim();
  if (text.length > max) return { id: "applications.check.tooLong", values: { max } };
  if (text.startsWith("$")) return { id: "applications.check.dollar" };
  return null;
}

export function durationOf(draft: ApplicationDraft): number | null {
  const text = draft.durationMonths.trim();
  if (!/^\d+$/.test(text)) return null;
  const months = Number(text);
  return months >= ANY_DURATION[0] && months <= ANY_DURATION[1] ? months : null;
}

function isBlank(...values: string[]): boolean {
  return values.every((v) => v.trim() === "");
}

// --- what may be sent: a row goes to the API once it is complete and acceptable ----------

export function indicatorReady(item: IndicatorDraft): boolean {
  return (
    !isBlank(item.name) &&
    !isBlank(item.baseline) &&
    !isBlank(item.target) &&
    textCheck(item.name, MAX_LENGTH.indicatorName) === null &&
    textCheck(item.unit, MAX_LENGTH.unit) === null &&
    textCheck(item.baseline, MAX_LENGTH.baseline) === null &&
    textCheck(item.target, MAX_LENGTH.target) === null
  );
}

export function statementReady(item: ResultDraft): boolean {
  return !isBlank(item.statement) && textCheck(item.statement, MAX_LENGTH.statement) === null;
}

export function lineAmount(line: BudgetLineDraft, locale: string): string | null {
  const parsed = parseAmount(line.amount, locale);
  return parsed.kind === "amount" && parsed.minor > 0n ? parsed.decimal : null;
}

export function indicatorHasContent(item: IndicatorDraft): boolean {
  return !isBlank(item.name, item.unit, item.baseline, item.target);
}

export function resultHasContent(item: ResultDraft): boolean {
  return !isBlank(item.statement) || item.indicators.some(indicatorHasContent);
}

// --- the checks -------------------------------------------------------------------------

function indicatorChecks(
  items: IndicatorDraft[],
  path: string,
  checks: Checks,
  complete: boolean,
): void {
  items.forEach((item, n) => {
    const at = `${path}.indicators[${n}]`;
    const fields = [
      ["name", item.name, MAX_LENGTH.indicatorName, true],
      ["unit", item.unit, MAX_LENGTH.unit, false],
      ["baseline", item.baseline, MAX_LENGTH.baseline, true],
      ["target", item.target, MAX_LENGTH.target, true],
    ] as const;
    for (const [name, value, max, required] of fields) {
      const found = textCheck(value, max);
      if (found) checks.set(`${at}.${name}`, found);
      else if (complete && required && isBlank(value)) checks.set(`${at}.${name}`, REQUIRED);
    }
  });
}

function resultChecks(item: ResultDraft, path: string, checks: Checks, complete: boolean) {
  const found = textCheck(item.statement, MAX_LENGTH.statement);
  if (found) checks.set(`${path}.statement`, found);
  else if (complete && isBlank(item.statement)) checks.set(`${path}.statement`, REQUIRED);
  indicatorChecks(item.indicators, path, checks, complete);
}

/**
 * What is wrong with the draft. Values the API would refuse are always reported; with
 * `complete`, so is every required value still missing (shown once the user tries to
 * submit: until then an unfinished row is simply not saved yet).
 */
export function checkDraft(draft: ApplicationDraft, locale: string, complete: boolean): Checks {
  const checks: Checks = new Map();
  const title = textCheck(draft.title, MAX_LENGTH.title);
  if (title) checks.set("title", title);
  else if (complete && isBlank(draft.title)) checks.set("title", REQUIRED);
  if (!isBlank(draft.durationMonths) && durationOf(draft) === null) {
    const [min, max] = ANY_DURATION;
    checks.set("durationMonths", { id: "applications.check.duration", values: { min, max } });
  } else if (complete && isBlank(draft.durationMonths)) {
    checks.set("durationMonths", REQUIRED);
  }
  const area = textCheck(draft.projectArea, MAX_LENGTH.projectArea);
  if (area) checks.set("projectArea", area);
  if (complete) {
    if (draft.callId === "") checks.set("callId", REQUIRED);
    if (draft.type === "") checks.set("type", REQUIRED);
    if (draft.theme === "") checks.set("theme", REQUIRED);
  }

  // An empty goal is the API's to refuse at submission ("the results chain needs a goal").
  resultChecks(draft.goal, "resultsChain.goal", checks, complete && resultHasContent(draft.goal));
  draft.outcomes.forEach((outcome, n) => {
    const path = `resultsChain.outcomes[${n}]`;
    resultChecks(outcome, path, checks, complete);
    outcome.outputs.forEach((output, m) =>
      resultChecks(output, `${path}.outputs[${m}]`, checks, complete),
    );
  });

  draft.budget.forEach((line, n) => {
    const parsed = parseAmount(line.amount, locale);
    const at = `requestedBudget[${n}].amount`;
    if (parsed.kind === "invalid") checks.set(at, { id: "applications.check.amount" });
    else if (parsed.kind === "amount" && parsed.minor <= 0n) {
      checks.set(at, { id: "applications.check.amountAboveZero" });
    } else if (complete && parsed.kind === "blank") checks.set(at, REQUIRED);
  });
  return checks;
}
