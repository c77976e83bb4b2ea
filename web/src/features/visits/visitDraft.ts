/** What a person types into the plan and edit forms, and the checks made before sending. */

export interface VisitDraft {
  hostOrganisationId: string;
  startsOn: string;
  endsOn: string;
  purpose: string;
  /** The chosen people, per organisation id. */
  participants: Record<string, string[]>;
}

export type DraftField =
  | "hostOrganisationId"
  | "startsOn"
  | "endsOn"
  | "purpose"
  | "participantIds";

export interface DraftError {
  id: string;
  values?: Record<string, string | number>;
}

export type DraftErrors = Partial<Record<DraftField, DraftError>>;

/** Longest visit, travel days included (services/partnerships/domain/visit.py). */
export const MAX_VISIT_DAYS = 21;
const MAX_PARTICIPANTS = 50;
const MAX_PURPOSE = 1000;
const DAY_MS = 86_400_000;

export const EMPTY_DRAFT: VisitDraft = {
  hostOrganisationId: "",
  startsOn: "",
  endsOn: "",
  purpose: "",
  participants: {},
};

export function participantIdsOf(draft: VisitDraft): string[] {
  return Object.values(draft.participants).flat();
}

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Days from the first to the last, both counted; null until both are dates. */
export function visitDays(startsOn: string, endsOn: string): number | null {
  if (!isDate(startsOn) || !isDate(endsOn)) return null;
  return Math.round((Date.parse(endsOn) - Date.parse(startsOn)) / DAY_MS) + 1;
}

/**
 * The rules the API applies, checked first so that a person sees them at once and in their
 * language; the API stays the judge (its refusals show at the same fields).
 */
export function checkDraft(
  draft: VisitDraft,
  partnership: { startedOn: string; formatDate: (iso: string) => string },
): DraftErrors {
  const errors: DraftErrors = {};
  const required = { id: "common.required" };
  if (draft.hostOrganisationId === "") errors.hostOrganisationId = required;

  if (!isDate(draft.startsOn)) errors.startsOn = required;
  else if (draft.startsOn < partnership.startedOn) {
    const date = partnership.formatDate(partnership.startedOn);
    errors.startsOn = { id: "visits.error.beforePartnership", values: { date } };
  }
  const days = visitDays(draft.startsOn, draft.endsOn);
  if (!isDate(draft.endsOn)) errors.endsOn = required;
  else if (days !== null && days < 1) errors.endsOn = { id: "visits.error.endsBeforeStart" };
  else if (days !== null && days > MAX_VISIT_DAYS) {
    errors.endsOn = { id: "visits.error.tooLong", values: { max: MAX_VISIT_DAYS, days } };
  }

  const purpose = draft.purpose.trim();
  if (purpose === "") errors.purpose = required;
  else if (purpose.length > MAX_PURPOSE) {
    errors.purpose = { id: "visits.error.purposeTooLong", values: { max: MAX_PURPOSE } };
  }

  const ids = participantIdsOf(draft);
  const travelling = Object.entries(draft.participants).some(
    ([organisationId, people]) => organisationId !== draft.hostOrganisationId && people.length > 0,
  );
  if (ids.length === 0) errors.participantIds = { id: "visits.error.noParticipants" };
  else if (ids.length > MAX_PARTICIPANTS) {
    const values = { max: MAX_PARTICIPANTS };
    errors.participantIds = { id: "visits.error.tooManyParticipants", values };
  } else if (draft.hostOrganisationId !== "" && !travelling) {
    errors.participantIds = { id: "visits.error.onlyHost" };
  }
  return errors;
}
