import { Button, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { useMemo, useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { Link, useSearchParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { problemOf, type Problem } from "../../../errors/problem";
import { PageLoader } from "../../../ui/PageLoader";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { mayCreatePartnership } from "../common/access";
import {
  API_ORDER,
  filterFromParams,
  SORT_KEYS,
  sortingFromParams,
  withSorting,
} from "./listParams";
import { PartnershipCards } from "./PartnershipCards";
import { PartnershipFilters } from "./PartnershipFilters";
import { PartnershipTable } from "./PartnershipTable";
import { PARTNERSHIPS } from "./queries";
import { sortRows } from "./sortRows";

const PAGE_SIZE = 20;

export default function PartnershipsPage() {
  const intl = useIntl();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const chosen = sortingFromParams(params);
  const sorting = chosen ?? API_ORDER;
  const { data, loading, error, fetchMore, refetch } = useQuery(PARTNERSHIPS, {
    variables: { first: PAGE_SIZE, filter },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.partnerships;
  const [moreProblem, setMoreProblem] = useState<Problem | null>(null);

  async function loadMore() {
    setMoreProblem(null);
    try {
      await fetchMore({ variables: { after: connection?.pageInfo.endCursor } });
    } catch (failure) {
      setMoreProblem(problemOf(failure));
    }
  }

  const collator = useMemo(() => new Intl.Collator(intl.locale), [intl.locale]);
  const rows = useMemo(
    () => sortRows(connection?.edges.map((e) => e.node) ?? [], chosen, collator),
    [connection, chosen, collator],
  );

  const label = intl.formatMessage(
    { id: "partnerships.list.caption" },
    {
      sorting: intl.formatMessage({
        id: `partnerships.list.sort.${sorting.key}.${sorting.order}`,
      }),
    },
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>
          <FormattedMessage id="nav.partnerships" />
        </Title>
        {mayCreatePartnership(user) && (
          <Button component={Link} to="/partnerships/new">
            <FormattedMessage id="partnerships.create.action" />
          </Button>
        )}
      </Group>
      <PartnershipFilters />
      {error && !connection && (
        <ProblemAlert problem={problemOf(error)} onRetry={() => void refetch()} />
      )}
      {connection && (
        <Group justify="space-between" align="end">
          <Text size="sm" role="status">
            <FormattedMessage
              id="common.showing"
              values={{ shown: connection.edges.length, total: connection.totalCount }}
            />
          </Text>
          <NativeSelect
            hiddenFrom="sm"
            size="xs"
            label={intl.formatMessage({ id: "partnerships.list.sortBy" })}
            value={`${sorting.key}:${sorting.order}`}
            onChange={(event) => {
              const [key, order] = event.currentTarget.value.split(":");
              const found = SORT_KEYS.find((k) => k === key) ?? "title";
              setParams((current) =>
                withSorting(current, { key: found, order: order === "desc" ? "desc" : "asc" }),
              );
            }}
            data={SORT_KEYS.flatMap((key) =>
              (["asc", "desc"] as const).map((order) => ({
                value: `${key}:${order}`,
                label: intl.formatMessage({ id: `partnerships.list.sort.${key}.${order}` }),
              })),
            )}
          />
        </Group>
      )}
      {connection && rows.length === 0 && (
        <Text>
          <FormattedMessage id="partnerships.list.empty" />
        </Text>
      )}
      {rows.length > 0 && (
        <>
          <PartnershipTable
            label={label}
            rows={rows}
            sorting={sorting}
            onSort={(next) => setParams((current) => withSorting(current, next))}
          />
          <PartnershipCards label={label} rows={rows} />
        </>
      )}
      {loading && <PageLoader />}
      <ProblemAlert problem={moreProblem} onRetry={() => void loadMore()} />
      {connection?.pageInfo.hasNextPage && !loading && (
        <Button variant="default" style={{ alignSelf: "center" }} onClick={() => void loadMore()}>
          <FormattedMessage id="common.loadMore" />
        </Button>
      )}
    </Stack>
  );
}
