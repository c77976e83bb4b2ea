import { Anchor } from "@mantine/core";
import { useIntl } from "react-intl";
import { Link } from "react-router";

import type { ResearchRow_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { ResponsiveTable, type Column } from "../../partnerships/common/ResponsiveTable";
import { ResearchStatusBadge } from "../common/StatusBadge";

type Ranked = ResearchRow_ApplicationFragment & {
  ranking: NonNullable<ResearchRow_ApplicationFragment["ranking"]>;
};

/** The call's ranking by mean total score (ties: mean relevance, then the earlier submission). */
export function RankingTable({ rows }: { rows: readonly ResearchRow_ApplicationFragment[] }) {
  const intl = useIntl();
  const format = useFormat();
  const ranked = rows
    .filter((row): row is Ranked => row.ranking !== null)
    .sort((a, b) => a.ranking.position - b.ranking.position);
  if (ranked.length === 0) return null;
  const header = (id: string) => intl.formatMessage({ id });
  const decimal = (value: string) =>
    intl.formatNumber(Number(value), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const columns: Column<Ranked>[] = [
    {
      key: "position",
      header: header("research.ranking.position"),
      cell: (row) => (
        <Anchor component={Link} to={`/research/applications/${row.id}`}>
          {intl.formatMessage(
            { id: "research.ranking.place" },
            { position: row.ranking.position, caseNumber: row.caseNumber ?? row.title },
          )}
        </Anchor>
      ),
    },
    { key: "title", header: header("research.field.title"), cell: (row) => row.title },
    {
      key: "meanTotal",
      header: header("research.ranking.meanTotal"),
      cell: (row) => decimal(row.ranking.meanTotal),
    },
    {
      key: "meanRelevance",
      header: header("research.ranking.meanRelevance"),
      cell: (row) => decimal(row.ranking.meanRelevance),
    },
    {
      key: "reviews",
      header: header("research.ranking.reviews"),
      cell: (row) => format.number(row.ranking.reviews),
    },
    {
      key: "requested",
      header: header("research.field.requested"),
      cell: (row) => format.money(row.requested),
    },
    {
      key: "status",
      header: header("research.field.status"),
      cell: (row) => <ResearchStatusBadge status={row.status} />,
    },
  ];
  return (
    <ResponsiveTable
      label={header("research.ranking.caption")}
      columns={columns}
      rows={ranked}
      rowKey={(row) => row.id}
    />
  );
}
