import { Alert, Stack, Text, Title } from "@mantine/core";
import { useEffect } from "react";
import { FormattedMessage } from "react-intl";

import { problemOf } from "../../errors/problem";
import { PageLoader } from "../../ui/PageLoader";
import { ProblemAlert } from "../../ui/ProblemAlert";
import { AtAGlance } from "./AtAGlance";
import { Breakdowns } from "./Breakdowns";
import { ComplianceSection } from "./ComplianceSection";
import { ReportsDueSection } from "./ReportsDueSection";
import { preloadCharts } from "./useCharts";
import { useDashboard } from "./useDashboard";

/** Compliance at a glance: the programme's (or a coordinator's own) partnerships in numbers. */
export default function DashboardPage() {
  const { data, error, loading, refetch, scope, year, loadMore, loadingMore } = useDashboard();
  useEffect(() => void preloadCharts(), []);

  return (
    <Stack gap="xl" maw={1400}>
      <Stack gap={4}>
        <Title order={1}>
          <FormattedMessage id="nav.dashboard" />
        </Title>
        <Text c="dimmed">
          <FormattedMessage
            id={scope.organisationId ? "dashboard.scope.organisation" : "dashboard.scope.programme"}
          />
        </Text>
      </Stack>
      {data === undefined ? (
        loading ? (
          <PageLoader />
        ) : (
          <ProblemAlert problem={problemOf(error)} onRetry={() => void refetch()} />
        )
      ) : (
        <>
          {error !== undefined && (
            <Alert color="yellow" role="status">
              <FormattedMessage id="dashboard.partial" />
            </Alert>
          )}
          <AtAGlance data={data} year={year} scope={scope} />
          <Breakdowns statistics={data.partnershipStatistics} scope={scope} />
          <ComplianceSection
            page={data.partnerships}
            year={year}
            onLoadMore={() => void loadMore()}
            loadingMore={loadingMore}
          />
          <ReportsDueSection reports={data.financialReportsDue} />
        </>
      )}
    </Stack>
  );
}
