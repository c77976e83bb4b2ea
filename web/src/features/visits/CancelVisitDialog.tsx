import { useMutation } from "@apollo/client/react";
import { useIntl } from "react-intl";

import type { VisitsSection_VisitFragment } from "../../gql/graphql";
import { CANCEL_VISIT } from "./operations";
import { StatusChangeDialog } from "./StatusChangeDialog";
import { useStatusChange } from "./useStatusChange";

interface Props {
  visit: VisitsSection_VisitFragment;
  description: string;
  onClose: () => void;
}

/** The visit will not take place; the API asks why. */
export function CancelVisitDialog({ visit, description, onClose }: Props) {
  const intl = useIntl();
  const [cancel] = useMutation(CANCEL_VISIT);
  const change = useStatusChange({
    visit,
    kind: "cancel",
    noteRequired: true,
    send: ({ id, version, note }, year) =>
      cancel({ variables: { input: { id, version, note }, year } }),
    onDone: onClose,
  });
  return (
    <StatusChangeDialog
      title={intl.formatMessage({ id: "visits.cancel.title" })}
      description={description}
      noteLabel={intl.formatMessage({ id: "visits.cancel.note" })}
      noteRequired
      note={change.note}
      onNoteChange={change.setNote}
      noteMissing={change.noteMissing}
      confirmLabel={intl.formatMessage({ id: "visits.action.cancel" })}
      busy={change.busy}
      problem={change.problem}
      onConfirm={change.confirm}
      onReload={change.reload}
      onClose={onClose}
    />
  );
}
