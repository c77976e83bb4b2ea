import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useApolloClient } from "@apollo/client/react";
import { FormattedMessage, useIntl } from "react-intl";

import type { ResearchGrant_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { TermList } from "../../../ui/TermList";
import { usePolling } from "../../../ui/usePolling";
import { RESEARCH_GRANT } from "./operations";

/** The research grant finance opened for the approved application, once it is there. */
export function GrantView({ application }: { application: ResearchGrant_ApplicationFragment }) {
  const intl = useIntl();
  const format = useFormat();
  const client = useApolloClient();
  const grant = application.grant ?? null;
  const { polling, again } = usePolling(application.id, grant === null, () =>
    client.query({
      query: RESEARCH_GRANT,
      variables: { id: application.id },
      fetchPolicy: "network-only",
    }),
  );

  if (grant === null) {
    return (
      <Stack gap="xs">
        <Group gap="xs" role="status" aria-live="polite">
          {polling && <Loader size="xs" aria-hidden />}
          <Text size="sm">
            <FormattedMessage id={polling ? "research.grant.opening" : "research.grant.notYet"} />
          </Text>
        </Group>
        {!polling && (
          <Group>
            <Button variant="default" size="xs" onClick={again}>
              <FormattedMessage id="research.grant.refresh" />
            </Button>
          </Group>
        )}
      </Stack>
    );
  }
  const terms: [string, string][] = [
    [intl.formatMessage({ id: "research.grant.caseNumber" }), grant.caseNumber],
    [intl.formatMessage({ id: "research.grant.status" }), format.enumValue("GrantStatus", grant.status)],
    [intl.formatMessage({ id: "research.grant.approvedAmount" }), format.money(grant.approvedAmount)],
  ];
  if (grant.research) {
    terms.push(
      [intl.formatMessage({ id: "research.grant.advance" }), format.money(grant.research.advanceAmount)],
      [intl.formatMessage({ id: "research.grant.final" }), format.money(grant.research.finalAmount)],
      ...grant.research.payments.map((payment): [string, string] => [
        intl.formatMessage(
          { id: "research.grant.payment" },
          { stage: format.enumValue("ResearchPaymentStage", payment.stage) },
        ),
        `${format.money(payment.amount)} · ${format.enumValue("DisbursementStatus", payment.status)}`,
      ]),
    );
  }
  return <TermList terms={terms} cols={{ base: 1, sm: 3 }} />;
}
