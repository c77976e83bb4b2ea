import { Stack, Text } from "@mantine/core";
import { FormattedMessage } from "react-intl";

import type { PartnershipComplianceFragment } from "../../gql/graphql";
import { StatusBadge } from "./StatusBadge";

/** The API's rule: at least two completed visits a year, hosted by different partners. */
export const MEETINGS_PER_YEAR = 2;

interface Props {
  compliance: PartnershipComplianceFragment["meetingCompliance"];
  names: Map<string, string>;
}

/** Visits completed this year against the rule, and why a partnership falls short. */
export function MeetingsStatus({ compliance, names }: Props) {
  const { completedVisits, compliant, hostOrganisationIds, year } = compliance;
  const host = hostOrganisationIds[0];
  return (
    <Stack gap={4} align="flex-start">
      <StatusBadge tone={compliant ? "good" : "warning"}>
        <FormattedMessage
          id={compliant ? "dashboard.meetings.compliant" : "dashboard.meetings.belowRule"}
        />
      </StatusBadge>
      <Text size="sm">
        <FormattedMessage
          id="dashboard.meetings.visits"
          values={{ count: completedVisits, required: MEETINGS_PER_YEAR, year }}
        />
      </Text>
      {!compliant && completedVisits >= MEETINGS_PER_YEAR && host !== undefined && (
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="dashboard.meetings.oneHost"
            values={{ host: names.get(host) ?? host }}
          />
        </Text>
      )}
    </Stack>
  );
}
