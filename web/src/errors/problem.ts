/**
 * What went wrong with a request, in terms the screens act on. The gateway's error codes
 * (extensions.code) decide; raw error text never reaches the screen as it is.
 */
import { CombinedGraphQLErrors, ServerError, ServerParseError } from "@apollo/client/errors";

export type Problem =
  | { kind: "field"; field: string; detail: string }
  | { kind: "invalid"; detail: string }
  | { kind: "conflict" }
  | { kind: "network" }
  | { kind: "forbidden" }
  | { kind: "notFound" }
  | { kind: "unauthenticated" }
  | { kind: "unexpected" };

export function problemOf(error: unknown): Problem {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.code;
    const field = first?.extensions?.field ?? variablePath(first?.message);
    switch (code) {
      case "BAD_USER_INPUT":
        return typeof field === "string" && field !== ""
          ? { kind: "field", field, detail: first?.message ?? "" }
          : { kind: "invalid", detail: first?.message ?? "" };
      case "CONFLICT":
        return { kind: "conflict" };
      case "FORBIDDEN":
        return { kind: "forbidden" };
      case "NOT_FOUND":
        return { kind: "notFound" };
      case "UNAUTHENTICATED":
        return { kind: "unauthenticated" };
      case "SUBGRAPH_UNAVAILABLE":
        return { kind: "network" };
      default:
        return { kind: "unexpected" };
    }
  }
  if (ServerError.is(error)) {
    return error.statusCode === 401 ? { kind: "unauthenticated" } : { kind: "unexpected" };
  }
  if (ServerParseError.is(error)) return { kind: "unexpected" };
  // fetch() rejects with a TypeError when the network is down or the gateway unreachable.
  if (error instanceof TypeError) return { kind: "network" };
  return { kind: "unexpected" };
}

// A malformed variable value (a date "2023-02-30", an empty date) is refused before any
// resolver runs, with the input path only in graphql-core's message:
// "Variable '$input' has invalid value at .startedOn: ...".
const VARIABLE_PATH = /^Variable '\$\w+' has invalid value at \.([\w.[\]]+)/;

function variablePath(message: string | undefined): string | undefined {
  return message === undefined ? undefined : VARIABLE_PATH.exec(message)?.[1];
}

/** The message of a field problem for `field`, matching the API's dotted input paths. */
export function fieldProblem(problem: Problem | null, ...fields: string[]): string | null {
  if (problem?.kind !== "field") return null;
  return fields.some((f) => problem.field === f || problem.field.endsWith(`.${f}`))
    ? problem.detail
    : null;
}
