import "@mantine/charts/styles.css";

import { BarChart } from "@mantine/charts";

import type { BreakdownEntry } from "./breakdownEntries";
import { barsHeight } from "./chartSizes";

interface Props {
  entries: BreakdownEntry[];
  /** The series' name in the tooltip ("Partnerships"). */
  seriesLabel: string;
  onSelect: (entry: BreakdownEntry) => void;
}

/** Counts as horizontal bars, labelled on the axis; a click on a bar opens its list. */
export default function CountBars({ entries, seriesLabel, onSelect }: Props) {
  return (
    <BarChart
      h={barsHeight(entries.length)}
      data={entries.map((e) => ({ label: e.label, count: e.count }))}
      dataKey="label"
      orientation="vertical"
      series={[{ name: "count", label: seriesLabel, color: "blue.6" }]}
      yAxisProps={{ width: 130, interval: 0 }}
      xAxisProps={{ allowDecimals: false }}
      gridAxis="none"
      withTooltip={false}
      textColor="gray.7"
      accessibilityLayer={false}
      barProps={{
        cursor: "pointer",
        onClick: (_bar: unknown, index: number) => {
          const entry = entries[index];
          if (entry) onSelect(entry);
        },
      }}
    />
  );
}
