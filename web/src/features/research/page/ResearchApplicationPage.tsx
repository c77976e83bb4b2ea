import { Alert, Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { Link, useLocation, useParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { problemOf } from "../../../errors/problem";
import { submittedFrom } from "../../../ui/navigationState";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { RecordUnavailable } from "../../../ui/RecordUnavailable";
import { Section } from "../../../ui/Section";
import { BudgetView } from "../../applications/page/BudgetView";
import { isAdvisor, readsGrant } from "../common/access";
import { ResearchStatusBadge } from "../common/StatusBadge";
import { ActionsPanel } from "./ActionsPanel";
import { DetailsView } from "./DetailsView";
import { GrantView } from "./GrantView";
import { History } from "./History";
import { RESEARCH_APPLICATION_PAGE } from "./operations";
import { OutcomeView } from "./OutcomeView";
import { ReviewForm } from "./ReviewForm";
import { ReviewsView } from "./ReviewsView";

/**
 * `/research/applications/:id`: the proposal, its budget, screening, decision and released
 * feedback, the grant once approved; reviews and history for officers and the advisory group;
 * each role's actions.
 */
export default function ResearchApplicationPage() {
  const { id = "" } = useParams();
  const intl = useIntl();
  const location = useLocation();
  const { user } = useSession();
  const { data, loading, error, refetch } = useQuery(RESEARCH_APPLICATION_PAGE, {
    variables: { id },
  });
  const [submitted, setSubmitted] = useState(() => submittedFrom(location.state));
  const application = data?.researchApplication ?? null;

  if (application === null) {
    return (
      <RecordUnavailable
        loading={loading}
        error={error}
        titleId="research.page.title"
        onRetry={() => void refetch()}
      />
    );
  }

  const reload = () => refetch();
  const reviewing =
    isAdvisor(user) &&
    application.status === "IN_REVIEW" &&
    (application.reviewerIds ?? []).includes(user.sub);
  const outcome =
    application.status === "INELIGIBLE" || application.decision || application.feedback;
  const funded =
    (application.status === "APPROVED" || application.status === "REPORTED") &&
    readsGrant(user, application.organisationId);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{application.title}</Title>
        <Group gap="sm">
          <Text fw={700}>
            {application.caseNumber ?? intl.formatMessage({ id: "research.noCaseNumber" })}
          </Text>
          <ResearchStatusBadge status={application.status} />
        </Group>
        <Text>
          <Anchor component={Link} to={`/research?call=${application.callId}`}>
            <FormattedMessage id="research.page.toCall" />
          </Anchor>
        </Text>
      </Stack>
      {/* Only while it waits for screening: later the status and decision say more. */}
      {submitted !== undefined && application.status === "SUBMITTED" && (
        <Alert
          color="blue"
          role="status"
          title={intl.formatMessage({ id: "research.page.submittedTitle" })}
        >
          <FormattedMessage
            id="research.page.submitted"
            values={{ caseNumber: submitted ?? application.caseNumber ?? "—" }}
          />
        </Alert>
      )}
      {error && <ProblemAlert problem={problemOf(error)} onRetry={() => void refetch()} />}
      <ActionsPanel application={application} onReload={reload} onSubmitted={setSubmitted} />
      {outcome && (
        <Section title={intl.formatMessage({ id: "research.section.outcome" })}>
          <OutcomeView application={application} />
        </Section>
      )}
      {funded && (
        <Section title={intl.formatMessage({ id: "research.section.grant" })}>
          <GrantView application={application} />
        </Section>
      )}
      {reviewing && (
        <Section title={intl.formatMessage({ id: "research.section.yourReview" })}>
          <ReviewForm application={application} reviewerId={user.sub} onReload={reload} />
        </Section>
      )}
      <Section title={intl.formatMessage({ id: "research.section.details" })}>
        <DetailsView application={application} />
      </Section>
      <Section title={intl.formatMessage({ id: "research.section.budget" })}>
        <BudgetView lines={application.budget} />
      </Section>
      {application.reviews && (
        <Section title={intl.formatMessage({ id: "research.section.reviews" })}>
          <ReviewsView application={application} />
        </Section>
      )}
      {application.auditTrail && (
        <Section title={intl.formatMessage({ id: "research.section.history" })}>
          <History entries={application.auditTrail} />
        </Section>
      )}
    </Stack>
  );
}
