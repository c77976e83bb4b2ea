import type { IntlShape } from "react-intl";

import type { PersonRole, PoliticalSide } from "../../../gql/graphql";

export interface Describable {
  givenName?: string | null;
  familyName?: string | null;
  role: PersonRole;
  politicalSide?: PoliticalSide | null;
  senior: boolean;
  position?: string | null;
}

/** A person's name, or a note that the user's role does not show it (personal data). */
export function personName(intl: IntlShape, person: Describable): string {
  const name = [person.givenName, person.familyName].filter(Boolean).join(" ");
  return name || intl.formatMessage({ id: "partnerships.person.nameHidden" });
}

/** What counts for the steering-group rule: role, political side, seniority, and position. */
export function personStanding(intl: IntlShape, person: Describable): string {
  const parts = [intl.formatMessage({ id: `enum.PersonRole.${person.role}` })];
  if (person.politicalSide) {
    parts.push(intl.formatMessage({ id: `enum.PoliticalSide.${person.politicalSide}` }));
  }
  if (person.senior) parts.push(intl.formatMessage({ id: "partnerships.person.senior" }));
  if (person.position) parts.push(person.position);
  return parts.join(" · ");
}
