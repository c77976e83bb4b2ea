import { Badge } from "@mantine/core";

import type { ResearchStatus } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";

// Dark shades: white text on them keeps WCAG AA contrast; the word carries the meaning.
const COLOURS: Record<ResearchStatus, string> = {
  DRAFT: "gray.7",
  SUBMITTED: "icld.8",
  ELIGIBLE: "blue.9",
  INELIGIBLE: "red.9",
  IN_REVIEW: "violet.8",
  RANKED: "indigo.9",
  APPROVED: "teal.9",
  REJECTED: "red.9",
  WAITLISTED: "orange.9",
  REPORTED: "cyan.9",
};

export function ResearchStatusBadge({ status }: { status: ResearchStatus }) {
  const format = useFormat();
  return (
    <Badge color={COLOURS[status]} variant="filled" style={{ flexShrink: 0 }}>
      {format.enumValue("ResearchStatus", status)}
    </Badge>
  );
}
