import { Badge, Group, Stack, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { ResearchCall_CallFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { TermList } from "../../../ui/TermList";

/** The call's dates, budget, the caps in force and its themes. */
export function CallSummary({ call }: { call: ResearchCall_CallFragment }) {
  const intl = useIntl();
  const format = useFormat();
  const caps = call.capVersions.at(-1)?.caps ?? [];
  const terms: [string, string][] = [
    [
      intl.formatMessage({ id: "research.call.period" }),
      `${format.date(call.opensOn)} – ${format.date(call.closesOn)}`,
    ],
    [intl.formatMessage({ id: "research.call.totalBudget" }), format.money(call.totalBudget)],
    ...caps.map(
      (cap): [string, string] => [
        intl.formatMessage(
          { id: "research.call.cap" },
          { kind: format.enumValue("ResearchKind", cap.kind) },
        ),
        format.money(cap.maxAmount),
      ],
    ),
  ];
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge color={call.open ? "teal.9" : "gray.7"} variant="filled">
          <FormattedMessage id={call.open ? "research.call.open" : "research.call.closed"} />
        </Badge>
        <Text size="sm">
          {intl.formatList(call.themes.map((t) => format.enumValue("Theme", t)))}
        </Text>
      </Group>
      <TermList terms={terms} cols={{ base: 1, sm: 2, lg: 4 }} />
    </Stack>
  );
}
