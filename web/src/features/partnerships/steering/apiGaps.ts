/**
 * The API's `steeringGroupGaps` read as seats per organisation. Each gap is
 * "<organisation id>: <what is missing>" (services/partnerships/domain/partnership.py).
 */
import { SEATS, type Seat, type SeatState } from "./steeringRule";

const SEAT_OF_TEXT: Record<string, Seat> = {
  "a politician of the majority": "majorityPolitician",
  "a politician of the opposition": "oppositionPolitician",
  "a senior civil servant": "seniorCivilServant",
};

export interface ReadGaps {
  /** Seats per organisation id, as the API sees them. */
  seatsOf: (organisationId: string) => SeatState;
  /** Gaps in words this console does not know: shown as the platform wrote them. */
  unknown: string[];
}

export function readGaps(gaps: readonly string[]): ReadGaps {
  const missing = new Map<string, Set<Seat>>();
  const unknown: string[] = [];
  for (const gap of gaps) {
    const at = gap.indexOf(": ");
    const seat = at < 0 ? undefined : SEAT_OF_TEXT[gap.slice(at + 2)];
    if (seat === undefined) {
      unknown.push(gap);
      continue;
    }
    const organisationId = gap.slice(0, at);
    const seats = missing.get(organisationId) ?? new Set<Seat>();
    seats.add(seat);
    missing.set(organisationId, seats);
  }
  return {
    seatsOf: (organisationId) => {
      const lacking = missing.get(organisationId);
      return Object.fromEntries(SEATS.map((s) => [s, !lacking?.has(s)])) as SeatState;
    },
    unknown,
  };
}
