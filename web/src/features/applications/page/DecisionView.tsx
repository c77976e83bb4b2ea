import { Stack, Text, Title } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { ApplicationDetail_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { TermList } from "../../../ui/TermList";
import { BudgetView } from "./BudgetView";

type Decision = NonNullable<ApplicationDetail_ApplicationFragment["decision"]>;
type Lines = ApplicationDetail_ApplicationFragment["requestedBudget"];

function sameLines(a: Lines, b: Lines): boolean {
  const key = (l: Lines[number]) => `${l.year}|${l.category}|${l.amount.amount}`;
  return a.length === b.length && a.map(key).join() === b.map(key).join();
}

/** ICLD's decision: the outcome (in the status's words), conditions, who and when, the money. */
export function DecisionView({ decision, requested }: { decision: Decision; requested: Lines }) {
  const intl = useIntl();
  const format = useFormat();
  const adjusted =
    decision.outcome !== "REJECTED" && !sameLines(decision.approvedBudget, requested);
  const rows: [string, string][] = [
    [
      intl.formatMessage({ id: "applications.decision.outcome" }),
      format.enumValue("ApplicationStatus", decision.outcome),
    ],
    [
      intl.formatMessage({ id: "applications.decision.decided" }),
      intl.formatMessage(
        { id: "applications.decision.byAt" },
        { actor: decision.decidedBy, at: format.dateTime(decision.decidedAt) },
      ),
    ],
  ];
  if (decision.outcome !== "REJECTED") {
    rows.push([
      intl.formatMessage({ id: "applications.decision.approvedTotal" }),
      format.money(decision.approvedTotal),
    ]);
  }
  return (
    <Stack gap="sm">
      <TermList terms={rows} cols={{ base: 1, sm: 3 }} />
      {decision.conditions && (
        <div>
          <Title order={3} size="h4">
            <FormattedMessage id="applications.decision.conditions" />
          </Title>
          <Text style={{ whiteSpace: "pre-wrap" }}>{decision.conditions}</Text>
        </div>
      )}
      {adjusted && (
        <div>
          <Title order={3} size="h4">
            <FormattedMessage id="applications.decision.approvedBudget" />
          </Title>
          <BudgetView lines={decision.approvedBudget} />
        </div>
      )}
    </Stack>
  );
}
