/**
 * What the signed-in user may do with applications, as services/partnerships/api decides:
 * staff (officers, admins) and coordinators of one of the partnership's organisations draft,
 * edit and submit; only staff assess, return and decide; viewers read. The API has the last
 * word.
 */
import { actsForPartnership, isStaff, type SessionUser } from "../../../auth/session";
import type { ApplicationStatus } from "../../../gql/graphql";
import { EDITABLE } from "./rules";

export interface PartnershipParties {
  swedishPartnerId: string;
  partnerIds: readonly string[];
}

/** `updateApplication` and `submitApplication`: a draft or returned application. */
export function mayChange(
  user: SessionUser,
  partnership: PartnershipParties,
  status: ApplicationStatus,
): boolean {
  return EDITABLE.includes(status) && actsForPartnership(user, partnership);
}

/** `assessApplication` and `returnApplication`: staff, on a submitted application. */
export function mayAssess(user: SessionUser, status: ApplicationStatus): boolean {
  return isStaff(user) && status === "SUBMITTED";
}

/** `decideApplication`: staff, on an eligible application. */
export function mayDecide(user: SessionUser, status: ApplicationStatus): boolean {
  return isStaff(user) && status === "ELIGIBLE";
}
