import { Anchor } from "@mantine/core";
import { useIntl } from "react-intl";
import { Link } from "react-router";

import type { ResearchRow_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { ResponsiveTable, type Column } from "../../partnerships/common/ResponsiveTable";
import { PersonName } from "../common/PersonName";
import { ResearchStatusBadge } from "../common/StatusBadge";

/** A call's applications: a table from `sm` up, cards on a phone. */
export function ApplicationList({ rows }: { rows: readonly ResearchRow_ApplicationFragment[] }) {
  const intl = useIntl();
  const format = useFormat();
  const header = (id: string) => intl.formatMessage({ id });
  const columns: Column<ResearchRow_ApplicationFragment>[] = [
    {
      key: "title",
      header: header("research.field.title"),
      cell: (row) => (
        <Anchor component={Link} to={`/research/applications/${row.id}`}>
          {row.caseNumber ? `${row.caseNumber} · ${row.title}` : row.title}
        </Anchor>
      ),
    },
    {
      key: "kind",
      header: header("research.field.kind"),
      cell: (row) => format.enumValue("ResearchKind", row.kind),
    },
    {
      key: "pi",
      header: header("research.field.principalInvestigator"),
      cell: (row) => <PersonName person={row.principalInvestigator} />,
    },
    {
      key: "status",
      header: header("research.field.status"),
      cell: (row) => <ResearchStatusBadge status={row.status} />,
    },
    {
      key: "requested",
      header: header("research.field.requested"),
      cell: (row) => format.money(row.requested),
    },
  ];
  return (
    <ResponsiveTable
      label={header("research.list.caption")}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
    />
  );
}
