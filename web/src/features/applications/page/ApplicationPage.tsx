import { Alert, Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { Link, useLocation, useParams } from "react-router";

import { problemOf } from "../../../errors/problem";
import { submittedFrom } from "../../../ui/navigationState";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { RecordUnavailable } from "../../../ui/RecordUnavailable";
import { Section } from "../../../ui/Section";
import { StatusBadge } from "../common/StatusBadge";
import { ActionsPanel } from "./ActionsPanel";
import { AuditTrail } from "./AuditTrail";
import { BudgetView } from "./BudgetView";
import { DecisionView } from "./DecisionView";
import { DetailsView } from "./DetailsView";
import { GrantView } from "./GrantView";
import { APPLICATION_PAGE } from "./operations";
import { ResultsChainView } from "./ResultsChainView";

/** `/applications/:id`: the application read-only, its decision, grant and history. */
export default function ApplicationPage() {
  const { id = "" } = useParams();
  const intl = useIntl();
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(APPLICATION_PAGE, { variables: { id } });
  const [submitted, setSubmitted] = useState(() => submittedFrom(location.state));
  const application = data?.application ?? null;

  if (application === null) {
    return (
      <RecordUnavailable
        loading={loading}
        error={error}
        titleId="applications.page.title"
        onRetry={() => void refetch()}
      />
    );
  }

  const reload = async () => {
    await refetch();
  };
  const approved =
    application.status === "APPROVED" || application.status === "APPROVED_WITH_CONDITIONS";

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{application.title}</Title>
        <Group gap="sm">
          <Text fw={700}>
            {application.caseNumber ?? intl.formatMessage({ id: "applications.noCaseNumber" })}
          </Text>
          <StatusBadge status={application.status} />
        </Group>
        {application.partnership && (
          <Text>
            <Anchor component={Link} to={`/partnerships/${application.partnershipId}`}>
              {application.partnership.title}
            </Anchor>
          </Text>
        )}
      </Stack>
      {submitted !== undefined && (
        <Alert
          color="green"
          role="status"
          title={intl.formatMessage({ id: "applications.page.submittedTitle" })}
        >
          <FormattedMessage
            id="applications.page.submitted"
            values={{ caseNumber: submitted ?? application.caseNumber ?? "—" }}
          />
        </Alert>
      )}
      {error && <ProblemAlert problem={problemOf(error)} onRetry={() => void refetch()} />}
      <ActionsPanel application={application} onReload={reload} onSubmitted={setSubmitted} />
      <Section title={intl.formatMessage({ id: "applications.section.details" })}>
        <DetailsView application={application} />
      </Section>
      {application.decision && (
        <Section title={intl.formatMessage({ id: "applications.section.decision" })}>
          <DecisionView decision={application.decision} requested={application.requestedBudget} />
        </Section>
      )}
      {approved && (
        <Section title={intl.formatMessage({ id: "applications.section.grant" })}>
          <GrantView application={application} partnershipId={application.partnershipId} />
        </Section>
      )}
      <Section title={intl.formatMessage({ id: "applications.section.resultsChain" })}>
        <ResultsChainView chain={application.resultsChain} />
      </Section>
      <Section title={intl.formatMessage({ id: "applications.section.budget" })}>
        <BudgetView lines={application.requestedBudget} />
      </Section>
      <Section title={intl.formatMessage({ id: "applications.section.audit" })}>
        <AuditTrail entries={application.auditTrail} />
      </Section>
    </Stack>
  );
}
