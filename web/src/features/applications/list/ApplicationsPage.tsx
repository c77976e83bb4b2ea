import { Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { useMemo } from "react";
import { FormattedMessage } from "react-intl";
import { useSearchParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { isStaff } from "../../../auth/session";
import { PagedList } from "../../../ui/PagedList";
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
      <PagedList
        page={connection}
        shown={rows.length}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        loadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor } })}
        emptyId="applications.list.empty"
      >
        <ApplicationTable rows={rows} />
        <ApplicationCards rows={rows} />
      </PagedList>
    </Stack>
  );
}
