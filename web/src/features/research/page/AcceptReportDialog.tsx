import { Text } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { FormattedMessage, useIntl } from "react-intl";

import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useSaving } from "../../../ui/useSaving";
import { forgetResearchLists } from "../common/cache";
import { ACCEPT_REPORT } from "./operations";

interface Props {
  application: { id: string; version: number };
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

/**
 * An officer accepts a funded project's final report: the application becomes reported, and
 * finance may then approve the grant's final payment.
 */
export function AcceptReportDialog({ application, opened, onClose, onReload }: Props) {
  const intl = useIntl();
  const { problem, attempt, recover } = useSaving();
  const [accept, accepting] = useMutation(ACCEPT_REPORT);

  const confirm = () =>
    attempt(async () => {
      await accept({
        variables: { input: { id: application.id, version: application.version } },
        update: forgetResearchLists,
      });
      onClose();
    });

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: "research.acceptReport.title" })}
      opened={opened}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmLabel={intl.formatMessage({ id: "research.acceptReport.confirm" })}
      busy={accepting.loading}
      problem={problem}
      onReload={() => void recover(onReload)}
      fields={[]}
    >
      <Text size="sm">
        <FormattedMessage id="research.acceptReport.hint" />
      </Text>
    </ConfirmDialog>
  );
}
