import { Button, Group, NumberInput, Text } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";

import { useSession } from "../../../auth/AuthContext";
import { isStaff } from "../../../auth/session";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useFieldError } from "../../../ui/FieldMessage";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { useSaving } from "../../../ui/useSaving";
import { forgetResearchLists } from "../common/cache";
import { DECIDE_CALL, RANK_CALL } from "./operations";

interface Props {
  callId: string;
  /** After a ranking or a decision: the screen asks again for what it shows. */
  onChanged: () => Promise<unknown>;
}

/**
 * An officer's actions on a whole call: rank every application in review (from their
 * reviews' scores), then decide from the top of the ranking within the call's budget.
 */
export function CallActions({ callId, onChanged }: Props) {
  const intl = useIntl();
  const { user } = useSession();
  const [deciding, setDeciding] = useState(false);
  const [waitlist, setWaitlist] = useState<string | number>(0);
  const rank = useSaving();
  const decide = useSaving();
  const [rankCall, ranking] = useMutation(RANK_CALL);
  const [decideCall, decision] = useMutation(DECIDE_CALL);
  const fieldError = useFieldError(decide.problem);
  if (!isStaff(user)) return null;

  const runRank = () =>
    rank.attempt(async () => {
      await rankCall({ variables: { input: { callId } }, update: forgetResearchLists });
      await onChanged();
    });
  const runDecide = () =>
    decide.attempt(async () => {
      await decideCall({
        variables: { input: { callId, waitlistSize: Number(waitlist) || 0 } },
        update: forgetResearchLists,
      });
      setDeciding(false);
      await onChanged();
    });

  return (
    <>
      <Group gap="sm">
        <Button variant="default" loading={ranking.loading} onClick={() => void runRank()}>
          <FormattedMessage id="research.call.rank" />
        </Button>
        <Button variant="default" onClick={() => setDeciding(true)}>
          <FormattedMessage id="research.call.decide" />
        </Button>
      </Group>
      <Text size="sm" c="gray.7">
        <FormattedMessage id="research.call.rankHint" />
      </Text>
      <ProblemAlert problem={rank.problem} onRetry={() => void runRank()} />
      <ConfirmDialog
        title={intl.formatMessage({ id: "research.call.decideTitle" })}
        opened={deciding}
        onClose={() => setDeciding(false)}
        onConfirm={() => void runDecide()}
        confirmLabel={intl.formatMessage({ id: "research.call.decideConfirm" })}
        busy={decision.loading}
        problem={decide.problem}
        onReload={() => void decide.recover(onChanged)}
        fields={["waitlistSize"]}
      >
        <Text size="sm">
          <FormattedMessage id="research.call.decideHint" />
        </Text>
        <NumberInput
          label={intl.formatMessage({ id: "research.call.waitlistSize" })}
          min={0}
          max={100}
          allowDecimal={false}
          allowNegative={false}
          value={waitlist}
          onChange={setWaitlist}
          error={fieldError("waitlistSize")}
        />
      </ConfirmDialog>
    </>
  );
}
