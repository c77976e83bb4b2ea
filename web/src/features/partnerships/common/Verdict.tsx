import { Group, Paper, Stack, Text, ThemeIcon } from "@mantine/core";
import type { ReactNode } from "react";

interface Props {
  ok: boolean;
  title: string;
  children?: ReactNode;
  /** "status" when the verdict follows a user's action and should be announced. */
  role?: "status";
}

/**
 * A check's outcome: a symbol and a sentence in the page's text colour (a tinted Alert's
 * title falls below the WCAG AA contrast), the border's colour only repeating it.
 */
export function Verdict({ ok, title, children, role }: Props) {
  return (
    <Paper withBorder p="sm" role={role} style={{ borderColor: `var(--mantine-color-${ok ? "green" : "orange"}-7)` }}>
      <Group align="start" wrap="nowrap" gap="sm">
        <ThemeIcon radius="xl" color={ok ? "green.8" : "orange.9"} aria-hidden>
          {ok ? "✓" : "!"}
        </ThemeIcon>
        <Stack gap={4}>
          <Text fw={700}>{title}</Text>
          {children}
        </Stack>
      </Group>
    </Paper>
  );
}
