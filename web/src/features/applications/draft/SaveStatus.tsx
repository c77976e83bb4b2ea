import { Group, Paper, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { SaveStatus as Status } from "./useAutosave";

interface Props {
  status: Status;
  /** Whether the application exists yet (a new one is saved once it has its required fields). */
  created: boolean;
  heldBack: number;
}

/**
 * How the autosave stands, in a polite live region that stays in view while the user scrolls
 * the long form: screen readers hear "saving…", "saved at 14:03" or "not saved" without
 * losing their place.
 */
export function SaveStatus({ status, created, heldBack }: Props) {
  const intl = useIntl();
  const text = (() => {
    switch (status.kind) {
      case "idle":
        return intl.formatMessage({
          id: created ? "applications.save.auto" : "applications.save.autoNew",
        });
      case "waiting":
        return intl.formatMessage({ id: "applications.save.waiting" });
      case "pending":
        return intl.formatMessage({ id: "applications.save.pending" });
      case "saving":
        return intl.formatMessage({ id: "common.saving" });
      case "saved":
        return intl.formatMessage(
          { id: "applications.save.savedAt" },
          { time: intl.formatTime(status.at, { timeStyle: "short" }) },
        );
      case "failed":
        return intl.formatMessage({ id: "applications.save.failed" });
    }
  })();
  return (
    <Paper
      withBorder
      px="sm"
      py={6}
      pos="sticky"
      top="calc(var(--app-shell-header-offset, 0rem) + 4px)"
      style={{ zIndex: 2 }}
    >
      <Group gap="xs" role="status" aria-live="polite" aria-atomic="true">
        <Text size="sm" fw={600} c={status.kind === "failed" ? "red.8" : undefined}>
          {text}
        </Text>
        {heldBack > 0 && (
          <Text size="sm" c="gray.7">
            <FormattedMessage id="applications.save.heldBack" values={{ count: heldBack }} />
          </Text>
        )}
      </Group>
    </Paper>
  );
}
