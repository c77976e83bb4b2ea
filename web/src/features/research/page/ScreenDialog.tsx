import { Radio, Stack, Text, Textarea } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";

import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useFieldError } from "../../../ui/FieldMessage";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { forgetResearchLists } from "../common/cache";
import { SCREEN_RESEARCH } from "./operations";

interface Props {
  application: { id: string; version: number };
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

/**
 * An officer's screening: eligible, or ineligible with reasons. The platform adds the call's
 * rules the application fails (degree, university, ethical approval) to the reasons.
 */
export function ScreenDialog({ application, opened, onClose, onReload }: Props) {
  const intl = useIntl();
  const [input, setInput, clear] = usePersistentState(`research.screen.${application.id}`, {
    eligible: true,
    reasons: "",
  });
  const [attempted, setAttempted] = useState(false);
  const { problem, attempt, recover } = useSaving();
  const [screen, screening] = useMutation(SCREEN_RESEARCH);
  const fieldError = useFieldError(problem);
  const reasons = input.reasons
    .split("\n")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  const reasonsMissing = attempted && !input.eligible && reasons.length === 0;

  const confirm = () =>
    attempt(async () => {
      setAttempted(true);
      if (!input.eligible && reasons.length === 0) return;
      await screen({
        variables: {
          input: {
            id: application.id,
            version: application.version,
            reasons: input.eligible ? [] : reasons,
          },
        },
        update: forgetResearchLists,
      });
      clear();
      setAttempted(false);
      onClose();
    });

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: "research.screen.title" })}
      opened={opened}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmLabel={intl.formatMessage({ id: "research.screen.confirm" })}
      busy={screening.loading}
      problem={problem}
      onReload={() => void recover(onReload)}
      fields={["reasons"]}
      size="lg"
    >
      <Text size="sm">
        <FormattedMessage id="research.screen.rules" />
      </Text>
      <Radio.Group
        label={intl.formatMessage({ id: "research.screen.outcome" })}
        value={input.eligible ? "ELIGIBLE" : "INELIGIBLE"}
        onChange={(value) => setInput((previous) => ({ ...previous, eligible: value === "ELIGIBLE" }))}
        required
      >
        <Stack gap="xs" mt="xs">
          <Radio value="ELIGIBLE" label={intl.formatMessage({ id: "research.screen.eligible" })} />
          <Radio
            value="INELIGIBLE"
            label={intl.formatMessage({ id: "research.screen.ineligible" })}
          />
        </Stack>
      </Radio.Group>
      {!input.eligible && (
        <Textarea
          label={intl.formatMessage({ id: "research.screen.reasons" })}
          description={intl.formatMessage({ id: "research.screen.reasonsHint" })}
          value={input.reasons}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setInput((previous) => ({ ...previous, reasons: value }));
          }}
          error={
            reasonsMissing ? intl.formatMessage({ id: "common.required" }) : fieldError("reasons")
          }
          required
          autosize
          minRows={3}
        />
      )}
    </ConfirmDialog>
  );
}
