import { Button, Group, Modal, NativeSelect, Stack, Textarea } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { useState, type SyntheticEvent } from "react";
import { FormattedMessage, useIntl } from "react-intl";

import { fieldProblem } from "../../../errors/problem";
import { graphql } from "../../../gql";
import type { PartnershipStatus } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { useFieldError } from "../../../ui/FieldMessage";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { forgetPartnershipLists } from "../common/forgetLists";
import { nextStatuses } from "../common/statusTransitions";

const CHANGE_STATUS = graphql(`
  mutation ChangePartnershipStatus($input: ChangePartnershipStatusInput!) {
    changePartnershipStatus(input: $input) {
      partnership {
        id
        version
        status
        closedOn
        ...AuditTimeline_partnership
      }
    }
  }
`);

/** The inputs the API may name in a refusal, each shown at its control. */
const FIELDS = ["status", "note"];

interface Props {
  partnership: { id: string; version: number; status: PartnershipStatus };
  /** Loads the latest version of the partnership (after a conflict). */
  onReload: () => Promise<unknown>;
}

/** Staff move a partnership to another status, with the reason recorded in its audit trail. */
export function StatusChange({ partnership, onReload }: Props) {
  const intl = useIntl();
  const [opened, setOpened] = useState(false);
  if (nextStatuses(partnership.status).length === 0) return null;
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        <FormattedMessage id="partnerships.status.action" />
      </Button>
      {/* The form mounts with the dialog: a change saved and cleared starts afresh next time. */}
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={intl.formatMessage({ id: "partnerships.status.title" })}
        closeButtonProps={{ "aria-label": intl.formatMessage({ id: "common.close" }) }}
      >
        <StatusForm
          partnership={partnership}
          onReload={onReload}
          onClose={() => setOpened(false)}
        />
      </Modal>
    </>
  );
}

function StatusForm({ partnership, onReload, onClose }: Props & { onClose: () => void }) {
  const intl = useIntl();
  const format = useFormat();
  const choices = nextStatuses(partnership.status);
  const [input, setInput, clear] = usePersistentState(`partnerships.status.${partnership.id}`, {
    status: choices[0] ?? "",
    note: "",
  });
  const { problem, attempt, recover } = useSaving();
  const fieldError = useFieldError(problem);
  const [change, { loading }] = useMutation(CHANGE_STATUS, { update: forgetPartnershipLists });
  const target = choices.find((s) => s === input.status) ?? choices[0];

  const save = async () => {
    if (target === undefined) return;
    await attempt(async () => {
      await change({
        variables: {
          input: {
            id: partnership.id,
            version: partnership.version,
            status: target,
            note: input.note.trim() || null,
          },
        },
      });
      clear();
      onClose();
    });
  };

  return (
    <form
      onSubmit={(event: SyntheticEvent) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack>
        <NativeSelect
          label={intl.formatMessage({ id: "partnerships.status.to" })}
          description={intl.formatMessage(
            { id: "partnerships.status.from" },
            { status: format.enumValue("PartnershipStatus", partnership.status) },
          )}
          value={target}
          onChange={(event) => setInput({ ...input, status: event.currentTarget.value })}
          data={choices.map((s) => ({ value: s, label: format.enumValue("PartnershipStatus", s) }))}
          error={fieldError("status")}
        />
        <Textarea
          label={intl.formatMessage({ id: "partnerships.status.note" })}
          description={intl.formatMessage({ id: "partnerships.status.noteHint" })}
          value={input.note}
          onChange={(event) => setInput({ ...input, note: event.currentTarget.value })}
          error={fieldError("note")}
          autosize
          minRows={2}
        />
        {fieldProblem(problem, ...FIELDS) === null && (
          <ProblemAlert
            problem={problem}
            onRetry={() => void save()}
            onReload={() => void recover(onReload)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button type="submit" loading={loading}>
            <FormattedMessage id="common.save" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
