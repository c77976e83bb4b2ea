import { useMutation } from "@apollo/client/react";
import { useIntl } from "react-intl";

import type { VisitsSection_VisitFragment } from "../../gql/graphql";
import { COMPLETE_VISIT } from "./operations";
import { StatusChangeDialog } from "./StatusChangeDialog";
import { useStatusChange } from "./useStatusChange";

interface Props {
  visit: VisitsSection_VisitFragment;
  description: string;
  onClose: () => void;
}

/** The visit took place: it counts for the year's meetings from now on. */
export function CompleteVisitDialog({ visit, description, onClose }: Props) {
  const intl = useIntl();
  const [complete] = useMutation(COMPLETE_VISIT);
  const change = useStatusChange({
    visit,
    kind: "complete",
    noteRequired: false,
    send: ({ id, version, note }, year) =>
      complete({ variables: { input: { id, version, note: note === "" ? null : note }, year } }),
    onDone: onClose,
  });
  return (
    <StatusChangeDialog
      title={intl.formatMessage({ id: "visits.complete.title" })}
      description={description}
      noteLabel={intl.formatMessage({ id: "visits.complete.note" })}
      noteRequired={false}
      note={change.note}
      onNoteChange={change.setNote}
      noteMissing={change.noteMissing}
      confirmLabel={intl.formatMessage({ id: "visits.action.complete" })}
      busy={change.busy}
      problem={change.problem}
      onConfirm={change.confirm}
      onReload={change.reload}
      onClose={onClose}
    />
  );
}
