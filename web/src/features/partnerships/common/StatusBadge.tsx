import { Badge } from "@mantine/core";

import type { PartnershipStatus } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";

const COLOURS: Record<PartnershipStatus, string> = {
  ACTIVE: "green",
  DORMANT: "yellow",
  CLOSED: "gray",
};

/** The status in words; the colour only repeats it ("dot": the text keeps full contrast). */
export function StatusBadge({ status }: { status: PartnershipStatus }) {
  const format = useFormat();
  return (
    <Badge color={COLOURS[status]} variant="dot" style={{ flexShrink: 0 }}>
      {format.enumValue("PartnershipStatus", status)}
    </Badge>
  );
}
