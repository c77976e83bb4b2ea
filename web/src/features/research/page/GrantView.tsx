import { useApolloClient } from "@apollo/client/react";
import { useIntl } from "react-intl";

import type { ResearchGrant_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { AwaitedNotice } from "../../../ui/AwaitedNotice";
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
      <AwaitedNotice
        polling={polling}
        onAgain={again}
        waiting="research.grant.opening"
        idle="research.grant.notYet"
        again="research.grant.refresh"
      />
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
