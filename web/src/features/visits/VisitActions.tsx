import { Button, Group } from "@mantine/core";
import { useState } from "react";
import { useIntl } from "react-intl";
import { Link } from "react-router";

import type { VisitsSection_VisitFragment } from "../../gql/graphql";
import { CancelVisitDialog } from "./CancelVisitDialog";
import { CompleteVisitDialog } from "./CompleteVisitDialog";
import { todayIso } from "./today";

interface Props {
  visit: VisitsSection_VisitFragment;
  /** The visit in words (dates, host), naming the buttons for screen readers. */
  description: string;
}

/** What may be done with a planned visit; completed and cancelled visits are final. */
export function VisitActions({ visit, description }: Props) {
  const intl = useIntl();
  const [dialog, setDialog] = useState<"complete" | "cancel" | null>(null);
  if (visit.status !== "PLANNED") return null;
  // The API completes a visit once it has started.
  const started = visit.startsOn <= todayIso();
  const label = (id: string) => {
    const action = intl.formatMessage({ id });
    return {
      children: action,
      "aria-label": intl.formatMessage(
        { id: "visits.action.label" },
        { action, visit: description },
      ),
    };
  };
  return (
    <Group gap="xs" wrap="wrap">
      <Button
        component={Link}
        to={`/visits/${visit.id}/edit`}
        size="xs"
        variant="default"
        {...label("common.edit")}
      />
      {started && (
        <Button
          size="xs"
          variant="light"
          onClick={() => setDialog("complete")}
          {...label("visits.action.complete")}
        />
      )}
      <Button
        size="xs"
        variant="default"
        onClick={() => setDialog("cancel")}
        {...label("visits.action.cancel")}
      />
      {dialog === "complete" && (
        <CompleteVisitDialog
          visit={visit}
          description={description}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "cancel" && (
        <CancelVisitDialog
          visit={visit}
          description={description}
          onClose={() => setDialog(null)}
        />
      )}
    </Group>
  );
}
