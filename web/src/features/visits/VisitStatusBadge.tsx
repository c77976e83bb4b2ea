import { Badge } from "@mantine/core";

import type { VisitStatus } from "../../gql/graphql";
import { useFormat } from "../../i18n/format";

// Dark shades: white text on them keeps WCAG AA contrast; the word carries the meaning.
const COLOURS: Record<VisitStatus, string> = {
  PLANNED: "icld.8",
  COMPLETED: "teal.9",
  CANCELLED: "gray.7",
};

export function VisitStatusBadge({ status }: { status: VisitStatus }) {
  const format = useFormat();
  return (
    <Badge color={COLOURS[status]} variant="filled" style={{ flexShrink: 0 }}>
      {format.enumValue("VisitStatus", status)}
    </Badge>
  );
}
