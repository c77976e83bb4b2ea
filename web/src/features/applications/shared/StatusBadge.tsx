import { Badge } from "@mantine/core";

import type { ApplicationStatus } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";

const COLOURS: Record<ApplicationStatus, string> = {
  DRAFT: "gray",
  SUBMITTED: "blue",
  RETURNED: "orange",
  ELIGIBLE: "cyan",
  INELIGIBLE: "red",
  APPROVED: "green",
  APPROVED_WITH_CONDITIONS: "teal",
  REJECTED: "red",
};

/** The status in words; the colour only repeats it. */
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const format = useFormat();
  return (
    <Badge color={COLOURS[status]} variant="light" autoContrast>
      {format.enumValue("ApplicationStatus", status)}
    </Badge>
  );
}
