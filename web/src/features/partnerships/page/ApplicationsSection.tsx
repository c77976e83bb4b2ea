import { Anchor, Button, Group, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";
import { Link } from "react-router";

import { graphql } from "../../../gql";
import type { ApplicationsSection_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { Section } from "../../../ui/Section";
import { HiddenNote } from "../common/HiddenNote";
import { ResponsiveTable } from "../common/ResponsiveTable";

graphql(`
  fragment ApplicationsSection_partnership on Partnership {
    id
    applications(first: 50) {
      totalCount
      edges {
        node {
          id
          caseNumber
          type
          status
          title
        }
      }
    }
  }
`);

interface Props {
  partnership: ApplicationsSection_PartnershipFragment;
  /** Staff and coordinators of a partner may start an application. */
  mayApply: boolean;
  /** The user's role reads only its own organisation's applications. */
  restricted: boolean;
  hidden: boolean;
}

export function ApplicationsSection({ partnership, mayApply, restricted, hidden }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const { totalCount, edges } = partnership.applications;
  const title = intl.formatMessage({ id: "partnerships.page.applications" });
  return (
    <Section title={title}>
      {mayApply && (
        <Group>
          <Button component={Link} to={`/applications/new?partnershipId=${partnership.id}`}>
            <FormattedMessage id="partnerships.applications.new" />
          </Button>
        </Group>
      )}
      {(hidden || (restricted && totalCount === 0)) && (
        <HiddenNote id="partnerships.applications.hidden" />
      )}
      {edges.length === 0 ? (
        <Text size="sm">
          <FormattedMessage id="partnerships.applications.none" />
        </Text>
      ) : (
        <>
          {totalCount > edges.length && (
            <Text size="sm">
              <FormattedMessage
                id="common.showing"
                values={{ shown: edges.length, total: totalCount }}
              />
            </Text>
          )}
          <ResponsiveTable
            label={title}
            rows={edges.map((e) => e.node)}
            rowKey={(row) => row.id}
            columns={[
              {
                key: "caseNumber",
                header: intl.formatMessage({ id: "partnerships.field.caseNumber" }),
                cell: (row) => (
                  <Anchor component={Link} to={`/applications/${row.id}`}>
                    {row.caseNumber ??
                      intl.formatMessage({ id: "partnerships.applications.noCaseNumber" })}
                  </Anchor>
                ),
              },
              {
                key: "title",
                header: intl.formatMessage({ id: "partnerships.field.title" }),
                cell: (row) => row.title,
              },
              {
                key: "type",
                header: intl.formatMessage({ id: "partnerships.field.applicationType" }),
                cell: (row) => format.enumValue("ApplicationKind", row.type),
              },
              {
                key: "status",
                header: intl.formatMessage({ id: "partnerships.field.status" }),
                cell: (row) => format.enumValue("ApplicationStatus", row.status),
              },
            ]}
          />
        </>
      )}
    </Section>
  );
}
