import { useIntl } from "react-intl";

import { fieldProblem, type Problem } from "../errors/problem";

/**
 * The error text a form control shows for a refused value: a sentence in the user's
 * language, with the platform's own detail after it.
 */
export function useFieldError(problem: Problem | null) {
  const intl = useIntl();
  return (...fields: string[]): string | undefined => {
    const detail = fieldProblem(problem, ...fields);
    if (detail === null) return undefined;
    return `${intl.formatMessage({ id: "error.fieldRefused" })} (${detail})`;
  };
}
