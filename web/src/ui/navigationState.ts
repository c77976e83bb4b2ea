/**
 * What a form hands over to the page it navigates to after a submission: the case number it
 * got (null when the API gave none), or undefined when the page was opened otherwise.
 */
export function submittedFrom(state: unknown): string | null | undefined {
  if (typeof state !== "object" || state === null || !("submitted" in state)) return undefined;
  const value = state.submitted;
  return typeof value === "string" ? value : null;
}
