import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";

import type { AuthConfig } from "../config/runtime";
import { AuthContext, type Auth } from "./AuthContext";
import { readSession, writeSession, type Session } from "./session";

export function AuthProvider({ config, children }: { config: AuthConfig; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readSession);
  const [expired, setExpired] = useState(false);

  const signIn = useCallback((next: Session) => {
    writeSession(next);
    setExpired(false);
    setSession(next);
  }, []);

  const expire = useCallback(() => {
    writeSession(null);
    setExpired(true);
    setSession(null);
  }, []);

  const signOut = useCallback(async () => {
    writeSession(null);
    setExpired(false);
    setSession(null);
    if (config.mode === "oidc") {
      // Loaded only where OIDC is configured: the protocol code stays out of the first load.
      const { userManager } = await import("./oidc");
      await userManager(config).signoutRedirect();
    }
  }, [config]);

  // Ends the session the moment its token expires, so no request is sent with a dead token.
  useEffect(() => {
    if (session === null) return;
    const left = new Date(session.expiresAt).getTime() - Date.now();
    const timer = window.setTimeout(expire, Math.min(Math.max(left, 0), 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [session, expire]);

  const auth = useMemo<Auth>(
    () => ({ config, session, expired, signIn, signOut, expire }),
    [config, session, expired, signIn, signOut, expire],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
