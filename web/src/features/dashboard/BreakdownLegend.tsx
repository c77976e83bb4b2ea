import { Anchor, ColorSwatch, Group, List, Text } from "@mantine/core";
import { useIntl } from "react-intl";
import { Link } from "react-router";

import type { BreakdownEntry } from "./breakdownEntries";

interface Props {
  entries: BreakdownEntry[];
  /** The id of the heading that names the list. */
  labelledBy: string;
}

/** A Mantine colour ("teal.7") as CSS. */
function swatch(color: string): string {
  return `var(--mantine-color-${color.replace(".", "-")})`;
}

/**
 * The chart's numbers as a list of links: its text alternative, and the way to the filtered
 * partnership list by keyboard.
 */
export function BreakdownLegend({ entries, labelledBy }: Props) {
  const intl = useIntl();
  return (
    <List listStyleType="none" spacing={4} aria-labelledby={labelledBy}>
      {entries.map((entry) => (
        <List.Item key={entry.key}>
          <Anchor component={Link} to={entry.to} underline="hover" display="block" py={2}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap">
                <ColorSwatch color={swatch(entry.color)} size={12} aria-hidden />
                <Text span size="sm">
                  {entry.label}
                </Text>
              </Group>
              {/* A space between label and count for screen readers; flex layout drops it. */}{" "}
              <Text span size="sm" fw={700}>
                {intl.formatNumber(entry.count)}
              </Text>
            </Group>
          </Anchor>
        </List.Item>
      ))}
    </List>
  );
}
