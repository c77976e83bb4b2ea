import { ApolloProvider } from "@apollo/client/react";
import { useEffect, useMemo, useRef, type ReactNode } from "react";

import { useAuth } from "../auth/AuthContext";
import { readSession } from "../auth/session";
import { createClient } from "../graphql/client";

export function GraphqlProvider({ gatewayUrl, children }: { gatewayUrl: string; children: ReactNode }) {
  const { session, expire } = useAuth();
  // The stored session is the one truth about the token, read at each request.
  const client = useMemo(
    () =>
      createClient({
        gatewayUrl,
        token: () => readSession()?.token ?? null,
        onUnauthenticated: expire,
      }),
    [gatewayUrl, expire],
  );
  // Another user's cached data must never show: a new session starts from an empty cache.
  const subject = session?.user.sub ?? null;
  const previousSubject = useRef(subject);
  useEffect(() => {
    if (previousSubject.current !== subject) void client.clearStore();
    previousSubject.current = subject;
  }, [client, subject]);

  return <ApolloProvider client={client}>{children}</ApolloProvider>;
}
