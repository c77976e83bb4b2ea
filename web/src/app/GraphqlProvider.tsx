import { ApolloProvider } from "@apollo/client/react";
import { useState, type ReactNode } from "react";

import { useAuth } from "../auth/AuthContext";
import { readSession } from "../auth/session";
import { createClient } from "../graphql/client";

export function GraphqlProvider({ gatewayUrl, children }: { gatewayUrl: string; children: ReactNode }) {
  const { session, expire } = useAuth();
  const subject = session?.user.sub ?? null;
  const open = () => ({
    subject,
    client: createClient({
      gatewayUrl,
      // The stored session is the one truth about the token, read at each request.
      token: () => readSession()?.token ?? null,
      onUnauthenticated: expire,
    }),
  });
  const [current, setCurrent] = useState(open);
  // Another person's cached data must never show, not even in the first render of the next
  // person's screens: a new subject gets a new client (and cache) before anything renders.
  if (current.subject !== subject) setCurrent(open());
  return <ApolloProvider client={current.client}>{children}</ApolloProvider>;
}
