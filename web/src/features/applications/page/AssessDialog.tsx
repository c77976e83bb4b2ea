import { Radio, Stack, Textarea } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useIntl } from "react-intl";

import { useFormat } from "../../../i18n/format";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useFieldError } from "../../../ui/FieldMessage";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { forgetApplicationLists } from "../common/cache";
import { MAX_LENGTH } from "../common/rules";
import { ASSESS_APPLICATION, RETURN_APPLICATION } from "./operations";

/** Eligible, ineligible (`assessApplication`) or back to the applicants (`returnApplication`). */
type Choice = "ELIGIBLE" | "INELIGIBLE" | "RETURN";
const CHOICES: Choice[] = ["ELIGIBLE", "INELIGIBLE", "RETURN"];

interface Props {
  application: { id: string; version: number; partnershipId: string };
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<void>;
}

/** An officer's assessment of a submitted application. */
export function AssessDialog({ application, opened, onClose, onReload }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const [input, setInput, clear] = usePersistentState(`applications.assess.${application.id}`, {
    choice: "ELIGIBLE" as Choice,
    note: "",
  });
  const [attempted, setAttempted] = useState(false);
  const { problem, attempt, recover } = useSaving();
  const [assess, assessing] = useMutation(ASSESS_APPLICATION);
  const [giveBack, returning] = useMutation(RETURN_APPLICATION);
  const fieldError = useFieldError(problem);
  // A reason is required to find an application ineligible or to return it (the API's rule).
  const noteRequired = input.choice !== "ELIGIBLE";
  const noteMissing = attempted && noteRequired && input.note.trim() === "";

  const confirm = async () => {
    setAttempted(true);
    await attempt(async () => {
      if (noteRequired && input.note.trim() === "") return;
      const note = input.note.trim() || null;
      const update = (cache: Parameters<typeof forgetApplicationLists>[0]) =>
        forgetApplicationLists(cache, application.partnershipId);
      if (input.choice === "RETURN") {
        await giveBack({
          variables: {
            input: { id: application.id, version: application.version, note: note ?? "" },
          },
          update,
        });
      } else {
        await assess({
          variables: {
            input: {
              id: application.id,
              version: application.version,
              outcome: input.choice,
              note,
            },
          },
          update,
        });
      }
      clear();
      setAttempted(false);
      onClose();
    });
  };

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: "applications.assess.title" })}
      opened={opened}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmLabel={intl.formatMessage({ id: "applications.assess.confirm" })}
      busy={assessing.loading || returning.loading}
      problem={problem}
      onReload={() => void recover(onReload)}
      fields={["note"]}
      size="lg"
    >
      <Radio.Group
        label={intl.formatMessage({ id: "applications.assess.outcome" })}
        value={input.choice}
        onChange={(value) => {
          const choice = CHOICES.find((c) => c === value);
          if (choice) setInput((previous) => ({ ...previous, choice }));
        }}
        required
      >
        <Stack gap="xs" mt="xs">
          <Radio value="ELIGIBLE" label={format.enumValue("Eligibility", "ELIGIBLE")} />
          <Radio value="INELIGIBLE" label={format.enumValue("Eligibility", "INELIGIBLE")} />
          <Radio value="RETURN" label={intl.formatMessage({ id: "applications.assess.return" })} />
        </Stack>
      </Radio.Group>
      <Textarea
        label={intl.formatMessage({
          id:
            input.choice === "RETURN" ? "applications.assess.correct" : "applications.assess.note",
        })}
        description={
          input.choice === "INELIGIBLE"
            ? intl.formatMessage({ id: "applications.assess.whyIneligible" })
            : undefined
        }
        value={input.note}
        onChange={(event) => {
          const note = event.currentTarget.value;
          setInput((previous) => ({ ...previous, note }));
        }}
        error={
          noteMissing ? intl.formatMessage({ id: "common.required" }) : fieldError("note")
        }
        required={noteRequired}
        autosize
        minRows={3}
        maxLength={MAX_LENGTH.note}
      />
    </ConfirmDialog>
  );
}
