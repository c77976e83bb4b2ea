import { Alert, List, Stack, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { ResearchDetail_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { TermList } from "../../../ui/TermList";
import { fromMinor, minorOf } from "../../applications/common/money";

/** The screening's reasons, the decision and the feedback officers released. */
export function OutcomeView({ application }: { application: ResearchDetail_ApplicationFragment }) {
  const intl = useIntl();
  const format = useFormat();
  const { decision } = application;
  return (
    <Stack gap="md">
      {application.status === "INELIGIBLE" && (
        <Stack gap={4}>
          <Text fw={700}>
            <FormattedMessage id="research.outcome.ineligible" />
          </Text>
          <List>
            {application.ineligibleReasons.map((reason, i) => (
              <List.Item key={i}>{reason}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      {decision && (
        <TermList
          cols={{ base: 1, sm: 3 }}
          terms={[
            [
              intl.formatMessage({ id: "research.outcome.decision" }),
              format.enumValue("ResearchOutcome", decision.outcome),
            ],
            [intl.formatMessage({ id: "research.outcome.decidedOn" }), format.date(decision.decidedOn)],
            [
              intl.formatMessage({ id: "research.outcome.approvedTotal" }),
              format.money({
                amount: fromMinor(
                  decision.approvedBudget.reduce((sum, l) => sum + minorOf(l.amount.amount), 0n),
                ),
                currency: decision.maxAmount.currency,
              }),
            ],
          ]}
        />
      )}
      {application.feedback ? (
        <Alert
          color="blue"
          role="note"
          title={intl.formatMessage({ id: "research.outcome.feedback" })}
        >
          <Text style={{ whiteSpace: "pre-line" }}>{application.feedback}</Text>
        </Alert>
      ) : (
        decision && (
          <Text size="sm" c="gray.7">
            <FormattedMessage id="research.outcome.noFeedback" />
          </Text>
        )
      )}
    </Stack>
  );
}
