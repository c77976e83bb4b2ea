import { Anchor, Card, Group, Stack, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";
import { Link } from "react-router";

import type { ReportDueFragment } from "../../gql/graphql";
import { useFormat } from "../../i18n/format";
import { partnershipUrl } from "./links";
import { reportKey, reportPartnershipTitle } from "./reportLabels";
import { ReportStatusBadge } from "./ReportStatusBadge";

/** Reports due or overdue on phones: one card per report. */
export function ReportsDueCards({ reports }: { reports: ReportDueFragment[] }) {
  const intl = useIntl();
  const format = useFormat();
  return (
    <Stack
      hiddenFrom="sm"
      gap="sm"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: "none" }}
      aria-label={intl.formatMessage({ id: "dashboard.reports.caption" })}
    >
      {reports.map((report) => (
        <Card withBorder radius="md" key={reportKey(report)} component="li">
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={partnershipUrl(report.partnershipId)} fw={600}>
                {reportPartnershipTitle(report)}
              </Anchor>
              <ReportStatusBadge status={report.status} />
            </Group>
            <Text size="sm">
              {report.caseNumber}
              {" · "}
              <FormattedMessage
                id="dashboard.reports.year"
                values={{ year: report.accountingYear, final: String(report.final) }}
              />
            </Text>
            <Text size="sm">
              <FormattedMessage
                id="dashboard.reports.dueOnDate"
                values={{ date: format.date(report.dueOn) }}
              />
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
