import { Box, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { FormattedMessage } from "react-intl";

import type { BreakdownEntry } from "./breakdownEntries";
import { BreakdownLegend } from "./BreakdownLegend";

interface Props {
  id: string;
  titleId: string;
  noteId?: string;
  entries: BreakdownEntry[];
  /**
   * A picture for pointer users, hidden from assistive technology: the legend says the same
   * (null while its code loads).
   */
  chart: ReactNode;
  /** Room kept for the chart while its code loads, so that the legend below does not jump. */
  chartHeight: number;
}

export function BreakdownSection({ id, titleId, noteId, entries, chart, chartHeight }: Props) {
  const headingId = `dashboard-${id}`;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} id={headingId} size="h4">
          <FormattedMessage id={titleId} />
        </Title>
        {entries.length === 0 ? (
          <Text c="dimmed" size="sm">
            <FormattedMessage id="dashboard.breakdown.empty" />
          </Text>
        ) : (
          <>
            <Box aria-hidden mih={chartHeight}>
              {chart}
            </Box>
            <BreakdownLegend entries={entries} labelledBy={headingId} />
            {noteId !== undefined && (
              <Text c="dimmed" size="xs">
                <FormattedMessage id={noteId} />
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
