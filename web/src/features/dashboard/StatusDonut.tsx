import "@mantine/charts/styles.css";

import { DonutChart } from "@mantine/charts";

import type { BreakdownEntry } from "./breakdownEntries";
import { DONUT_SIZE } from "./chartSizes";

interface Props {
  entries: BreakdownEntry[];
  total: string;
  onSelect: (entry: BreakdownEntry) => void;
}

/** Partnerships by status as a donut; a click on a segment opens that status's list. */
export default function StatusDonut({ entries, total, onSelect }: Props) {
  return (
    <DonutChart
      data={entries.map((e) => ({ name: e.label, value: e.count, color: e.color }))}
      chartLabel={total}
      size={DONUT_SIZE}
      thickness={28}
      withTooltip={false}
      accessibilityLayer={false}
      cellProps={{ style: { cursor: "pointer" } }}
      pieProps={{
        rootTabIndex: -1,
        onClick: (_sector: unknown, index: number) => {
          const entry = entries[index];
          if (entry) onSelect(entry);
        },
      }}
    />
  );
}
