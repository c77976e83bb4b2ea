import type { PartnershipStatus } from "../../../gql/graphql";

/**
 * The statuses a partnership may move to, as services/partnerships/domain/partnership.py
 * (STATUS_TRANSITIONS) allows: a closed partnership stays closed.
 */
const TRANSITIONS: Record<PartnershipStatus, readonly PartnershipStatus[]> = {
  ACTIVE: ["DORMANT", "CLOSED"],
  DORMANT: ["ACTIVE", "CLOSED"],
  CLOSED: [],
};

export function nextStatuses(from: PartnershipStatus): readonly PartnershipStatus[] {
  return TRANSITIONS[from];
}
