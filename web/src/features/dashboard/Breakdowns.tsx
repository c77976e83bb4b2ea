import { SimpleGrid, Stack, Title } from "@mantine/core";
import { useDeferredValue } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { useNavigate } from "react-router";

import type { DashboardQuery, PartnershipFilter } from "../../gql/graphql";
import { useFormat } from "../../i18n/format";
import { breakdownEntries, type BreakdownEntry } from "./breakdownEntries";
import { BreakdownSection } from "./BreakdownSection";
import { barsHeight, DONUT_SIZE } from "./chartSizes";
import { useCharts } from "./useCharts";

type Statistics = DashboardQuery["partnershipStatistics"];

/** Partnerships by status, country and theme, each entry a way into the filtered list. */
interface Props {
  statistics: Statistics;
  /** What the dashboard counts; the list behind each entry shows the same. */
  scope: PartnershipFilter;
}

export function Breakdowns({ statistics, scope }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const navigate = useNavigate();
  // The figures and legends show first; the charts follow in a render of their own.
  const charts = useDeferredValue(useCharts(), null);
  const open = (entry: BreakdownEntry) => void navigate(entry.to);
  const series = intl.formatMessage({ id: "dashboard.breakdown.series" });
  const byStatus = breakdownEntries(scope, "status", statistics.byStatus, (key) =>
    format.enumValue("PartnershipStatus", key),
  );
  const byCountry = breakdownEntries(scope, "country", statistics.byCountry, format.country);
  const byTheme = breakdownEntries(scope, "theme", statistics.byTheme, (key) =>
    format.enumValue("Theme", key),
  );
  return (
    <Stack component="section" aria-labelledby="dashboard-breakdowns" gap="sm">
      <Title order={2} id="dashboard-breakdowns" size="h3">
        <FormattedMessage id="dashboard.breakdown.title" />
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <BreakdownSection
          id="by-status"
          titleId="dashboard.breakdown.byStatus"
          entries={byStatus}
          chartHeight={DONUT_SIZE}
          chart={
            charts && (
              <charts.StatusDonut
                entries={byStatus}
                total={format.number(statistics.total)}
                onSelect={open}
              />
            )
          }
        />
        <BreakdownSection
          id="by-country"
          titleId="dashboard.breakdown.byCountry"
          noteId="dashboard.breakdown.byCountryNote"
          entries={byCountry}
          chartHeight={barsHeight(byCountry.length)}
          chart={
            charts && <charts.CountBars entries={byCountry} seriesLabel={series} onSelect={open} />
          }
        />
        <BreakdownSection
          id="by-theme"
          titleId="dashboard.breakdown.byTheme"
          noteId="dashboard.breakdown.byThemeNote"
          entries={byTheme}
          chartHeight={barsHeight(byTheme.length)}
          chart={
            charts && <charts.CountBars entries={byTheme} seriesLabel={series} onSelect={open} />
          }
        />
      </SimpleGrid>
    </Stack>
  );
}
