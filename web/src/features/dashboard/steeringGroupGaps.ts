/**
 * `Partnership.steeringGroupGaps` words each gap as "<organisation id>: <seat>" in English
 * (services/partnerships/domain/partnership.py); the dashboard shows the organisation's name
 * and the seat in the user's language.
 */
export type Seat = "majorityPolitician" | "oppositionPolitician" | "seniorCivilServant";

const SEATS: Record<string, Seat> = {
  "a politician of the majority": "majorityPolitician",
  "a politician of the opposition": "oppositionPolitician",
  "a senior civil servant": "seniorCivilServant",
};

export interface OrganisationGaps {
  organisationId: string;
  seats: Seat[];
  /** Gaps worded in a way this console does not know yet, shown as the API words them. */
  other: string[];
}

export function gapsByOrganisation(gaps: readonly string[]): OrganisationGaps[] {
  const byOrganisation = new Map<string, OrganisationGaps>();
  for (const gap of gaps) {
    const at = gap.indexOf(": ");
    const organisationId = at < 0 ? "" : gap.slice(0, at);
    const wording = at < 0 ? gap : gap.slice(at + 2);
    let entry = byOrganisation.get(organisationId);
    if (entry === undefined) {
      entry = { organisationId, seats: [], other: [] };
      byOrganisation.set(organisationId, entry);
    }
    const seat = SEATS[wording];
    if (seat === undefined) entry.other.push(wording);
    else entry.seats.push(seat);
  }
  return [...byOrganisation.values()];
}
