import { Radio, Stack } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useIntl } from "react-intl";

import { useFormat } from "../../../i18n/format";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useSaving } from "../../../ui/useSaving";
import { forgetResearchLists } from "../common/cache";
import { DECIDE_WAITLISTED } from "./operations";

interface Props {
  application: { id: string; version: number };
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

/** A waitlisted application approved when money frees up, or rejected when none does. */
export function WaitlistDialog({ application, opened, onClose, onReload }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const [outcome, setOutcome] = useState<"APPROVED" | "REJECTED">("APPROVED");
  const { problem, attempt, recover } = useSaving();
  const [decide, deciding] = useMutation(DECIDE_WAITLISTED);

  const confirm = () =>
    attempt(async () => {
      await decide({
        variables: { input: { id: application.id, version: application.version, outcome } },
        update: forgetResearchLists,
      });
      onClose();
    });

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: "research.waitlist.title" })}
      opened={opened}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmLabel={intl.formatMessage({ id: "research.waitlist.confirm" })}
      busy={deciding.loading}
      problem={problem}
      onReload={() => void recover(onReload)}
      fields={[]}
    >
      <Radio.Group
        label={intl.formatMessage({ id: "research.outcome.decision" })}
        value={outcome}
        onChange={(value) => setOutcome(value === "REJECTED" ? "REJECTED" : "APPROVED")}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="APPROVED" label={format.enumValue("ResearchOutcome", "APPROVED")} />
          <Radio value="REJECTED" label={format.enumValue("ResearchOutcome", "REJECTED")} />
        </Stack>
      </Radio.Group>
    </ConfirmDialog>
  );
}
