import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { skipToken, useQuery } from "@apollo/client/react";
import { FormattedMessage, useIntl } from "react-intl";
import { Link, useSearchParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { problemOf } from "../../../errors/problem";
import { useFormat } from "../../../i18n/format";
import { PagedList } from "../../../ui/PagedList";
import { PageLoader } from "../../../ui/PageLoader";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { Section } from "../../../ui/Section";
import { withParam } from "../../applications/list/listParams";
import { CallActions } from "../call/CallActions";
import { draftsForOwnOrganisation, readsReviews } from "../common/access";
import { isResearchStatus, RESEARCH_STATUSES } from "../common/enums";
import { RESEARCH_CALL, RESEARCH_CALLS } from "../common/fragments";
import { ApplicationList } from "./ApplicationList";
import { CallSummary } from "./CallSummary";
import { RESEARCH_APPLICATIONS } from "./queries";
import { RankingTable } from "./RankingTable";

const PAGE_SIZE = 50;
const RANKING_SIZE = 100;

/**
 * `/research?call=…&status=…`: the research calls (newest first; the open one chosen unless
 * the address names another) and the chosen call's applications; its ranking once computed.
 * The API narrows an applicant's list to their own university's.
 */
export default function ResearchPage() {
  const intl = useIntl();
  const format = useFormat();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const calls = useQuery(RESEARCH_CALLS);
  const newestFirst = calls.data?.researchCalls.nodes ?? [];
  const wanted = params.get("call");
  const listed = newestFirst.find((c) => c.id === wanted);
  // A call older than the page, as an address may name one, is read on its own.
  const older = useQuery(
    RESEARCH_CALL,
    wanted === null || listed !== undefined || !calls.data
      ? skipToken
      : { variables: { id: wanted } },
  );
  const named = listed ?? older.data?.researchCall ?? null;
  const waiting = wanted !== null && named === null && (!calls.data || older.loading);
  const call = waiting
    ? null
    : (named ?? newestFirst.find((c) => c.open) ?? newestFirst[0] ?? null);
  const choices = call === null || newestFirst.includes(call) ? newestFirst : [...newestFirst, call];
  const status = params.get("status");
  const filter = {
    callId: call?.id ?? null,
    status: isResearchStatus(status) ? status : null,
  };
  const list = useQuery(
    RESEARCH_APPLICATIONS,
    call === null
      ? skipToken
      : { variables: { first: PAGE_SIZE, filter }, notifyOnNetworkStatusChange: true },
  );
  const ranking = useQuery(
    RESEARCH_APPLICATIONS,
    call === null || !readsReviews(user)
      ? skipToken
      : { variables: { first: RANKING_SIZE, filter: { callId: call.id } } },
  );
  const connection = list.data?.researchApplications;
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const ranked = ranking.data?.researchApplications.edges.map((e) => e.node) ?? [];
  const set = (name: string, value: string) =>
    setParams((current) => withParam(current, name, value), { replace: true });
  const refresh = () => Promise.all([list.refetch(), ranking.refetch()]);

  return (
    <Stack>
      <Title order={1}>
        <FormattedMessage id="nav.research" />
      </Title>
      {!readsReviews(user) && user.org !== null && (
        <Text size="sm">
          <FormattedMessage id="research.list.ownOnly" />
        </Text>
      )}
      {calls.error && (
        <ProblemAlert problem={problemOf(calls.error)} onRetry={() => void calls.refetch()} />
      )}
      {(waiting || (calls.loading && !calls.data)) && <PageLoader />}
      {calls.data && !waiting && call === null && (
        <Alert color="gray" role="status">
          <FormattedMessage id="research.list.noCalls" />
        </Alert>
      )}
      {call !== null && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={intl.formatMessage({ id: "research.field.call" })}
              value={call.id}
              onChange={(event) => set("call", event.currentTarget.value)}
              data={choices.map((c) => ({ value: c.id, label: c.title }))}
            />
            <NativeSelect
              label={intl.formatMessage({ id: "research.field.status" })}
              value={filter.status ?? ""}
              onChange={(event) => set("status", event.currentTarget.value)}
              data={[
                { value: "", label: intl.formatMessage({ id: "common.all" }) },
                ...RESEARCH_STATUSES.map((s) => ({
                  value: s,
                  label: format.enumValue("ResearchStatus", s),
                })),
              ]}
            />
          </SimpleGrid>
          <Section title={call.title}>
            <CallSummary call={call} />
            <Group>
              {call.open && draftsForOwnOrganisation(user) && (
                <Button component={Link} to={`/research/new?call=${call.id}`}>
                  <FormattedMessage id="research.action.new" />
                </Button>
              )}
            </Group>
            <CallActions callId={call.id} onChanged={refresh} />
          </Section>
          <Section title={intl.formatMessage({ id: "research.list.applications" })}>
            <PagedList
              page={connection}
              shown={rows.length}
              loading={list.loading}
              error={list.error}
              onRetry={() => void list.refetch()}
              loadMore={() =>
                list.fetchMore({ variables: { after: connection?.pageInfo.endCursor } })
              }
              emptyId="research.list.empty"
            >
              <ApplicationList rows={rows} />
            </PagedList>
          </Section>
          {ranked.some((r) => r.ranking) && (
            <Section title={intl.formatMessage({ id: "research.ranking.title" })}>
              <Text size="sm" c="gray.7">
                <FormattedMessage id="research.ranking.rule" />
              </Text>
              <RankingTable rows={ranked} />
            </Section>
          )}
        </>
      )}
    </Stack>
  );
}
