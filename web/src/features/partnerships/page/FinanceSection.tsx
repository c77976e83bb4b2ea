import { Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import { graphql } from "../../../gql";
import type { FinanceSection_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { Section } from "../../../ui/Section";
import { TermList } from "../../../ui/TermList";
import { HiddenNote } from "../common/HiddenNote";
import { ResponsiveTable } from "../common/ResponsiveTable";

graphql(`
  fragment FinanceSection_partnership on Partnership {
    id
    funding {
      approved {
        amount
        currency
      }
      spent {
        amount
        currency
      }
      disbursed {
        amount
        currency
      }
      remaining {
        amount
        currency
      }
      grants
    }
    grants {
      id
      caseNumber
      type
      status
      approvedAmount {
        amount
        currency
      }
      spent {
        amount
        currency
      }
      disbursed {
        amount
        currency
      }
    }
  }
`);

interface Props {
  partnership: FinanceSection_PartnershipFragment;
  hidden: boolean;
}

/** Grants and their money (finance service); null funding means the role may not read it. */
export function FinanceSection({ partnership, hidden }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const title = intl.formatMessage({ id: "partnerships.page.finance" });
  const { funding, grants } = partnership;
  if (funding === null || hidden) {
    return (
      <Section title={title}>
        <HiddenNote id="partnerships.finance.hidden" />
      </Section>
    );
  }
  const totals = [
    ["partnerships.finance.approved", funding.approved],
    ["partnerships.finance.spent", funding.spent],
    ["partnerships.finance.disbursed", funding.disbursed],
    ["partnerships.finance.remaining", funding.remaining],
  ] as const;
  return (
    <Section title={title}>
      <TermList
        terms={totals.map(([label, money]) => [
          intl.formatMessage({ id: label }),
          format.money(money),
        ])}
        cols={{ base: 2, sm: 4 }}
      />
      {grants.length === 0 ? (
        <Text size="sm">
          <FormattedMessage id="partnerships.finance.noGrants" />
        </Text>
      ) : (
        <ResponsiveTable
          label={intl.formatMessage({ id: "partnerships.finance.grants" })}
          rows={grants}
          rowKey={(row) => row.id}
          columns={[
            {
              key: "caseNumber",
              header: intl.formatMessage({ id: "partnerships.field.caseNumber" }),
              cell: (row) => row.caseNumber,
            },
            {
              key: "type",
              header: intl.formatMessage({ id: "partnerships.field.applicationType" }),
              // A partnership's grants all have a type; only research grants have none.
              cell: (row) => (row.type ? format.enumValue("ApplicationKind", row.type) : null),
            },
            {
              key: "status",
              header: intl.formatMessage({ id: "partnerships.field.status" }),
              cell: (row) => format.enumValue("GrantStatus", row.status),
            },
            {
              key: "approved",
              header: intl.formatMessage({ id: "partnerships.finance.approved" }),
              cell: (row) => format.money(row.approvedAmount),
            },
            {
              key: "spent",
              header: intl.formatMessage({ id: "partnerships.finance.spent" }),
              cell: (row) => format.money(row.spent),
            },
            {
              key: "disbursed",
              header: intl.formatMessage({ id: "partnerships.finance.disbursed" }),
              cell: (row) => format.money(row.disbursed),
            },
          ]}
        />
      )}
    </Section>
  );
}
