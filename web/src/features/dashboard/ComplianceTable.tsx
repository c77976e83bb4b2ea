import { Anchor, Table } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";
import { Link } from "react-router";

import type { PartnershipComplianceFragment } from "../../gql/graphql";
import { partnershipUrl } from "./links";
import { MeetingsStatus } from "./MeetingsStatus";
import { organisationNames } from "./organisationNames";
import { SteeringGroupStatus } from "./SteeringGroupStatus";

interface Props {
  partnerships: PartnershipComplianceFragment[];
  year: number;
}

/** The compliance list from tablet width up. */
export function ComplianceTable({ partnerships, year }: Props) {
  const intl = useIntl();
  const header = (id: string) =>
    intl.formatMessage({ id: `dashboard.compliance.${id}` }, { year });
  return (
    <Table visibleFrom="sm" verticalSpacing="sm" striped captionSide="top">
      <Table.Caption c="dimmed" ta="start">
        <FormattedMessage id="dashboard.compliance.caption" values={{ year }} />
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{header("partnership")}</Table.Th>
          <Table.Th scope="col">{header("steeringGroup")}</Table.Th>
          <Table.Th scope="col">{header("meetings")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {partnerships.map((partnership) => {
          const names = organisationNames(partnership);
          return (
            <Table.Tr key={partnership.id}>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={partnershipUrl(partnership.id)}>
                  {partnership.title}
                </Anchor>
              </Table.Th>
              <Table.Td>
                <SteeringGroupStatus gaps={partnership.steeringGroupGaps} names={names} />
              </Table.Td>
              <Table.Td>
                <MeetingsStatus compliance={partnership.meetingCompliance} names={names} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
