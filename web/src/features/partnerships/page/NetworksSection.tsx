import { Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import { graphql } from "../../../gql";
import type { NetworksSection_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { Section } from "../../../ui/Section";
import { HiddenNote } from "../common/HiddenNote";
import { ResponsiveTable } from "../common/ResponsiveTable";

graphql(`
  fragment NetworksSection_partnership on Partnership {
    id
    networks {
      id
      status
      joinedOn
      leftOn
      network {
        id
        name
        status
      }
    }
  }
`);

interface Props {
  partnership: NetworksSection_PartnershipFragment;
  hidden: boolean;
}

/** Its memberships of networks (from the networks service), current and past. */
export function NetworksSection({ partnership, hidden }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const title = intl.formatMessage({ id: "partnerships.page.networks" });
  return (
    <Section title={title}>
      {hidden && <HiddenNote id="partnerships.page.sectionHidden" />}
      {partnership.networks.length === 0 && !hidden ? (
        <Text size="sm">
          <FormattedMessage id="partnerships.networks.none" />
        </Text>
      ) : (
        <ResponsiveTable
          label={title}
          rows={partnership.networks}
          rowKey={(row) => row.id}
          columns={[
            {
              key: "network",
              header: intl.formatMessage({ id: "partnerships.field.network" }),
              cell: (row) => row.network?.name ?? intl.formatMessage({ id: "partnerships.page.unknown" }),
            },
            {
              key: "status",
              header: intl.formatMessage({ id: "partnerships.field.membership" }),
              cell: (row) => format.enumValue("MembershipStatus", row.status),
            },
            {
              key: "period",
              header: intl.formatMessage({ id: "partnerships.field.period" }),
              cell: (row) =>
                row.leftOn
                  ? `${format.date(row.joinedOn)} – ${format.date(row.leftOn)}`
                  : intl.formatMessage(
                      { id: "partnerships.networks.since" },
                      { date: format.date(row.joinedOn) },
                    ),
            },
          ]}
        />
      )}
    </Section>
  );
}
