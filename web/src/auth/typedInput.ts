/**
 * What a person typed into forms (kept per tab by usePersistentState) belongs to them: it
 * survives their own expired session, never into another person's.
 */
import { forgetInput } from "../ui/usePersistentState";

const OWNER_KEY = "icld.inputOwner";

/** `subject` signed in: input typed by anyone else in this tab is dropped. */
export function claimInput(subject: string): void {
  if (sessionStorage.getItem(OWNER_KEY) !== subject) forgetInput();
  sessionStorage.setItem(OWNER_KEY, subject);
}

/** Signed out on purpose: nothing typed is kept for the next person. */
export function releaseInput(): void {
  forgetInput();
  sessionStorage.removeItem(OWNER_KEY);
}
