import { SimpleGrid, Text, type SimpleGridProps } from "@mantine/core";
import type { ReactNode } from "react";

interface Props {
  /** Each term (a label in the user's words, unique in the list) and its value. */
  terms: readonly (readonly [string, ReactNode])[];
  cols: SimpleGridProps["cols"];
  spacing?: SimpleGridProps["spacing"];
}

/** Facts as a description list (dt/dd), in columns that fold up on narrow screens. */
export function TermList({ terms, cols, spacing }: Props) {
  return (
    <SimpleGrid cols={cols} spacing={spacing} component="dl" m={0}>
      {terms.map(([term, value]) => (
        <div key={term}>
          <Text component="dt" size="sm" fw={700}>
            {term}
          </Text>
          <Text component="dd" m={0}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
