import { Button, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { useMemo } from "react";
import { FormattedMessage } from "react-intl";
import { useSearchParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { isStaff } from "../../../auth/session";
import { problemOf } from "../../../errors/problem";
import { PageLoader } from "../../../ui/PageLoader";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { ApplicationCards } from "./ApplicationCards";
import { ApplicationFilters } from "./ApplicationFilters";
import { ApplicationTable } from "./ApplicationTable";
import { filterFromParams } from "./listParams";
import { APPLICATIONS } from "./queries";

const PAGE_SIZE = 20;

/** Every application a user may read (the API narrows a coordinator's to their own). */
export default function ApplicationsPage() {
  const { user } = useSession();
  const [params] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const { data, loading, error, fetchMore, refetch } = useQuery(APPLICATIONS, {
    variables: { first: PAGE_SIZE, filter },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.applications;
  const rows = useMemo(() => connection?.edges.map((e) => e.node) ?? [], [connection]);
  const ownOnly = !isStaff(user) && !user.roles.includes("viewer");

  return (
    <Stack>
      <Title order={1}>
        <FormattedMessage id="nav.applications" />
      </Title>
      {ownOnly && (
        <Text size="sm">
          <FormattedMessage id="applications.list.ownOnly" />
        </Text>
      )}
      <ApplicationFilters />
      {error && !connection && (
        <ProblemAlert problem={problemOf(error)} onRetry={() => void refetch()} />
      )}
      {connection && (
        <Text size="sm" role="status">
          <FormattedMessage
            id="common.showing"
            values={{ shown: rows.length, total: connection.totalCount }}
          />
        </Text>
      )}
      {connection && rows.length === 0 && (
        <Text>
          <FormattedMessage id="applications.list.empty" />
        </Text>
      )}
      {rows.length > 0 && (
        <>
          <ApplicationTable rows={rows} />
          <ApplicationCards rows={rows} />
        </>
      )}
      {loading && <PageLoader />}
      {connection?.pageInfo.hasNextPage && !loading && (
        <Button
          variant="default"
          style={{ alignSelf: "center" }}
          onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
        >
          <FormattedMessage id="common.loadMore" />
        </Button>
      )}
    </Stack>
  );
}
