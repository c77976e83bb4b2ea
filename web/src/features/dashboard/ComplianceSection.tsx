import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { FormattedMessage } from "react-intl";

import type { CompliancePageFragment } from "../../gql/graphql";
import { ComplianceCards } from "./ComplianceCards";
import { ComplianceTable } from "./ComplianceTable";

interface Props {
  page: CompliancePageFragment;
  year: number;
  onLoadMore: () => void;
  loadingMore: boolean;
}

/** Each active partnership against the steering-group and meetings rules. */
export function ComplianceSection({ page, year, onLoadMore, loadingMore }: Props) {
  const partnerships = page.edges.map((edge) => edge.node);
  return (
    <Stack component="section" aria-labelledby="dashboard-compliance" gap="sm">
      <Title order={2} id="dashboard-compliance" size="h3">
        <FormattedMessage id="dashboard.compliance.title" />
      </Title>
      {partnerships.length === 0 ? (
        <Text c="dimmed">
          <FormattedMessage id="dashboard.compliance.none" />
        </Text>
      ) : (
        <>
          <ComplianceTable partnerships={partnerships} year={year} />
          <ComplianceCards partnerships={partnerships} year={year} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              <FormattedMessage
                id="common.showing"
                values={{ shown: partnerships.length, total: page.totalCount }}
              />
            </Text>
            {page.pageInfo.hasNextPage && (
              <Button variant="default" onClick={onLoadMore} loading={loadingMore}>
                <FormattedMessage id="common.loadMore" />
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
