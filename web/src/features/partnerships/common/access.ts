/**
 * What the signed-in user may do with partnerships, as services/partnerships/api decides it:
 * staff (officers, admins) act on every partnership; a coordinator on the partnerships their
 * organisation takes part in; viewers only read. The API has the last word.
 */
import { actsForPartnership, isStaff, type SessionUser } from "../../../auth/session";
import type { PartnershipStatus } from "../../../gql/graphql";
import { nextStatuses } from "./statusTransitions";

export interface PartnershipParties {
  status: PartnershipStatus;
  swedishPartnerId: string;
  partnerIds: readonly string[];
}

/** `updatePartnership` and `setSteeringGroup`: those who act for it, while it is not closed. */
export function mayEdit(user: SessionUser, partnership: PartnershipParties): boolean {
  return partnership.status !== "CLOSED" && actsForPartnership(user, partnership);
}

/** `changePartnershipStatus`: staff only, where a transition is left. */
export function mayChangeStatus(user: SessionUser, partnership: PartnershipParties): boolean {
  return isStaff(user) && nextStatuses(partnership.status).length > 0;
}

/** `createApplication`: those who act for the partnership. */
export function mayApply(user: SessionUser, partnership: PartnershipParties): boolean {
  return actsForPartnership(user, partnership);
}

/** `createPartnership`: staff only. */
export function mayCreatePartnership(user: SessionUser): boolean {
  return isStaff(user);
}
