import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import type { SyntheticEvent } from "react";
import { useIntl } from "react-intl";

import type { Problem } from "../../errors/problem";
import { useFieldError } from "../../ui/FieldMessage";
import { ProblemAlert } from "../../ui/ProblemAlert";

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
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    props.onConfirm();
  };
  const noteError =
    fieldError("note") ??
    (props.noteMissing ? intl.formatMessage({ id: "visits.error.noteRequired" }) : undefined);
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={props.title}
      centered
      closeButtonProps={{ "aria-label": intl.formatMessage({ id: "common.close" }) }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
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
          {props.problem !== null && fieldError("note") === undefined && (
            <ProblemAlert
              problem={props.problem}
              onRetry={props.onConfirm}
              onReload={props.onReload}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {intl.formatMessage({ id: "common.close" })}
            </Button>
            <Button type="submit" loading={props.busy}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
