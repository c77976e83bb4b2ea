import { Button, Group, Modal, Stack } from "@mantine/core";
import type { ReactNode, SyntheticEvent } from "react";
import { useIntl } from "react-intl";

import type { Problem } from "../../../errors/problem";
import { ProblemAlert } from "../../../ui/ProblemAlert";

interface Props {
  title: string;
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  confirmLabel: string;
  busy: boolean;
  /** What went wrong with the last attempt. */
  problem: Problem | null;
  onReload: () => void;
  /** The fields the dialog shows refusals at; a refusal of any other shows above the buttons. */
  fields: readonly string[];
  children: ReactNode;
}

/** A dialog for one step of an application's life: its inputs, what went wrong, confirm. */
export function ActionDialog(props: Props) {
  const intl = useIntl();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    props.onConfirm();
  };
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      size="lg"
      closeButtonProps={{ "aria-label": intl.formatMessage({ id: "common.close" }) }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {props.children}
          {props.problem !== null &&
            !(props.problem.kind === "field" && props.fields.includes(props.problem.field)) && (
            <ProblemAlert
              problem={props.problem}
              onRetry={props.onConfirm}
              onReload={props.onReload}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {intl.formatMessage({ id: "common.cancel" })}
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
