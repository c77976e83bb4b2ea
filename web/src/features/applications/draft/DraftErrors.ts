import { createContext, useContext } from "react";

/** The message to show at a place in the form (an API field path), if any. */
export type ErrorAt = (path: string) => string | undefined;

export const DraftErrorsContext = createContext<ErrorAt>(() => undefined);

export function useDraftError(): ErrorAt {
  return useContext(DraftErrorsContext);
}
