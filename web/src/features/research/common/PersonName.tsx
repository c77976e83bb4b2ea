import { useQuery } from "@apollo/client/react";
import { FormattedMessage } from "react-intl";

import { RESEARCH_PERSON } from "./fragments";

/** A person's full name from their id; personal data the caller may not read is withheld. */
export function PersonName({ id }: { id: string }) {
  // One small query per person: a research application names its people by id only.
  const { data, loading } = useQuery(RESEARCH_PERSON, { variables: { id } });
  const person = data?.person;
  if (loading && !person) return <FormattedMessage id="common.loading" />;
  const name = [person?.givenName, person?.familyName].filter(Boolean).join(" ");
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
