import { Alert, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { FormattedMessage } from "react-intl";

import { problemOf } from "../errors/problem";
import { PageLoader } from "./PageLoader";
import { ProblemAlert } from "./ProblemAlert";

interface Props {
  loading: boolean;
  error: unknown;
  /** The page's heading while it has no record to name it. */
  titleId: string;
  onRetry: () => void;
  /** Shown above the heading (a way back, say). */
  before?: ReactNode;
}

/**
 * A record's page without its record: still loading, the request failed (with a retry), or
 * there is none the user may see.
 */
export function RecordUnavailable({ loading, error, titleId, onRetry, before }: Props) {
  if (loading) return <PageLoader />;
  return (
    <Stack>
      {before}
      <Title order={1}>
        <FormattedMessage id={titleId} />
      </Title>
      {error ? (
        <ProblemAlert problem={problemOf(error)} onRetry={onRetry} />
      ) : (
        <Alert color="gray" role="status">
          <FormattedMessage id="common.notFound" />
        </Alert>
      )}
    </Stack>
  );
}
