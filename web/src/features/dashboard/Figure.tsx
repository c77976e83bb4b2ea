import { Anchor, Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { FormattedMessage } from "react-intl";
import { Link } from "react-router";

interface Props {
  /** Names the figure for tests and styling: `figure-<name>` holds the number. */
  name: string;
  /** An ICU message with `count` whose number is wrapped in <num></num>. */
  messageId: string;
  count: number;
  values?: Record<string, string | number>;
  /** The list behind the figure, when there is one. */
  to?: string;
  tone?: "attention" | "calm";
}

/** One number of the programme, said as a sentence ("3 partnerships below the rule"). */
export function Figure({ name, messageId, count, values, to, tone = "calm" }: Props) {
  const sentence = (
    <FormattedMessage
      id={messageId}
      values={{
        ...values,
        count,
        num: (chunks: ReactNode[]) => (
          <Text span display="block" fz={32} fw={700} lh={1.2} data-testid={`figure-${name}`}>
            {chunks}
          </Text>
        ),
      }}
    />
  );
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      style={
        tone === "attention" && count > 0
          ? { borderInlineStart: "4px solid var(--mantine-color-orange-6)" }
          : undefined
      }
    >
      {to === undefined ? (
        <Text>{sentence}</Text>
      ) : (
        <Anchor component={Link} to={to} c="inherit" underline="hover" display="block">
          {sentence}
        </Anchor>
      )}
    </Paper>
  );
}
