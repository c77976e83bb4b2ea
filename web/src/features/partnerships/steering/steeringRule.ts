/**
 * The steering-group rule, mirrored from `steering_group_gaps` in
 * services/partnerships/domain/partnership.py: from EACH partner organisation (the Swedish
 * partner and every partner abroad) the group needs a politician of the majority, a
 * politician of the opposition and a senior civil servant. Computed here while a user edits,
 * before saving; after saving the API's `steeringGroupGaps` is the word that counts.
 */
import type { PersonRole, PoliticalSide } from "../../../gql/graphql";

export const SEATS = ["majorityPolitician", "oppositionPolitician", "seniorCivilServant"] as const;
export type Seat = (typeof SEATS)[number];

/** What the rule reads of a member: the person as they are now. */
export interface SeatHolder {
  organisationId: string;
  role: PersonRole;
  politicalSide?: PoliticalSide | null;
  senior: boolean;
}

export type SeatState = Record<Seat, boolean>;

export function fillsSeat(person: SeatHolder, seat: Seat): boolean {
  switch (seat) {
    case "majorityPolitician":
      return person.role === "POLITICIAN" && person.politicalSide === "MAJORITY";
    case "oppositionPolitician":
      return person.role === "POLITICIAN" && person.politicalSide === "OPPOSITION";
    case "seniorCivilServant":
      return person.role === "CIVIL_SERVANT" && person.senior;
  }
}

/** Which seats the members of `organisationId` fill. */
export function seatsOf(organisationId: string, members: readonly SeatHolder[]): SeatState {
  const own = members.filter((m) => m.organisationId === organisationId);
  return {
    majorityPolitician: own.some((m) => fillsSeat(m, "majorityPolitician")),
    oppositionPolitician: own.some((m) => fillsSeat(m, "oppositionPolitician")),
    seniorCivilServant: own.some((m) => fillsSeat(m, "seniorCivilServant")),
  };
}

export function isComplete(state: SeatState): boolean {
  return SEATS.every((seat) => state[seat]);
}
