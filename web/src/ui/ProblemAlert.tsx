import { Alert, Button, Group, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { Problem } from "../errors/problem";

interface Props {
  problem: Problem | null;
  /** Offered for network problems: repeat what failed. */
  onRetry?: () => void;
  /** Offered for conflicts: load the latest version without losing the user's input. */
  onReload?: () => void;
}

/** A problem as a person reads it, in their language, with what they can do about it. */
export function ProblemAlert({ problem, onRetry, onReload }: Props) {
  const intl = useIntl();
  if (problem === null) return null;
  switch (problem.kind) {
    case "conflict":
      return (
        <Alert color="orange" role="alert" title={intl.formatMessage({ id: "error.conflict.title" })}>
          <Text size="sm">
            <FormattedMessage id="error.conflict.body" />
          </Text>
          {onReload && (
            <Button mt="sm" size="xs" variant="light" color="orange" onClick={onReload}>
              <FormattedMessage id="error.conflict.reload" />
            </Button>
          )}
        </Alert>
      );
    case "network":
      return (
        <Alert color="red" role="alert" title={intl.formatMessage({ id: "error.network.title" })}>
          <Group justify="space-between">
            <Text size="sm">
              <FormattedMessage id="error.network.body" />
            </Text>
            {onRetry && (
              <Button size="xs" variant="light" color="red" onClick={onRetry}>
                <FormattedMessage id="common.retry" />
              </Button>
            )}
          </Group>
        </Alert>
      );
    case "field":
    case "invalid":
      return (
        <Alert color="red" role="alert" title={intl.formatMessage({ id: "error.title" })}>
          <Text size="sm">
            <FormattedMessage id="error.invalid" />
          </Text>
          <Text size="xs" c="dimmed">
            <FormattedMessage id="error.serverSaid" values={{ detail: problem.detail }} />
          </Text>
        </Alert>
      );
    case "forbidden":
    case "notFound":
    case "unexpected":
    case "unauthenticated":
      return (
        <Alert color="red" role="alert" title={intl.formatMessage({ id: "error.title" })}>
          <Text size="sm">
            <FormattedMessage id={MESSAGES[problem.kind]} />
          </Text>
        </Alert>
      );
  }
}

const MESSAGES = {
  forbidden: "error.forbidden",
  notFound: "error.notFound",
  unexpected: "error.unexpected",
  unauthenticated: "signIn.expired",
} as const;
