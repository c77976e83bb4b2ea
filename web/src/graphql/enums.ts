import type { Theme } from "../gql/graphql";

/**
 * An API enum's values in the API's order, and a test for them. Given as a record rather than
 * an array: the compiler then insists on every value of the enum.
 */
export function enumValues<T extends string>(record: Record<T, null>) {
  return {
    values: Object.keys(record) as T[],
    is: (value: string | null): value is T => value !== null && value in record,
  };
}

const THEME = enumValues<Theme>({
  GENDER_EQUALITY: null,
  CLIMATE_ACTION: null,
  DEMOCRATIC_RESILIENCE: null,
  CITIZEN_PARTICIPATION: null,
  TRANSPARENCY: null,
  INCLUSION: null,
  YOUTH: null,
  LOCAL_ECONOMIC_DEVELOPMENT: null,
});

/** The themes a partnership or an application works on (the API's `Theme`). */
export const THEMES = THEME.values;
export const isTheme = THEME.is;
