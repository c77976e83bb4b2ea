import { Paper, Stack, Title } from "@mantine/core";
import { useId, type ReactNode } from "react";

interface Props {
  title: string;
  children: ReactNode;
}

/** A titled part of a page (a level-2 heading), named by that heading for landmarks. */
export function Section({ title, children }: Props) {
  const headingId = useId();
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
