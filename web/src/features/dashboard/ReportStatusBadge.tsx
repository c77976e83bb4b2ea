import { FormattedMessage } from "react-intl";

import type { ReportDeadlineStatus } from "../../gql/graphql";
import { StatusBadge, type Tone } from "./StatusBadge";

const TONES: Record<ReportDeadlineStatus, Tone> = {
  UPCOMING: "neutral",
  DUE: "warning",
  OVERDUE: "danger",
  SUBMITTED: "info",
  APPROVED: "good",
};

export function ReportStatusBadge({ status }: { status: ReportDeadlineStatus }) {
  return (
    <StatusBadge tone={TONES[status]}>
      <FormattedMessage id={`dashboard.reportStatus.${status}`} />
    </StatusBadge>
  );
}
