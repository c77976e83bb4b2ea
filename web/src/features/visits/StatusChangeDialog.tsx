import { Text, Textarea } from "@mantine/core";
import { useIntl } from "react-intl";

import type { Problem } from "../../errors/problem";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { useFieldError } from "../../ui/FieldMessage";

interface Props {
  title: string;
  /** The visit in words (dates, host). */
  description: string;
  noteLabel: string;
  noteRequired: boolean;
  note: string;
  onNoteChange: (note: string) => void;
  confirmLabel: string;
  busy: boolean;
  problem: Problem | null;
  /** A required note left empty, found before sending. */
  noteMissing: boolean;
  onConfirm: () => void;
  onReload: () => void;
  onClose: () => void;
}

/** Confirmation of a visit's completion or cancellation, with a note. */
export function StatusChangeDialog(props: Props) {
  const intl = useIntl();
  const fieldError = useFieldError(props.problem);
  const noteError =
    fieldError("note") ??
    (props.noteMissing ? intl.formatMessage({ id: "visits.error.noteRequired" }) : undefined);
  return (
    <ConfirmDialog
      title={props.title}
      opened
      onClose={props.onClose}
      onConfirm={props.onConfirm}
      confirmLabel={props.confirmLabel}
      cancelLabel={intl.formatMessage({ id: "common.close" })}
      busy={props.busy}
      problem={props.problem}
      onReload={props.onReload}
      fields={["note"]}
      centered
    >
      <Text size="sm">{props.description}</Text>
      <Textarea
        label={props.noteLabel}
        required={props.noteRequired}
        value={props.note}
        onChange={(event) => props.onNoteChange(event.currentTarget.value)}
        error={noteError}
        autosize
        minRows={2}
        maxLength={1000}
        data-autofocus
      />
    </ConfirmDialog>
  );
}
