import { Text } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { FormattedMessage, useIntl } from "react-intl";

import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useSaving } from "../../../ui/useSaving";
import { forgetResearchLists } from "../common/cache";
import { SUBMIT_RESEARCH_FROM_PAGE } from "./operations";

interface Props {
  application: { id: string; version: number };
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
  onSubmitted: (caseNumber: string | null) => void;
}

/** Submits a complete draft from its page; the API says what is missing, if anything. */
export function SubmitDialog({ application, opened, onClose, onReload, onSubmitted }: Props) {
  const intl = useIntl();
  const { problem, attempt, recover } = useSaving();
  const [submit, submitting] = useMutation(SUBMIT_RESEARCH_FROM_PAGE);

  const confirm = () =>
    attempt(async () => {
      const result = await submit({
        variables: { input: { id: application.id, version: application.version } },
        update: forgetResearchLists,
      });
      onSubmitted(result.data.submitResearchApplication.application.caseNumber ?? null);
    });

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: "research.submit.title" })}
      opened={opened}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmLabel={intl.formatMessage({ id: "research.submit.action" })}
      busy={submitting.loading}
      problem={problem}
      onReload={() => void recover(onReload)}
      fields={[]}
    >
      <Text size="sm">
        <FormattedMessage id="research.submit.hint" />
      </Text>
    </ConfirmDialog>
  );
}
