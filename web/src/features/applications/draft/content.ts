/**
 * The draft as the API takes it (the fields of CreateApplicationInput and
 * UpdateApplicationInput). Rows that are not complete yet stay in the form and are left out;
 * because that shifts the indices, each sent row remembers where it is in the form, and the
 * API's field paths are translated back (`requestedBudget[0]` may be the form's second line).
 */
import type {
  ApplicationKind,
  BudgetLineInput,
  IndicatorInput,
  ResultInput,
  ResultsChainInput,
  Theme,
} from "../../../gql/graphql";
import { BUDGET_CURRENCY, MAX_LENGTH } from "../common/rules";
import {
  durationOf,
  indicatorHasContent,
  indicatorReady,
  lineAmount,
  resultHasContent,
  statementReady,
} from "./checks";
import type { ApplicationDraft, IndicatorDraft, ResultDraft } from "./draft";

export interface DraftContent {
  type?: ApplicationKind;
  title?: string;
  durationMonths?: number;
  theme?: Theme;
  projectArea?: string;
  sdgs: number[];
  resultsChain: ResultsChainInput;
  requestedBudget: BudgetLineInput[];
}

/** Sent path prefix → the form's path prefix, for each row sent. */
export type PathMap = [sent: string, form: string][];

export interface Built {
  content: DraftContent;
  paths: PathMap;
  /** Rows with something typed in them that are not complete yet, so not saved. */
  heldBack: number;
}

function valid(text: string, max: number): string | undefined {
  const trimmed = text.trim();
  return trimmed !== "" && trimmed.length <= max && !trimmed.startsWith("$") ? trimmed : undefined;
}

export function buildContent(draft: ApplicationDraft, locale: string): Built {
  const paths: PathMap = [];
  let heldBack = 0;

  const indicators = (items: IndicatorDraft[], sent: string, form: string): IndicatorInput[] => {
    const ready: IndicatorInput[] = [];
    items.forEach((item, n) => {
      if (!indicatorReady(item)) {
        if (indicatorHasContent(item)) heldBack += 1;
        return;
      }
      paths.push([`${sent}.indicators[${ready.length}]`, `${form}.indicators[${n}]`]);
      ready.push({
        name: item.name.trim(),
        unit: item.unit.trim(),
        baseline: item.baseline.trim(),
        target: item.target.trim(),
      });
    });
    return ready;
  };
  const result = (item: ResultDraft, sent: string, form: string): ResultInput => ({
    statement: item.statement.trim(),
    indicators: indicators(item.indicators, sent, form),
  });

  let goal: ResultInput | null = null;
  if (statementReady(draft.goal)) {
    paths.push(["resultsChain.goal", "resultsChain.goal"]);
    goal = result(draft.goal, "resultsChain.goal", "resultsChain.goal");
  } else if (resultHasContent(draft.goal)) heldBack += 1;

  const outcomes: ResultsChainInput["outcomes"] = [];
  draft.outcomes.forEach((outcome, n) => {
    if (!statementReady(outcome)) {
      if (resultHasContent(outcome) || outcome.outputs.some(resultHasContent)) heldBack += 1;
      return;
    }
    const sent = `resultsChain.outcomes[${outcomes.length}]`;
    const form = `resultsChain.outcomes[${n}]`;
    paths.push([sent, form]);
    const outputs: ResultInput[] = [];
    outcome.outputs.forEach((output, m) => {
      if (!statementReady(output)) {
        if (resultHasContent(output)) heldBack += 1;
        return;
      }
      const at = `${sent}.outputs[${outputs.length}]`;
      paths.push([at, `${form}.outputs[${m}]`]);
      outputs.push(result(output, at, `${form}.outputs[${m}]`));
    });
    outcomes.push({ ...result(outcome, sent, form), outputs });
  });

  const requestedBudget: BudgetLineInput[] = [];
  draft.budget.forEach((line, n) => {
    const amount = lineAmount(line, locale);
    if (amount === null) {
      if (line.amount.trim() !== "") heldBack += 1;
      return;
    }
    paths.push([`requestedBudget[${requestedBudget.length}]`, `requestedBudget[${n}]`]);
    requestedBudget.push({
      year: line.year,
      category: line.category,
      amount: { amount, currency: BUDGET_CURRENCY },
    });
  });

  const projectArea = draft.projectArea.trim();
  const content: DraftContent = {
    type: draft.type === "" ? undefined : draft.type,
    title: valid(draft.title, MAX_LENGTH.title),
    durationMonths: durationOf(draft) ?? undefined,
    theme: draft.theme === "" ? undefined : draft.theme,
    projectArea:
      projectArea.length <= MAX_LENGTH.projectArea && !projectArea.startsWith("$")
        ? projectArea
        : undefined,
    sdgs: [...draft.sdgs].sort((a, b) => a - b),
    resultsChain: { goal, outcomes },
    requestedBudget,
  };
  return { content, paths, heldBack };
}

/** The form's path for a field the API named (in the indices of what was sent). */
export function formPath(field: string, paths: PathMap): string {
  let best: [string, string] | null = null;
  for (const entry of paths) {
    const [sent] = entry;
    const inside =
      field === sent || field.startsWith(`${sent}.`) || field.startsWith(`${sent}[`);
    if (inside && (best === null || sent.length > best[0].length)) best = entry;
  }
  return best === null ? field : best[1] + field.slice(best[0].length);
}

/** What was last saved, field by field, to send only what changed since. */
export type Sent = Map<string, string>;

export function sentOf(content: Partial<DraftContent>, before: Sent = new Map()): Sent {
  const next = new Map(before);
  for (const [key, value] of Object.entries(content) as [string, unknown][]) {
    if (value !== undefined) next.set(key, JSON.stringify(value));
  }
  return next;
}

/**
 * The fields that differ from what was last saved: the audit trail then names what a person
 * changed, and a save with nothing new is no save at all.
 */
export function changedFields(content: DraftContent, sent: Sent): Partial<DraftContent> {
  const changed: Partial<DraftContent> = {};
  for (const [key, value] of Object.entries(content) as [keyof DraftContent, unknown][]) {
    if (value !== undefined && sent.get(key) !== JSON.stringify(value)) {
      Object.assign(changed, { [key]: value });
    }
  }
  return changed;
}
