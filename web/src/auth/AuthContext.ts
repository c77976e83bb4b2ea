import { createContext, useContext } from "react";

import type { AuthConfig } from "../config/runtime";
import type { Session } from "./session";

export interface Auth {
  config: AuthConfig;
  session: Session | null;
  /** Set when the last session ended because it expired or the gateway refused it. */
  expired: boolean;
  signIn: (session: Session) => void;
  signOut: () => Promise<void>;
  expire: () => void;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error("useAuth outside AuthProvider");
  return auth;
}

/** The signed-in session; only for screens behind RequireAuth. */
export function useSession(): Session {
  const { session } = useAuth();
  if (session === null) throw new Error("useSession without a session");
  return session;
}
