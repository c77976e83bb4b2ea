import { Card, Group, Stack, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { ApplicationRow_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { StatusBadge } from "../common/StatusBadge";
import { CaseNumberLink } from "./CaseNumberLink";

/** The list below `sm`: a card per application, its case number as the card's link. */
export function ApplicationCards({ rows }: { rows: ApplicationRow_ApplicationFragment[] }) {
  const intl = useIntl();
  const format = useFormat();
  return (
    <Stack
      hiddenFrom="sm"
      gap="xs"
      component="ul"
      aria-label={intl.formatMessage({ id: "applications.list.caption" })}
      p={0}
      m={0}
      style={{ listStyle: "none" }}
    >
      {rows.map((row) => (
        <Card key={row.id} withBorder padding="sm" component="li">
          <Group justify="space-between" wrap="nowrap" align="start">
            <Text fw={700}>
              <CaseNumberLink id={row.id} caseNumber={row.caseNumber} />
            </Text>
            <StatusBadge status={row.status} />
          </Group>
          <Text size="sm">{row.title}</Text>
          <Text size="sm" c="gray.7">
            {row.partnership?.title ?? "—"} · {format.enumValue("ApplicationKind", row.type)}
          </Text>
          <Text size="sm">
            <FormattedMessage
              id="applications.list.cardTotal"
              values={{ total: format.money(row.requestedTotal) }}
            />
            {row.submittedOn && (
              <>
                {" · "}
                <FormattedMessage
                  id="applications.list.cardSubmitted"
                  values={{ date: format.date(row.submittedOn) }}
                />
              </>
            )}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
