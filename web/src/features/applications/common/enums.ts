import type {
  ApplicationKind,
  ApplicationStatus,
  CostCategory,
  DecisionOutcome,
} from "../../../gql/graphql";
import { enumValues } from "../../../graphql/enums";

const STATUS = enumValues<ApplicationStatus>({
  DRAFT: null,
  SUBMITTED: null,
  RETURNED: null,
  ELIGIBLE: null,
  INELIGIBLE: null,
  APPROVED: null,
  APPROVED_WITH_CONDITIONS: null,
  REJECTED: null,
});
const KIND = enumValues<ApplicationKind>({
  INCEPTION: null,
  PROJECT: null,
  STEERING_GROUP: null,
});
const CATEGORY = enumValues<CostCategory>({
  INTERNATIONAL_TRAVEL: null,
  LOCAL_TRAVEL: null,
  ACCOMMODATION: null,
  MEALS: null,
  VISA: null,
  VENUE: null,
  INTERPRETATION: null,
  CLIMATE_COMPENSATION: null,
  WORKING_HOURS: null,
});
const DECISION = enumValues<DecisionOutcome>({
  APPROVED: null,
  APPROVED_WITH_CONDITIONS: null,
  REJECTED: null,
});

/** In the API's order, which is also the order of an application's life. */
export const APPLICATION_STATUSES = STATUS.values;
export const APPLICATION_KINDS = KIND.values;
export const COST_CATEGORIES = CATEGORY.values;
export const DECISION_OUTCOMES = DECISION.values;
/** The UN's Sustainable Development Goals, 1 to 17. */
export const SDGS = Array.from({ length: 17 }, (_, i) => i + 1);

export const isApplicationStatus = STATUS.is;
export const isApplicationKind = KIND.is;
export const isCostCategory = CATEGORY.is;
export const isDecisionOutcome = DECISION.is;
