import { Button, Group, Text } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { FormattedMessage } from "react-intl";

import { problemOf, type Problem } from "../errors/problem";
import { PageLoader } from "./PageLoader";
import { ProblemAlert } from "./ProblemAlert";

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
}

interface Props {
  /** The connection as loaded so far (none yet while the first page loads, or if it failed). */
  page: Page | null | undefined;
  /** How many of its rows are shown. */
  shown: number;
  loading: boolean;
  /** The first page's failure. */
  error: unknown;
  onRetry: () => void;
  /** Fetches the next page; a failure is shown, with a retry, under the rows. */
  loadMore: () => Promise<unknown>;
  /** The message of a list with no rows. */
  emptyId: string;
  /** Beside the count (a sort choice, say). */
  tools?: ReactNode;
  /** The rows. */
  children: ReactNode;
}

/**
 * A list read a page at a time: its count, the rows, "Load more", and what went wrong with
 * the first page or a later one.
 */
export function PagedList({
  page,
  shown,
  loading,
  error,
  onRetry,
  loadMore,
  emptyId,
  tools,
  children,
}: Props) {
  const [moreProblem, setMoreProblem] = useState<Problem | null>(null);

  async function more() {
    setMoreProblem(null);
    try {
      await loadMore();
    } catch (failure) {
      setMoreProblem(problemOf(failure));
    }
  }

  return (
    <>
      {error && !page && <ProblemAlert problem={problemOf(error)} onRetry={onRetry} />}
      {page && (
        <Group justify="space-between" align="end">
          <Text size="sm" role="status">
            <FormattedMessage id="common.showing" values={{ shown, total: page.totalCount }} />
          </Text>
          {tools}
        </Group>
      )}
      {page && shown === 0 && (
        <Text>
          <FormattedMessage id={emptyId} />
        </Text>
      )}
      {shown > 0 && children}
      {loading && <PageLoader />}
      <ProblemAlert problem={moreProblem} onRetry={() => void more()} />
      {page?.pageInfo.hasNextPage && !loading && (
        <Button variant="default" style={{ alignSelf: "center" }} onClick={() => void more()}>
          <FormattedMessage id="common.loadMore" />
        </Button>
      )}
    </>
  );
}
