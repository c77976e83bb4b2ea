import { Button, Group, NativeSelect, Stack, Title } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { useMemo } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { Link, useSearchParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { PagedList } from "../../../ui/PagedList";
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
      <PagedList
        page={connection}
        shown={rows.length}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        loadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor } })}
        emptyId="partnerships.list.empty"
        tools={
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
        }
      >
        <PartnershipTable
          label={label}
          rows={rows}
          sorting={sorting}
          onSort={(next) => setParams((current) => withSorting(current, next))}
        />
        <PartnershipCards label={label} rows={rows} />
      </PagedList>
    </Stack>
  );
}
