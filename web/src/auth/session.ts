/** The signed-in user's session, kept in localStorage so a reload keeps the user signed in. */
export type Role = "admin" | "officer" | "coordinator" | "viewer" | "researcher" | "advisor";

export interface SessionUser {
  sub: string;
  name: string;
  roles: Role[];
  org: string | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export const SESSION_KEY = "icld.session";

export function readSession(): Session | null {
  const raw = localStorage.getItem(SESSION_KEY);
  if (raw === null) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return isExpired(session) ? null : session;
  } catch {
    localStorage.removeItem(SESSION_KEY);
    return null;
  }
}

export function writeSession(session: Session | null): void {
  if (session === null) localStorage.removeItem(SESSION_KEY);
  else localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function isExpired(session: Session, now: Date = new Date()): boolean {
  return new Date(session.expiresAt).getTime() <= now.getTime();
}

export function isStaff(user: SessionUser): boolean {
  return user.roles.includes("officer") || user.roles.includes("admin");
}

/**
 * Staff, or a coordinator of one of the partnership's organisations: who may act for a
 * partnership (the API's `require_acts_for_partnership`).
 */
export function actsForPartnership(
  user: SessionUser,
  partnership: { swedishPartnerId: string; partnerIds: readonly string[] },
): boolean {
  if (isStaff(user)) return true;
  return (
    user.roles.includes("coordinator") &&
    user.org !== null &&
    [partnership.swedishPartnerId, ...partnership.partnerIds].includes(user.org)
  );
}

export function canEdit(user: SessionUser): boolean {
  return isStaff(user) || user.roles.includes("coordinator");
}

/** Claims of a JWT's payload, unverified: the gateway verifies; the console only reads. */
export function tokenClaims(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  const binary = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
