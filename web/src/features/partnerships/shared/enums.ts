import type { PartnershipStatus, Theme } from "../../../gql/graphql";

// Records rather than arrays: the compiler then insists on every value of the API's enums.
const STATUSES: Record<PartnershipStatus, null> = { ACTIVE: null, DORMANT: null, CLOSED: null };
const THEME_VALUES: Record<Theme, null> = {
  GENDER_EQUALITY: null,
  CLIMATE_ACTION: null,
  DEMOCRATIC_RESILIENCE: null,
  CITIZEN_PARTICIPATION: null,
  TRANSPARENCY: null,
  INCLUSION: null,
  YOUTH: null,
  LOCAL_ECONOMIC_DEVELOPMENT: null,
};

/** In the API's order, which is also the order of a partnership's life. */
export const PARTNERSHIP_STATUSES = Object.keys(STATUSES) as PartnershipStatus[];
export const THEMES = Object.keys(THEME_VALUES) as Theme[];

export function isPartnershipStatus(value: string | null): value is PartnershipStatus {
  return value !== null && value in STATUSES;
}

export function isTheme(value: string | null): value is Theme {
  return value !== null && value in THEME_VALUES;
}
