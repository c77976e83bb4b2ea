import { isStaff, type SessionUser } from "../../auth/session";

/**
 * Who may plan, change, complete and cancel a partnership's visits: staff, or a coordinator
 * of one of its organisations (the API's require_acts_for_partnership).
 */
export function mayActForPartnership(user: SessionUser, organisationIds: readonly string[]) {
  if (isStaff(user)) return true;
  return (
    user.roles.includes("coordinator") && user.org !== null && organisationIds.includes(user.org)
  );
}
