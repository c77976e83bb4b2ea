/**
 * What the signed-in user may do with applications, as services/partnerships/api decides:
 * staff (officers, admins) and coordinators of one of the partnership's organisations draft,
 * edit and submit; only staff assess, return and decide; viewers read. The API has the last
 * word.
 */
import { isStaff, type SessionUser } from "../../../auth/session";
import type { ApplicationStatus } from "../../../gql/graphql";
import { EDITABLE } from "./rules";

export interface PartnershipParties {
  swedishPartnerId: string;
  partnerIds: readonly string[];
}

/**
 * Staff, or a coordinator of one of its organisations (`require_acts_for_partnership`): who
 * may create an application for the partnership (unless it is closed).
 */
export function actsFor(user: SessionUser, partnership: PartnershipParties): boolean {
  if (isStaff(user)) return true;
  return (
    user.roles.includes("coordinator") &&
    user.org !== null &&
    [partnership.swedishPartnerId, ...partnership.partnerIds].includes(user.org)
  );
}

/** `updateApplication` and `submitApplication`: a draft or returned application. */
export function mayChange(
  user: SessionUser,
  partnership: PartnershipParties,
  status: ApplicationStatus,
): boolean {
  return EDITABLE.includes(status) && actsFor(user, partnership);
}

/** `assessApplication` and `returnApplication`: staff, on a submitted application. */
export function mayAssess(user: SessionUser, status: ApplicationStatus): boolean {
  return isStaff(user) && status === "SUBMITTED";
}

/** `decideApplication`: staff, on an eligible application. */
export function mayDecide(user: SessionUser, status: ApplicationStatus): boolean {
  return isStaff(user) && status === "ELIGIBLE";
}
