import { Paper, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useId } from "react";

/** A titled part of a page (a level-2 heading), named by that heading for landmarks. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
