import { Stack, Text, Title } from "@mantine/core";
import { FormattedMessage } from "react-intl";

import type { ReportDueFragment } from "../../gql/graphql";
import { ReportsDueCards } from "./ReportsDueCards";
import { ReportsDueTable } from "./ReportsDueTable";

/** Financial reports to chase, earliest deadline first (the API's order). */
export function ReportsDueSection({ reports }: { reports: ReportDueFragment[] }) {
  return (
    <Stack component="section" aria-labelledby="dashboard-reports" gap="sm">
      <Title order={2} id="dashboard-reports" size="h3">
        <FormattedMessage id="dashboard.reports.title" />
      </Title>
      {reports.length === 0 ? (
        <Text c="dimmed">
          <FormattedMessage id="dashboard.reports.none" />
        </Text>
      ) : (
        <>
          <ReportsDueTable reports={reports} />
          <ReportsDueCards reports={reports} />
        </>
      )}
    </Stack>
  );
}
