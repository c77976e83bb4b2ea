import { Badge } from "@mantine/core";

import type { ApplicationStatus } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";

// Dark shades: white text on them keeps WCAG AA contrast; the word carries the meaning.
const COLOURS: Record<ApplicationStatus, string> = {
  DRAFT: "gray.7",
  SUBMITTED: "icld.8",
  RETURNED: "violet.8",
  ELIGIBLE: "blue.9",
  INELIGIBLE: "red.9",
  APPROVED: "teal.9",
  APPROVED_WITH_CONDITIONS: "cyan.9",
  REJECTED: "red.9",
};

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const format = useFormat();
  return (
    <Badge color={COLOURS[status]} variant="filled" style={{ flexShrink: 0 }}>
      {format.enumValue("ApplicationStatus", status)}
    </Badge>
  );
}
