import { Anchor, Card, Stack, Text } from "@mantine/core";
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

/** The compliance list on phones: one card per partnership. */
export function ComplianceCards({ partnerships, year }: Props) {
  const intl = useIntl();
  return (
    <Stack
      hiddenFrom="sm"
      gap="sm"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: "none" }}
      aria-label={intl.formatMessage({ id: "dashboard.compliance.caption" }, { year })}
    >
      {partnerships.map((partnership) => {
        const names = organisationNames(partnership);
        return (
          <Card withBorder radius="md" key={partnership.id} component="li">
            <Stack gap="xs">
              <Anchor component={Link} to={partnershipUrl(partnership.id)} fw={600}>
                {partnership.title}
              </Anchor>
              <Text size="xs" c="dimmed" fw={600}>
                <FormattedMessage id="dashboard.compliance.steeringGroup" />
              </Text>
              <SteeringGroupStatus gaps={partnership.steeringGroupGaps} names={names} />
              <Text size="xs" c="dimmed" fw={600}>
                <FormattedMessage id="dashboard.compliance.meetings" values={{ year }} />
              </Text>
              <MeetingsStatus compliance={partnership.meetingCompliance} names={names} />
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
