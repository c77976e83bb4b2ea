import { Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import { graphql } from "../../../gql";
import type { VisitsList_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { ResponsiveTable } from "../shared/ResponsiveTable";

graphql(`
  fragment VisitsList_partnership on Partnership {
    id
    visits(first: 50) {
      totalCount
      edges {
        node {
          id
          startsOn
          endsOn
          status
          purpose
          hostCountry
          hostOrganisation {
            id
            name
          }
        }
      }
    }
  }
`);

/** The partnership's visits, newest plans included, as a plain list. */
export function VisitsList({ partnership }: { partnership: VisitsList_PartnershipFragment }) {
  const intl = useIntl();
  const format = useFormat();
  const { totalCount, edges } = partnership.visits;
  if (edges.length === 0) {
    return (
      <Text size="sm">
        <FormattedMessage id="partnerships.visits.none" />
      </Text>
    );
  }
  return (
    <>
      {totalCount > edges.length && (
        <Text size="sm">
          <FormattedMessage id="common.showing" values={{ shown: edges.length, total: totalCount }} />
        </Text>
      )}
      <ResponsiveTable
        label={intl.formatMessage({ id: "partnerships.page.visits" })}
        rows={edges.map((e) => e.node)}
        rowKey={(row) => row.id}
        columns={[
          {
            key: "dates",
            header: intl.formatMessage({ id: "partnerships.field.dates" }),
            cell: (row) => `${format.date(row.startsOn)} – ${format.date(row.endsOn)}`,
          },
          {
            key: "host",
            header: intl.formatMessage({ id: "partnerships.field.host" }),
            cell: (row) =>
              [row.hostOrganisation?.name, `(${format.country(row.hostCountry)})`]
                .filter(Boolean)
                .join(" "),
          },
          {
            key: "status",
            header: intl.formatMessage({ id: "partnerships.field.status" }),
            cell: (row) => format.enumValue("VisitStatus", row.status),
          },
          {
            key: "purpose",
            header: intl.formatMessage({ id: "partnerships.field.purpose" }),
            cell: (row) => row.purpose,
          },
        ]}
      />
    </>
  );
}
