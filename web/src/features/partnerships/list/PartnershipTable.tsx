import { Anchor, Table, UnstyledButton } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";
import { Link } from "react-router";

import type { PartnershipRowFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { StatusBadge } from "../common/StatusBadge";
import type { SortKey, Sorting } from "./listParams";

interface Props {
  /** The caption: what is listed, in which order. */
  label: string;
  rows: readonly PartnershipRowFragment[];
  sorting: Sorting;
  onSort: (sorting: Sorting) => void;
}

/** The list from `sm` up: one row per partnership, sortable by title, status and start. */
export function PartnershipTable({ label, rows, sorting, onSort }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const header = (key: SortKey, label: string) => {
    const active = sorting.key === key;
    const next: Sorting = { key, order: active && sorting.order === "asc" ? "desc" : "asc" };
    return (
      <Table.Th
        aria-sort={active ? (sorting.order === "asc" ? "ascending" : "descending") : "none"}
        style={{ whiteSpace: "nowrap" }}
      >
        <UnstyledButton fw={700} fz="sm" onClick={() => onSort(next)}>
          {label}
          <span aria-hidden> {active ? (sorting.order === "asc" ? "▲" : "▼") : "↕"}</span>
        </UnstyledButton>
      </Table.Th>
    );
  };
  return (
    <Table striped highlightOnHover visibleFrom="sm" captionSide="top">
      <Table.Caption style={{ textAlign: "start" }}>{label}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {header("title", intl.formatMessage({ id: "partnerships.field.title" }))}
          <Table.Th>
            <FormattedMessage id="partnerships.field.partners" />
          </Table.Th>
          <Table.Th>
            <FormattedMessage id="partnerships.field.themes" />
          </Table.Th>
          {header("status", intl.formatMessage({ id: "partnerships.field.status" }))}
          {header("startedOn", intl.formatMessage({ id: "partnerships.field.startedOn" }))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id}>
            <Table.Td>
              <Anchor component={Link} to={`/partnerships/${row.id}`} fw={500}>
                {row.title}
              </Anchor>
            </Table.Td>
            <Table.Td>
              {[row.swedishPartner?.name, ...row.partners.map((p) => p.name)]
                .filter((name) => name !== undefined)
                .join(" · ")}
              {" ("}
              {row.countries.map(format.country).join(", ")}
              {")"}
            </Table.Td>
            <Table.Td>{row.themes.map((t) => format.enumValue("Theme", t)).join(", ")}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <StatusBadge status={row.status} />
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{format.date(row.startedOn)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
