/**
 * What the signed-in user may do with research, as services/training/domain/research_access.py
 * decides: researchers and coordinators of the applicants' university (and staff) draft, edit
 * and submit; staff screen, assign reviewers, rank, decide and release feedback; advisors
 * review what they are assigned. The API has the last word.
 */
import { isStaff, type SessionUser } from "../../../auth/session";

/** `draftResearchApplication`, `editResearchApplication`, `submitResearchApplication`. */
export function actsForApplicants(user: SessionUser, organisationId: string): boolean {
  if (isStaff(user)) return true;
  return (
    (user.roles.includes("researcher") || user.roles.includes("coordinator")) &&
    user.org === organisationId
  );
}

/** Who may start an application for their own university (staff act for any, not from here). */
export function draftsForOwnOrganisation(user: SessionUser): user is SessionUser & { org: string } {
  return (
    user.org !== null && (user.roles.includes("researcher") || user.roles.includes("coordinator"))
  );
}

export function isAdvisor(user: SessionUser): boolean {
  return user.roles.includes("advisor");
}

/**
 * A research grant, as services/finance/domain/access.py decides: staff and viewers, and the
 * researchers and coordinators of the university.
 */
export function readsGrant(user: SessionUser, organisationId: string): boolean {
  return isStaff(user) || user.roles.includes("viewer") || actsForApplicants(user, organisationId);
}

/** Reviews, reviewers, the ranking and the history: staff and the advisory group. */
export function readsReviews(user: SessionUser): boolean {
  return isStaff(user) || isAdvisor(user);
}
