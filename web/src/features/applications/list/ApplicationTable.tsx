import { Anchor, Table } from "@mantine/core";
import { useIntl } from "react-intl";
import { Link } from "react-router";

import type { ApplicationRow_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { StatusBadge } from "../common/StatusBadge";
import { CaseNumberLink } from "./CaseNumberLink";

/** The list from `sm` up: one row per application. */
export function ApplicationTable({ rows }: { rows: ApplicationRow_ApplicationFragment[] }) {
  const intl = useIntl();
  const format = useFormat();
  const header = (id: string) => <Table.Th>{intl.formatMessage({ id })}</Table.Th>;
  return (
    <Table.ScrollContainer minWidth={720} visibleFrom="sm">
      <Table striped aria-label={intl.formatMessage({ id: "applications.list.caption" })}>
        <Table.Thead>
          <Table.Tr>
            {header("applications.field.caseNumber")}
            {header("applications.field.title")}
            {header("applications.field.partnership")}
            {header("applications.field.type")}
            {header("applications.field.status")}
            {header("applications.field.submittedOn")}
            <Table.Th ta="right">
              {intl.formatMessage({ id: "applications.field.requestedTotal" })}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <CaseNumberLink id={row.id} caseNumber={row.caseNumber} />
              </Table.Td>
              <Table.Td>{row.title}</Table.Td>
              <Table.Td>
                {row.partnership ? (
                  <Anchor component={Link} to={`/partnerships/${row.partnershipId}`}>
                    {row.partnership.title}
                  </Anchor>
                ) : (
                  "—"
                )}
              </Table.Td>
              <Table.Td>{format.enumValue("ApplicationKind", row.type)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <StatusBadge status={row.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {row.submittedOn ? format.date(row.submittedOn) : "—"}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                {format.money(row.requestedTotal)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
