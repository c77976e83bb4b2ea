import { Anchor, Table } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";
import { Link } from "react-router";

import type { ReportDueFragment } from "../../gql/graphql";
import { useFormat } from "../../i18n/format";
import { partnershipUrl } from "./links";
import { reportKey, reportPartnershipTitle } from "./reportLabels";
import { ReportStatusBadge } from "./ReportStatusBadge";

/** Reports due or overdue from tablet width up. */
export function ReportsDueTable({ reports }: { reports: ReportDueFragment[] }) {
  const intl = useIntl();
  const format = useFormat();
  const header = (id: string) => intl.formatMessage({ id: `dashboard.reports.${id}` });
  return (
    <Table visibleFrom="sm" verticalSpacing="xs" striped captionSide="top">
      <Table.Caption c="dimmed" ta="start">
        <FormattedMessage id="dashboard.reports.caption" />
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{header("partnership")}</Table.Th>
          <Table.Th scope="col">{header("caseNumber")}</Table.Th>
          <Table.Th scope="col">{header("accountingYear")}</Table.Th>
          <Table.Th scope="col">{header("dueOn")}</Table.Th>
          <Table.Th scope="col">{header("status")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {reports.map((report) => (
          <Table.Tr key={reportKey(report)}>
            <Table.Th scope="row" fw={400}>
              <Anchor component={Link} to={partnershipUrl(report.partnershipId)}>
                {reportPartnershipTitle(report)}
              </Anchor>
            </Table.Th>
            <Table.Td>{report.caseNumber}</Table.Td>
            <Table.Td>
              <FormattedMessage
                id="dashboard.reports.year"
                values={{ year: report.accountingYear, final: String(report.final) }}
              />
            </Table.Td>
            <Table.Td>{format.date(report.dueOn)}</Table.Td>
            <Table.Td>
              <ReportStatusBadge status={report.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
