import { Textarea } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useIntl } from "react-intl";

import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useFieldError } from "../../../ui/FieldMessage";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { RELEASE_FEEDBACK } from "./operations";

interface Props {
  application: { id: string; version: number; feedback?: string | null };
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

/** Officers release feedback to the applicants with the decision (the reviews stay inside). */
export function FeedbackDialog({ application, opened, onClose, onReload }: Props) {
  const intl = useIntl();
  const [feedback, setFeedback, clear] = usePersistentState(
    `research.feedback.${application.id}`,
    application.feedback ?? "",
  );
  const [attempted, setAttempted] = useState(false);
  const { problem, attempt, recover } = useSaving();
  const [release, releasing] = useMutation(RELEASE_FEEDBACK);
  const fieldError = useFieldError(problem);

  const confirm = () =>
    attempt(async () => {
      setAttempted(true);
      if (feedback.trim() === "") return;
      await release({
        variables: {
          input: { id: application.id, version: application.version, feedback: feedback.trim() },
        },
      });
      clear();
      setAttempted(false);
      onClose();
    });

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: "research.feedback.title" })}
      opened={opened}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmLabel={intl.formatMessage({ id: "research.feedback.confirm" })}
      busy={releasing.loading}
      problem={problem}
      onReload={() => void recover(onReload)}
      fields={["feedback"]}
      size="lg"
    >
      <Textarea
        label={intl.formatMessage({ id: "research.feedback.label" })}
        description={intl.formatMessage({ id: "research.feedback.hint" })}
        value={feedback}
        onChange={(event) => setFeedback(event.currentTarget.value)}
        error={
          attempted && feedback.trim() === ""
            ? intl.formatMessage({ id: "common.required" })
            : fieldError("feedback")
        }
        required
        autosize
        minRows={4}
        maxLength={4000}
      />
    </ConfirmDialog>
  );
}
