/** What a person types into the application form: text as typed, rows keyed for React. */
import type {
  ApplicationDetail_ApplicationFragment,
  ApplicationKind,
  CostCategory,
  Theme,
} from "../../../gql/graphql";
import { amountText } from "../common/money";
import { DEFAULT_DURATION } from "../common/rules";

export interface IndicatorDraft {
  key: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
}

/** The goal, or an output: a statement and how it is measured. */
export interface ResultDraft {
  key: string;
  statement: string;
  indicators: IndicatorDraft[];
}

export interface OutcomeDraft extends ResultDraft {
  outputs: ResultDraft[];
}

export interface BudgetLineDraft {
  key: string;
  /** Year of the project: 1, 2 or 3. */
  year: number;
  category: CostCategory;
  /** As typed, in the user's locale ("12 500,50"). */
  amount: string;
}

export interface ApplicationDraft {
  callId: string;
  type: ApplicationKind | "";
  title: string;
  /** As typed; the API takes whole months. */
  durationMonths: string;
  theme: Theme | "";
  projectArea: string;
  sdgs: number[];
  goal: ResultDraft;
  outcomes: OutcomeDraft[];
  budget: BudgetLineDraft[];
}

let counter = 0;

/** A key that tells rows apart for React (never sent to the API). */
export function newKey(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${counter}`;
}

export function emptyIndicator(): IndicatorDraft {
  return { key: newKey(), name: "", unit: "", baseline: "", target: "" };
}

export function emptyResult(): ResultDraft {
  return { key: newKey(), statement: "", indicators: [] };
}

export function emptyOutcome(): OutcomeDraft {
  return { ...emptyResult(), outputs: [emptyResult()] };
}

export function emptyLine(year: number): BudgetLineDraft {
  return { key: newKey(), year, category: "INTERNATIONAL_TRAVEL", amount: "" };
}

/**
 * A new draft with what every application needs in place: the first call and type it may
 * use, a duration every type accepts, the partnership's theme, and one row at each level of
 * the results chain and budget (each is needed to submit).
 */
export function initialDraft(
  calls: readonly { id: string; allowedTypes: readonly ApplicationKind[] }[],
  themes: readonly Theme[],
): ApplicationDraft {
  const call = calls[0];
  return {
    callId: call?.id ?? "",
    type: call?.allowedTypes[0] ?? "",
    title: "",
    durationMonths: String(DEFAULT_DURATION),
    theme: themes[0] ?? "",
    projectArea: "",
    sdgs: [],
    goal: emptyResult(),
    outcomes: [emptyOutcome()],
    budget: [emptyLine(1)],
  };
}

type Saved = ApplicationDetail_ApplicationFragment;
type SavedResult = NonNullable<Saved["resultsChain"]["goal"]>;

function resultOf(result: SavedResult): ResultDraft {
  return {
    key: newKey(),
    statement: result.statement,
    indicators: result.indicators.map((i) => ({
      key: newKey(),
      name: i.name,
      unit: i.unit,
      baseline: i.baseline,
      target: i.target,
    })),
  };
}

/** The form's contents from a saved application, amounts written in the user's locale. */
export function draftOf(application: Saved, locale: string): ApplicationDraft {
  const chain = application.resultsChain;
  return {
    callId: application.callId,
    type: application.type,
    title: application.title,
    durationMonths: String(application.durationMonths),
    theme: application.theme,
    projectArea: application.projectArea,
    sdgs: [...application.sdgs],
    goal: chain.goal ? resultOf(chain.goal) : emptyResult(),
    outcomes: chain.outcomes.map((o) => ({
      ...resultOf(o),
      outputs: o.outputs.map(resultOf),
    })),
    budget: application.requestedBudget.map((line) => ({
      key: newKey(),
      year: line.year,
      category: line.category,
      amount: amountText(line.amount.amount, locale),
    })),
  };
}
