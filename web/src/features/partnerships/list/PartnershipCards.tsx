import { Anchor, Card, Group, Stack, Text } from "@mantine/core";
import { FormattedMessage } from "react-intl";
import { Link } from "react-router";

import type { PartnershipRowFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { StatusBadge } from "../common/StatusBadge";

interface Props {
  /** Names the list, as the table's caption does. */
  label: string;
  rows: readonly PartnershipRowFragment[];
}

/** The list below `sm`: a card per partnership, nothing wider than the phone. */
export function PartnershipCards({ label, rows }: Props) {
  const format = useFormat();
  return (
    <Stack
      hiddenFrom="sm"
      gap="sm"
      component="ul"
      aria-label={label}
      p={0}
      m={0}
      style={{ listStyle: "none" }}
    >
      {rows.map((row) => (
        <Card key={row.id} withBorder component="li" padding="sm">
          <Group justify="space-between" align="start" wrap="nowrap">
            <Anchor component={Link} to={`/partnerships/${row.id}`} fw={600}>
              {row.title}
            </Anchor>
            <StatusBadge status={row.status} />
          </Group>
          <Text size="sm" mt={4}>
            {row.countries.map(format.country).join(", ")}
          </Text>
          <Text size="sm">{row.themes.map((t) => format.enumValue("Theme", t)).join(", ")}</Text>
          <Text size="sm">
            <FormattedMessage
              id="partnerships.list.startedOn"
              values={{ date: format.date(row.startedOn) }}
            />
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
