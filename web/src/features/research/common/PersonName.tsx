import { FormattedMessage } from "react-intl";

import type { ResearchPerson_PersonFragment } from "../../../gql/graphql";

/**
 * A person's full name, as the application names them (partnerships withholds the names of
 * people of other organisations from all but staff).
 */
export function PersonName({ person }: { person: ResearchPerson_PersonFragment }) {
  const name = [person.givenName, person.familyName].filter(Boolean).join(" ");
  if (name !== "") return <>{name}</>;
  return <FormattedMessage id="research.person.withheld" />;
}

export function personLabel(person: {
  givenName?: string | null;
  familyName?: string | null;
  id: string;
}): string {
  return [person.givenName, person.familyName].filter(Boolean).join(" ") || person.id;
}
