/** OpenID Connect, Authorization Code with PKCE (oidc-client-ts does the protocol). */
import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";

import type { AuthConfig } from "../config/runtime";
import { tokenClaims, type Role, type Session } from "./session";

type OidcConfig = Extract<AuthConfig, { mode: "oidc" }>;

const KNOWN_ROLES: readonly Role[] = [
  "admin",
  "officer",
  "coordinator",
  "viewer",
  "researcher",
  "advisor",
];

export function userManager(config: OidcConfig): UserManager {
  const origin = window.location.origin;
  const resource = config.resource ? { resource: config.resource } : undefined;
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}/auth/callback`,
    post_logout_redirect_uri: `${origin}/sign-in`,
    response_type: "code",
    scope: config.scope,
    extraQueryParams: resource,
    extraTokenParams: resource,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** The console's session from the provider's answer; roles and org come from the access token. */
export function sessionFromUser(user: User): Session {
  const claims = tokenClaims(user.access_token);
  const roles = Array.isArray(claims.roles)
    ? claims.roles.filter((r): r is Role => KNOWN_ROLES.includes(r as Role))
    : [];
  const expiresAt = new Date((user.expires_at ?? 0) * 1000).toISOString();
  return {
    token: user.access_token,
    expiresAt,
    user: {
      sub: user.profile.sub,
      name: user.profile.name ?? user.profile.preferred_username ?? user.profile.sub,
      roles,
      org: typeof claims.org === "string" ? claims.org : null,
    },
  };
}
