import type {
  ApplicationKind,
  ApplicationStatus,
  CostCategory,
  DecisionOutcome,
  Theme,
} from "../../../gql/graphql";

// Records rather than arrays: the compiler then insists on every value of the API's enums.
const STATUS_VALUES: Record<ApplicationStatus, null> = {
  DRAFT: null,
  SUBMITTED: null,
  RETURNED: null,
  ELIGIBLE: null,
  INELIGIBLE: null,
  APPROVED: null,
  APPROVED_WITH_CONDITIONS: null,
  REJECTED: null,
};
const KIND_VALUES: Record<ApplicationKind, null> = {
  INCEPTION: null,
  PROJECT: null,
  STEERING_GROUP: null,
};
const CATEGORY_VALUES: Record<CostCategory, null> = {
  INTERNATIONAL_TRAVEL: null,
  LOCAL_TRAVEL: null,
  ACCOMMODATION: null,
  MEALS: null,
  VISA: null,
  VENUE: null,
  INTERPRETATION: null,
  CLIMATE_COMPENSATION: null,
  WORKING_HOURS: null,
};
const THEME_VALUES: Record<Theme, null> = {
  GENDER_EQUALITY: null,
  CLIMATE_ACTION: null,
  DEMOCRATIC_RESILIENCE: null,
  CITIZEN_PARTICIPATION: null,
  TRANSPARENCY: null,
  INCLUSION: null,
  YOUTH: null,
  LOCAL_ECONOMIC_DEVELOPMENT: null,
};
const DECISION_VALUES: Record<DecisionOutcome, null> = {
  APPROVED: null,
  APPROVED_WITH_CONDITIONS: null,
  REJECTED: null,
};

/** In the API's order, which is also the order of an application's life. */
export const APPLICATION_STATUSES = Object.keys(STATUS_VALUES) as ApplicationStatus[];
export const APPLICATION_KINDS = Object.keys(KIND_VALUES) as ApplicationKind[];
export const COST_CATEGORIES = Object.keys(CATEGORY_VALUES) as CostCategory[];
export const THEMES = Object.keys(THEME_VALUES) as Theme[];
export const DECISION_OUTCOMES = Object.keys(DECISION_VALUES) as DecisionOutcome[];
/** The UN's Sustainable Development Goals, 1 to 17. */
export const SDGS = Array.from({ length: 17 }, (_, i) => i + 1);

export function isApplicationStatus(value: string | null): value is ApplicationStatus {
  return value !== null && value in STATUS_VALUES;
}

export function isApplicationKind(value: string | null): value is ApplicationKind {
  return value !== null && value in KIND_VALUES;
}

export function isCostCategory(value: string | null): value is CostCategory {
  return value !== null && value in CATEGORY_VALUES;
}

export function isTheme(value: string | null): value is Theme {
  return value !== null && value in THEME_VALUES;
}

export function isDecisionOutcome(value: string | null): value is DecisionOutcome {
  return value !== null && value in DECISION_VALUES;
}
