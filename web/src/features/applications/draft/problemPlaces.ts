/**
 * Where the API's refusals show in the form, and in which words: the rules of a submission
 * (services/partnerships/domain/application.py check_submission) and of a save, by the field
 * the API names. A field the form does not know keeps the platform's detail.
 */
import type { ApplicationKind } from "../../../gql/graphql";
import { ANY_DURATION, DURATION_MONTHS } from "../common/rules";
import type { Check } from "./checks";

export type Operation = "save" | "submit";

export interface Place {
  /** The form path the message shows at. */
  path: string;
  /** Our words for it; null keeps the platform's detail. */
  check: Check | null;
}

export function placeOf(field: string, operation: Operation, type: ApplicationKind | ""): Place {
  const outputs = /^resultsChain\.outcomes\[\d+\]\.outputs$/.test(field);
  if (outputs) return { path: field, check: { id: "applications.rule.outputs" } };
  const lineYear = /^requestedBudget\[\d+\]\.year$/.test(field);
  if (lineYear) return { path: field, check: { id: "applications.rule.lineYear" } };
  switch (field) {
    case "resultsChain.goal":
      return { path: "resultsChain.goal.statement", check: { id: "applications.rule.goal" } };
    case "resultsChain.outcomes":
      return { path: field, check: { id: "applications.rule.outcomes" } };
    case "requestedBudget":
      return { path: field, check: { id: "applications.rule.budget" } };
    case "durationMonths": {
      if (operation === "save" || type === "") {
        const [min, max] = ANY_DURATION;
        return { path: field, check: { id: "applications.check.duration", values: { min, max } } };
      }
      const [min, max] = DURATION_MONTHS[type];
      return {
        path: field,
        check: { id: "applications.rule.duration", values: { type, min, max } },
      };
    }
    case "steeringGroup":
      return { path: field, check: { id: "applications.rule.steeringGroup" } };
    case "callId":
      return { path: field, check: { id: "applications.rule.callClosed" } };
    case "type":
      return { path: field, check: { id: "applications.rule.typeNotTaken" } };
    case "partnershipId":
      return { path: field, check: { id: "applications.rule.partnershipClosed" } };
    case "status":
      return { path: field, check: { id: "applications.rule.status" } };
    default:
      return { path: field, check: null };
  }
}
