/**
 * Every mutation carries an `Idempotency-Key`: when its answer is lost (a weak phone
 * connection, a service restarting mid-write) and the mutation is sent again, the platform
 * answers the first outcome instead of writing twice. A key the caller already set (in the
 * mutation's `context.headers`, to retry by hand) is kept, and so is the key of an operation
 * a link sends again: each operation gets one key, whatever re-sends it.
 */
import { ApolloLink } from "@apollo/client";
import { OperationTypeNode } from "graphql";

export const IDEMPOTENCY_KEY = "Idempotency-Key";

export const idempotencyLink = new ApolloLink((operation, forward) => {
  if (operation.operationType === OperationTypeNode.MUTATION) {
    operation.setContext((previous) => {
      const headers = (previous.headers ?? {}) as Record<string, string>;
      return IDEMPOTENCY_KEY in headers
        ? {}
        : { headers: { ...headers, [IDEMPOTENCY_KEY]: crypto.randomUUID() } };
    });
  }
  return forward(operation);
});
