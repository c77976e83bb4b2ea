import { isStaff, type SessionUser } from "../../auth/session";
import type { PartnershipFilter } from "../../gql/graphql";

/**
 * The partnerships a user's dashboard counts: a coordinator's own organisation's, everyone
 * else the whole programme (the API narrows a coordinator's statistics anyway; the list of
 * partnerships shows every caller every partnership, so its filter must say it).
 */
export function dashboardScope(user: SessionUser): PartnershipFilter {
  const coordinatorOnly = user.roles.includes("coordinator") && !isStaff(user);
  return coordinatorOnly && user.org !== null ? { organisationId: user.org } : {};
}
