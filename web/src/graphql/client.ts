/** Apollo Client: normalized cache, automatic persisted queries, bearer token, expiry, an
 * idempotency key on every mutation. */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { relayStylePagination } from "@apollo/client/utilities";

import { idempotencyLink } from "./idempotency";

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface ClientOptions {
  gatewayUrl: string;
  token: () => string | null;
  onUnauthenticated: () => void;
}

export function createClient({ gatewayUrl, token, onUnauthenticated }: ClientOptions) {
  const auth = new SetContextLink((previous) => {
    const bearer = token();
    return bearer
      ? {
          headers: {
            ...(previous.headers as Record<string, string> | undefined),
            authorization: `Bearer ${bearer}`,
          },
        }
      : {};
  });
  const expiry = new ErrorLink(({ error }) => {
    const refused =
      (ServerError.is(error) && error.statusCode === 401) ||
      (CombinedGraphQLErrors.is(error) &&
        error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED"));
    if (refused && token() !== null) onUnauthenticated();
  });
  return new ApolloClient({
    // A federated page shows what it may see: a field refused by one service (e.g. grants
    // for a viewer) leaves the rest of the page intact.
    defaultOptions: { watchQuery: { errorPolicy: "all" }, query: { errorPolicy: "all" } },
    link: ApolloLink.from([
      expiry,
      auth,
      idempotencyLink,
      new PersistedQueryLink({ sha256 }),
      new HttpLink({ uri: gatewayUrl }),
    ]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            partnerships: relayStylePagination(["filter"]),
            applications: relayStylePagination(["filter"]),
            organisations: relayStylePagination(["filter"]),
            people: relayStylePagination(["filter"]),
            researchApplications: relayStylePagination(["filter"]),
          },
        },
        // Value types without an id live inside their parent.
        Money: { keyFields: false },
        AuditEntry: { keyFields: false },
        SteeringGroupMember: { keyFields: false },
        MeetingCompliance: { keyFields: false },
      },
    }),
  });
}
