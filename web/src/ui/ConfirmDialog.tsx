import { Button, Group, Modal, Stack, type ModalProps } from "@mantine/core";
import type { ReactNode, SyntheticEvent } from "react";
import { useIntl } from "react-intl";

import { fieldProblem, type Problem } from "../errors/problem";
import { ProblemAlert } from "./ProblemAlert";

interface Props {
  title: string;
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  confirmLabel: string;
  /** The dismissing button's words; "Cancel" unless given. */
  cancelLabel?: string;
  busy: boolean;
  /** What went wrong with the last attempt. */
  problem: Problem | null;
  onReload: () => void;
  /** The fields the dialog shows refusals at; a refusal of any other shows above the buttons. */
  fields: readonly string[];
  size?: ModalProps["size"];
  centered?: boolean;
  children: ReactNode;
}

/** A modal form that confirms one action: its inputs, what went wrong, confirm or dismiss. */
export function ConfirmDialog(props: Props) {
  const intl = useIntl();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    props.onConfirm();
  };
  const shownAtField = fieldProblem(props.problem, ...props.fields) !== null;
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      size={props.size}
      centered={props.centered}
      closeButtonProps={{ "aria-label": intl.formatMessage({ id: "common.close" }) }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {props.children}
          {props.problem !== null && !shownAtField && (
            <ProblemAlert
              problem={props.problem}
              onRetry={props.onConfirm}
              onReload={props.onReload}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {props.cancelLabel ?? intl.formatMessage({ id: "common.cancel" })}
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
