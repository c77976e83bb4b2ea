import { Card, Group, Stack, Table, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { VisitsSection_VisitFragment } from "../../gql/graphql";
import { useFormat } from "../../i18n/format";
import { VisitActions } from "./VisitActions";
import { VisitStatusBadge } from "./VisitStatusBadge";

interface Props {
  year: number;
  visits: readonly VisitsSection_VisitFragment[];
  /** All the year's visits, of which `visits` may be the first page. */
  total: number;
  mayAct: boolean;
}

/** The year's visits: a table from `sm` up, cards on phones. */
export function VisitList({ year, visits, total, mayAct }: Props) {
  const intl = useIntl();
  // Completed and cancelled visits are final: actions exist only for planned ones.
  const withActions = mayAct && visits.some((visit) => visit.status === "PLANNED");
  if (visits.length === 0) {
    return (
      <Text c="dimmed">
        <FormattedMessage id="visits.none" values={{ year: String(year) }} />
      </Text>
    );
  }
  const caption = intl.formatMessage({ id: "visits.list.caption" }, { year: String(year) });
  return (
    <>
      {total > visits.length && (
        <Text size="sm">
          <FormattedMessage id="common.showing" values={{ shown: visits.length, total }} />
        </Text>
      )}
      <Table.ScrollContainer minWidth={640} visibleFrom="sm">
        <Table striped verticalSpacing="sm" aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <FormattedMessage id="visits.field.dates" />
              </Table.Th>
              <Table.Th scope="col">
                <FormattedMessage id="visits.field.host" />
              </Table.Th>
              <Table.Th scope="col">
                <FormattedMessage id="visits.field.purpose" />
              </Table.Th>
              <Table.Th scope="col">
                <FormattedMessage id="visits.field.status" />
              </Table.Th>
              <Table.Th scope="col">
                <FormattedMessage id="visits.field.participants" />
              </Table.Th>
              {withActions && (
                <Table.Th scope="col">
                  <FormattedMessage id="visits.actions" />
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visits.map((visit) => (
              <VisitRow key={visit.id} visit={visit} mayAct={withActions} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack hiddenFrom="sm" gap="sm" component="ul" aria-label={caption} p={0} m={0}>
        {visits.map((visit) => (
          <VisitCard key={visit.id} visit={visit} mayAct={mayAct} />
        ))}
      </Stack>
    </>
  );
}

function useVisitText(visit: VisitsSection_VisitFragment) {
  const intl = useIntl();
  const format = useFormat();
  return {
    dates: intl.formatMessage(
      { id: "visits.dates" },
      { start: format.date(visit.startsOn), end: format.date(visit.endsOn) },
    ),
    host: intl.formatMessage(
      { id: "visits.host" },
      {
        name: visit.hostOrganisation?.name ?? visit.hostOrganisationId,
        country: format.country(visit.hostCountry),
      },
    ),
    participants: intl.formatMessage(
      { id: "visits.participantCount" },
      { count: visit.participantIds.length },
    ),
  };
}

function VisitRow({ visit, mayAct }: { visit: VisitsSection_VisitFragment; mayAct: boolean }) {
  const text = useVisitText(visit);
  return (
    <Table.Tr>
      <Table.Td>{text.dates}</Table.Td>
      <Table.Td>{text.host}</Table.Td>
      <Table.Td>{visit.purpose}</Table.Td>
      <Table.Td>
        <VisitStatusBadge status={visit.status} />
      </Table.Td>
      <Table.Td>{text.participants}</Table.Td>
      {mayAct && (
        <Table.Td>
          <VisitActions visit={visit} description={`${text.dates}, ${text.host}`} />
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function VisitCard({ visit, mayAct }: { visit: VisitsSection_VisitFragment; mayAct: boolean }) {
  const text = useVisitText(visit);
  return (
    <Card withBorder component="li" padding="sm">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Text fw={600}>{text.dates}</Text>
          <VisitStatusBadge status={visit.status} />
        </Group>
        <Text size="sm">{text.host}</Text>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {visit.purpose}
        </Text>
        <Text size="sm" c="dimmed">
          {text.participants}
        </Text>
        {mayAct && <VisitActions visit={visit} description={`${text.dates}, ${text.host}`} />}
      </Stack>
    </Card>
  );
}
