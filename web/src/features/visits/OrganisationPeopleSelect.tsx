import { useQuery } from "@apollo/client/react";
import { MultiSelect } from "@mantine/core";
import { useIntl } from "react-intl";

import { problemOf } from "../../errors/problem";
import { useFormat } from "../../i18n/format";
import { ProblemAlert } from "../../ui/ProblemAlert";
import { ORGANISATION_PEOPLE } from "./formOperations";
import type { OrganisationChoice } from "./organisations";

interface Props {
  organisation: OrganisationChoice;
  value: string[];
  onChange: (personIds: string[]) => void;
  invalid: boolean;
}

/**
 * The people of one partner organisation who take part. Names show where the caller may see
 * them (staff, own organisation); others are known by position and role.
 */
export function OrganisationPeopleSelect({ organisation, value, onChange, invalid }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const { data, error, loading, refetch } = useQuery(ORGANISATION_PEOPLE, {
    variables: { organisationId: organisation.id },
  });
  const people = data?.people.nodes ?? [];
  const options = people.map((person) => ({
    value: person.id,
    label:
      person.givenName !== null
        ? intl.formatMessage(
            { id: "visits.person.named" },
            {
              name: `${person.givenName} ${person.familyName ?? ""}`.trim(),
              position: person.position,
            },
          )
        : intl.formatMessage(
            { id: "visits.person.unnamed" },
            { position: person.position, role: format.enumValue("PersonRole", person.role) },
          ),
  }));
  // Chosen people the list does not hold (yet) stay chosen and visible by id.
  const unknown = value
    .filter((id) => !options.some((o) => o.value === id))
    .map((id) => ({ value: id, label: id }));

  return (
    <>
      <MultiSelect
        label={intl.formatMessage(
          { id: "visits.participantsFrom" },
          { organisation: organisation.name, country: format.country(organisation.country) },
        )}
        placeholder={intl.formatMessage({ id: loading ? "common.loading" : "visits.choosePeople" })}
        data={[...options, ...unknown]}
        value={value}
        onChange={onChange}
        searchable
        clearable
        hidePickedOptions
        nothingFoundMessage={intl.formatMessage({ id: "visits.noPeople" })}
        error={invalid}
      />
      {error && !data && <ProblemAlert problem={problemOf(error)} onRetry={() => void refetch()} />}
    </>
  );
}
