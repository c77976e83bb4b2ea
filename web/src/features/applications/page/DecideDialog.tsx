import { Radio, Stack, Textarea } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useIntl } from "react-intl";

import type { DecisionOutcome } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useFieldError } from "../../../ui/FieldMessage";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { forgetApplicationLists, forgetPartnershipGrants } from "../common/cache";
import { DECISION_OUTCOMES, isDecisionOutcome } from "../common/enums";
import { MAX_LENGTH } from "../common/rules";
import { DECIDE_APPLICATION } from "./operations";

interface Props {
  application: { id: string; version: number; partnershipId: string };
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<void>;
}

/**
 * An officer's decision on an eligible application: approve (the requested budget), approve
 * with conditions (stated), or reject. Finance opens the grant of an approval.
 */
export function DecideDialog({ application, opened, onClose, onReload }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const [input, setInput, clear] = usePersistentState(`applications.decide.${application.id}`, {
    outcome: "APPROVED" as DecisionOutcome,
    conditions: "",
    note: "",
  });
  const [attempted, setAttempted] = useState(false);
  const { problem, attempt, recover } = useSaving();
  const [decide, { loading }] = useMutation(DECIDE_APPLICATION);
  const fieldError = useFieldError(problem);
  const withConditions = input.outcome === "APPROVED_WITH_CONDITIONS";
  const conditionsMissing = attempted && withConditions && input.conditions.trim() === "";

  const confirm = async () => {
    setAttempted(true);
    await attempt(async () => {
      if (withConditions && input.conditions.trim() === "") return;
      await decide({
        variables: {
          input: {
            id: application.id,
            version: application.version,
            outcome: input.outcome,
            // Only an approval with conditions has conditions (the API refuses them elsewhere).
            conditions: withConditions ? input.conditions.trim() : null,
            note: input.note.trim() || null,
          },
        },
        update: (cache) => {
          forgetApplicationLists(cache, application.partnershipId);
          forgetPartnershipGrants(cache, application.partnershipId);
        },
      });
      clear();
      setAttempted(false);
      onClose();
    });
  };

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: "applications.decide.title" })}
      opened={opened}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmLabel={intl.formatMessage({ id: "applications.decide.confirm" })}
      busy={loading}
      problem={problem}
      onReload={() => void recover(onReload)}
      fields={["conditions", "note"]}
      size="lg"
    >
      <Radio.Group
        label={intl.formatMessage({ id: "applications.decide.outcome" })}
        value={input.outcome}
        onChange={(value) => {
          if (isDecisionOutcome(value)) setInput((previous) => ({ ...previous, outcome: value }));
        }}
        required
      >
        <Stack gap="xs" mt="xs">
          {DECISION_OUTCOMES.map((o) => (
            <Radio key={o} value={o} label={format.enumValue("DecisionOutcome", o)} />
          ))}
        </Stack>
      </Radio.Group>
      {withConditions && (
        <Textarea
          label={intl.formatMessage({ id: "applications.decide.conditions" })}
          value={input.conditions}
          onChange={(event) => {
            const conditions = event.currentTarget.value;
            setInput((previous) => ({ ...previous, conditions }));
          }}
          error={
            conditionsMissing
              ? intl.formatMessage({ id: "common.required" })
              : fieldError("conditions")
          }
          required
          autosize
          minRows={3}
          maxLength={MAX_LENGTH.conditions}
        />
      )}
      <Textarea
        label={intl.formatMessage({ id: "applications.decide.note" })}
        value={input.note}
        onChange={(event) => {
          const note = event.currentTarget.value;
          setInput((previous) => ({ ...previous, note }));
        }}
        error={fieldError("note")}
        autosize
        minRows={2}
        maxLength={MAX_LENGTH.note}
      />
    </ConfirmDialog>
  );
}
