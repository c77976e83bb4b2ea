import { SimpleGrid, Stack, Title } from "@mantine/core";
import { FormattedMessage } from "react-intl";

import type { DashboardQuery, PartnershipFilter } from "../../gql/graphql";
import { Figure } from "./Figure";
import { applicationListUrl, partnershipListUrl } from "./links";

interface Props {
  data: DashboardQuery;
  year: number;
  scope: PartnershipFilter;
}

/** The figures an officer acts on, each a number in a sentence. */
export function AtAGlance({ data, year, scope }: Props) {
  const statistics = data.partnershipStatistics;
  const reports = data.financialReportsDue;
  const overdue = reports.filter((r) => r.status === "OVERDUE").length;
  const due = reports.filter((r) => r.status === "DUE").length;
  return (
    <Stack component="section" aria-labelledby="dashboard-glance" gap="sm">
      <Title order={2} id="dashboard-glance" size="h3">
        <FormattedMessage id="dashboard.glance.title" />
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="sm">
        <Figure
          name="partnerships"
          messageId="dashboard.figure.partnerships"
          count={statistics.total}
          to={partnershipListUrl(scope)}
        />
        <Figure
          name="steeringGroupIncomplete"
          messageId="dashboard.figure.steeringGroupIncomplete"
          count={statistics.steeringGroupIncomplete}
          tone="attention"
        />
        <Figure
          name="meetingsBelowRule"
          messageId="dashboard.figure.meetingsBelowRule"
          count={statistics.meetingsBelowRule}
          values={{ year }}
          tone="attention"
        />
        <Figure
          name="toAssess"
          messageId="dashboard.figure.toAssess"
          count={data.toAssess.totalCount}
          to={applicationListUrl("SUBMITTED")}
          tone="attention"
        />
        <Figure
          name="toDecide"
          messageId="dashboard.figure.toDecide"
          count={data.toDecide.totalCount}
          to={applicationListUrl("ELIGIBLE")}
          tone="attention"
        />
        <Figure
          name="reportsOverdue"
          messageId="dashboard.figure.reportsOverdue"
          count={overdue}
          tone="attention"
        />
        <Figure name="reportsDue" messageId="dashboard.figure.reportsDue" count={due} />
      </SimpleGrid>
    </Stack>
  );
}
