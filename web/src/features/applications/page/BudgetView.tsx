import { Stack, Table, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { ApplicationBudgetLineFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { fromMinor, minorOf } from "../common/money";
import { BUDGET_CURRENCY } from "../common/rules";

/** Budget lines by project year, each year with its total; two columns fit a phone. */
export function BudgetView({ lines }: { lines: readonly ApplicationBudgetLineFragment[] }) {
  const intl = useIntl();
  const format = useFormat();
  const sek = (minor: bigint) =>
    format.money({ amount: fromMinor(minor), currency: BUDGET_CURRENCY });
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  if (lines.length === 0) {
    return (
      <Text c="gray.7">
        <FormattedMessage id="applications.budget.none" />
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {years.map((year) => {
        const inYear = lines.filter((l) => l.year === year);
        const total = inYear.reduce((sum, l) => sum + minorOf(l.amount.amount), 0n);
        return (
          <Table key={year} striped>
            <Table.Caption style={{ captionSide: "top", textAlign: "start", fontWeight: 700 }}>
              {intl.formatMessage({ id: "applications.budget.year" }, { year })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  {intl.formatMessage({ id: "applications.budget.categoryHeader" })}
                </Table.Th>
                <Table.Th ta="right">
                  {intl.formatMessage({ id: "applications.budget.amountHeader" })}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inYear.map((line, n) => (
                <Table.Tr key={n}>
                  <Table.Td>{format.enumValue("CostCategory", line.category)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {format.money(line.amount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">
                  {intl.formatMessage({ id: "applications.budget.yearTotalHeader" }, { year })}
                </Table.Th>
                <Table.Td ta="right" fw={700} style={{ whiteSpace: "nowrap" }}>
                  {sek(total)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        );
      })}
      <Text fw={700}>
        <FormattedMessage
          id="applications.budget.total"
          values={{ total: sek(lines.reduce((sum, l) => sum + minorOf(l.amount.amount), 0n)) }}
        />
      </Text>
    </Stack>
  );
}
