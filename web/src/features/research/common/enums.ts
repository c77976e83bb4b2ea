import type {
  EthicalApproval,
  ResearchDegree,
  ResearchKind,
  ResearchOutcome,
  ResearchStatus,
} from "../../../gql/graphql";
import { enumValues } from "../../../graphql/enums";

const STATUS = enumValues<ResearchStatus>({
  DRAFT: null,
  SUBMITTED: null,
  ELIGIBLE: null,
  INELIGIBLE: null,
  IN_REVIEW: null,
  RANKED: null,
  APPROVED: null,
  REJECTED: null,
  WAITLISTED: null,
  REPORTED: null,
});
const KIND = enumValues<ResearchKind>({ PROJECT: null, FIELDWORK: null });
const DEGREE = enumValues<ResearchDegree>({ DOCTORATE: null, DOCTORAL_STUDENT: null, OTHER: null });
const ETHICAL = enumValues<EthicalApproval>({ NOT_REQUIRED: null, PENDING: null, APPROVED: null });
const OUTCOME = enumValues<ResearchOutcome>({ APPROVED: null, REJECTED: null, WAITLISTED: null });

/** In the API's order, which is also the order of an application's life. */
export const RESEARCH_STATUSES = STATUS.values;
export const RESEARCH_KINDS = KIND.values;
export const RESEARCH_DEGREES = DEGREE.values;
export const ETHICAL_APPROVALS = ETHICAL.values;
export const RESEARCH_OUTCOMES = OUTCOME.values;

export const isResearchStatus = STATUS.is;
export const isResearchKind = KIND.is;
export const isResearchDegree = DEGREE.is;
export const isEthicalApproval = ETHICAL.is;
