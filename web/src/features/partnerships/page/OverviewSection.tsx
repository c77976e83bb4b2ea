import { Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useIntl } from "react-intl";

import { graphql } from "../../../gql";
import type { OverviewSection_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { Section } from "../../../ui/Section";
import { TermList } from "../../../ui/TermList";
import { StatusBadge } from "../common/StatusBadge";

graphql(`
  fragment OverviewSection_partnership on Partnership {
    id
    kind
    status
    themes
    countries
    focus
    startedOn
    closedOn
  }
`);

export function OverviewSection({ partnership }: { partnership: OverviewSection_PartnershipFragment }) {
  const intl = useIntl();
  const format = useFormat();
  const facts: [string, ReactNode][] = [
    ["partnerships.field.status", <StatusBadge key="status" status={partnership.status} />],
    ["partnerships.field.kind", format.enumValue("PartnershipKind", partnership.kind)],
    ["partnerships.field.themes", partnership.themes.map((t) => format.enumValue("Theme", t)).join(", ")],
    ["partnerships.field.countries", partnership.countries.map(format.country).join(", ")],
    ["partnerships.field.startedOn", format.date(partnership.startedOn)],
    [
      "partnerships.field.closedOn",
      partnership.closedOn ? format.date(partnership.closedOn) : intl.formatMessage({ id: "common.none" }),
    ],
  ];
  return (
    <Section title={intl.formatMessage({ id: "partnerships.page.overview" })}>
      <TermList
        terms={facts.map(([label, value]) => [intl.formatMessage({ id: label }), value])}
        cols={{ base: 1, xs: 2, md: 3 }}
      />
      <div>
        <Text size="sm" fw={700}>
          {intl.formatMessage({ id: "partnerships.field.focus" })}
        </Text>
        <Text>{partnership.focus || intl.formatMessage({ id: "common.none" })}</Text>
      </div>
    </Section>
  );
}
