import { useIntl } from "react-intl";

import type { Problem } from "../../../errors/problem";
import { useFieldError } from "../../../ui/FieldMessage";
import { checkDraft, type Check } from "./checks";
import type { ApplicationDraft } from "./draft";
import { placeOf, type Operation } from "./problemPlaces";

export interface Refusal {
  /** The form path it shows at. */
  path: string;
  text: string;
}

/**
 * What the form says where: the checks made here first, then the API's refusals of the last
 * save and the last submission, each in the user's language at the place it concerns.
 */
export function useDraftMessages(
  draft: ApplicationDraft,
  attempted: boolean,
  saveProblem: Problem | null,
  submitProblem: Problem | null,
) {
  const intl = useIntl();
  const genericSave = useFieldError(saveProblem);
  const genericSubmit = useFieldError(submitProblem);
  const message = (check: Check) => intl.formatMessage({ id: check.id }, check.values);
  const refusal = (problem: Problem | null, operation: Operation): Refusal | null => {
    if (problem?.kind !== "field") return null;
    const place = placeOf(problem.field, operation, draft.type);
    const generic = operation === "save" ? genericSave : genericSubmit;
    const text = place.check ? message(place.check) : generic(place.path);
    return { path: place.path, text: text ?? "" };
  };
  const checks = checkDraft(draft, intl.locale, attempted);
  const saveRefusal = refusal(saveProblem, "save");
  const submitRefusal = refusal(submitProblem, "submit");
  const errorAt = (path: string): string | undefined => {
    const check = checks.get(path);
    if (check) return message(check);
    if (submitRefusal?.path === path) return submitRefusal.text;
    if (saveRefusal?.path === path) return saveRefusal.text;
    return undefined;
  };
  return { errorAt, saveRefusal, submitRefusal };
}
