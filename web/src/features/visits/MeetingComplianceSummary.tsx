import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { VisitsSection_ComplianceFragment } from "../../gql/graphql";
import type { OrganisationChoice } from "./organisations";

/** The programme's rule (services/partnerships/domain/visit.py). */
const MIN_MEETINGS = 2;
const MIN_HOSTS = 2;

interface Props {
  compliance: VisitsSection_ComplianceFragment;
  organisations: readonly OrganisationChoice[];
}

/**
 * Whether the partners met at least twice in the year, hosted by at least two of them. The
 * figures are the API's; the reason is worded here from them, in the user's language.
 */
export function MeetingComplianceSummary({ compliance, organisations }: Props) {
  const intl = useIntl();
  const { year, completedVisits, hostOrganisationIds, compliant } = compliance;
  const hostNames = hostOrganisationIds.map(
    (id) => organisations.find((o) => o.id === id)?.name ?? id,
  );
  const names = intl.formatList(hostNames, { type: "conjunction" });

  return (
    <Paper withBorder p="md" data-testid="meeting-compliance">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4">
            <FormattedMessage id="visits.compliance.title" values={{ year: String(year) }} />
          </Title>
          <Badge color={compliant ? "teal.9" : "red.9"} variant="filled" size="lg">
            <FormattedMessage
              id={compliant ? "visits.compliance.met" : "visits.compliance.notMet"}
            />
          </Badge>
        </Group>
        <Text>
          <FormattedMessage
            id="visits.compliance.completed"
            values={{ count: completedVisits, required: MIN_MEETINGS }}
          />
        </Text>
        <Text>
          <FormattedMessage
            id="visits.compliance.hosts"
            values={{ count: hostOrganisationIds.length, required: MIN_HOSTS, names }}
          />
        </Text>
        {!compliant && (
          <Text fw={500}>
            {completedVisits < MIN_MEETINGS ? (
              <FormattedMessage
                id="visits.compliance.tooFew"
                values={{ count: completedVisits, year: String(year) }}
              />
            ) : (
              <FormattedMessage
                id="visits.compliance.oneHost"
                values={{ host: hostNames[0] ?? "", year: String(year) }}
              />
            )}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
