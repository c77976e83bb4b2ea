import { Card, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
}

interface Props<T> {
  /** Names the table (and the list of cards) for assistive technology. */
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}

/**
 * A table from `sm` up, a list of cards below it: on a phone each row becomes a card whose
 * first column is its heading and the others "header: value" lines.
 */
export function ResponsiveTable<T>({ label, columns, rows, rowKey }: Props<T>) {
  const [first, ...rest] = columns;
  if (first === undefined) return null;
  return (
    <>
      <Table visibleFrom="sm" striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key}>{column.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((column) => (
                <Table.Td key={column.key}>{column.cell(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack
        hiddenFrom="sm"
        gap="xs"
        component="ul"
        aria-label={label}
        p={0}
        m={0}
        style={{ listStyle: "none" }}
      >
        {rows.map((row) => (
          <Card key={rowKey(row)} withBorder padding="xs" component="li">
            <Text fw={600} size="sm">
              {first.cell(row)}
            </Text>
            {rest.map((column) => (
              <Text key={column.key} size="sm">
                {column.header}: {column.cell(row)}
              </Text>
            ))}
          </Card>
        ))}
      </Stack>
    </>
  );
}
