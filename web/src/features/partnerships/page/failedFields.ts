import { CombinedGraphQLErrors } from "@apollo/client/errors";

/**
 * The partnership's fields that came back with an error (a role not allowed to read them, a
 * service not answering), by name: the page shows the rest and a note there.
 */
export function failedFields(error: unknown): ReadonlySet<string> {
  const failed = new Set<string>();
  if (!CombinedGraphQLErrors.is(error)) return failed;
  for (const e of error.errors) {
    const [root, field] = e.path ?? [];
    if (root === "partnership" && typeof field === "string") failed.add(field);
  }
  return failed;
}
