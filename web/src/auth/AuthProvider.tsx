import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";

import type { AuthConfig } from "../config/runtime";
import { AuthContext, type Auth } from "./AuthContext";
import { readSession, SESSION_KEY, writeSession, type Session } from "./session";
import { claimInput, releaseInput } from "./typedInput";

function restoredSession(): Session | null {
  const session = readSession();
  if (session !== null) claimInput(session.user.sub);
  return session;
}

export function AuthProvider({ config, children }: { config: AuthConfig; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(restoredSession);
  const [expired, setExpired] = useState(false);

  const signIn = useCallback((next: Session) => {
    claimInput(next.user.sub);
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
    releaseInput();
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

  // Every tab shows the session the browser holds: signing out (or in as someone else) in
  // one tab leaves no other tab showing the previous person's screens.
  useEffect(() => {
    const follow = (event: StorageEvent) => {
      if (event.key !== SESSION_KEY && event.key !== null) return;
      const stored = restoredSession();
      setExpired(false);
      setSession((current) =>
        current?.token === stored?.token && current?.user.sub === stored?.user.sub
          ? current
          : stored,
      );
    };
    window.addEventListener("storage", follow);
    return () => window.removeEventListener("storage", follow);
  }, []);

  const auth = useMemo<Auth>(
    () => ({ config, session, expired, signIn, signOut, expire }),
    [config, session, expired, signIn, signOut, expire],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
