import { Checkbox, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { FormattedMessage, useIntl } from "react-intl";

import { problemOf } from "../../../errors/problem";
import { useFormat } from "../../../i18n/format";
import { PageLoader } from "../../../ui/PageLoader";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { personName, personStanding } from "./memberLabel";
import { PARTNER_PEOPLE } from "./queries";
import { SeatLines } from "./SeatLines";
import { fillsSeat, SEATS, seatsOf, type SeatHolder } from "./steeringRule";

interface Props {
  organisation: { id: string; name: string; country: string };
  /** Every member being edited (of all partners); this partner shows its own. */
  selected: readonly string[];
  /** `listed`: the people shown here; `ticked`: those of them now in the group. */
  onChange: (listed: string[], ticked: string[]) => void;
}

/**
 * One partner's seats: its people to choose from, and the rule's verdict for this partner,
 * recomputed from the ticked people at every change.
 */
export function PartnerMembers({ organisation, selected, onChange }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const { data, error, refetch } = useQuery(PARTNER_PEOPLE, {
    variables: { organisationId: organisation.id },
  });
  const people = byStanding(data?.people.edges.map((e) => e.node) ?? []);
  const chosen = people.filter((p) => selected.includes(p.id));
  const heading = `${organisation.name} (${format.country(organisation.country)})`;
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {heading}
      </Title>
      {error && !data && <ProblemAlert problem={problemOf(error)} onRetry={() => void refetch()} />}
      {!data && !error && <PageLoader />}
      {data && people.length === 0 && (
        <Text size="sm">
          <FormattedMessage id="partnerships.steering.noPeople" />
        </Text>
      )}
      {people.length > 0 && (
        <Checkbox.Group
          label={intl.formatMessage(
            { id: "partnerships.steering.membersOf" },
            { organisation: organisation.name },
          )}
          value={chosen.map((p) => p.id)}
          onChange={(ids) =>
            onChange(
              people.map((p) => p.id),
              ids,
            )
          }
        >
          <Stack gap={6} mt="xs">
            {people.map((person) => (
              <Checkbox
                key={person.id}
                value={person.id}
                label={personName(intl, person)}
                description={personStanding(intl, person)}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      <div aria-live="polite">
        <Text size="sm" fw={700}>
          <FormattedMessage
            id="partnerships.steering.ruleFor"
            values={{ organisation: organisation.name }}
          />
        </Text>
        <SeatLines
          state={seatsOf(organisation.id, chosen)}
          label={intl.formatMessage(
            { id: "partnerships.steering.seatsOf" },
            { organisation: organisation.name },
          )}
        />
      </div>
    </Stack>
  );
}

/** The people who can fill a seat first, in the rule's order; then the others. */
function byStanding<T extends SeatHolder>(people: T[]): T[] {
  const rank = (person: T) => {
    const seat = SEATS.findIndex((s) => fillsSeat(person, s));
    return seat < 0 ? SEATS.length : seat;
  };
  return [...people].sort((a, b) => rank(a) - rank(b));
}
