import { useIntl } from "react-intl";

import { useFormat } from "../../../i18n/format";
import { AuditTimeline, type AuditEntry } from "../../../ui/AuditTimeline";
import { isApplicationStatus } from "../common/enums";

/** The actions services/partnerships/domain/application.py records, by catalogue key. */
const ACTIONS: Record<string, string> = {
  drafted: "applications.audit.drafted",
  edited: "applications.audit.edited",
  submitted: "applications.audit.submitted",
  resubmitted: "applications.audit.resubmitted",
  returned: "applications.audit.returned",
  assessed: "applications.audit.assessed",
  decided: "applications.audit.decided",
};

/** The fields an edit names in its note (the domain's own names), by catalogue key. */
const FIELDS: Record<string, string> = {
  type: "applications.field.type",
  title: "applications.field.title",
  duration_months: "applications.field.durationMonths",
  project_area: "applications.field.projectArea",
  sdgs: "applications.field.sdgs",
  theme: "applications.field.theme",
  results_chain: "applications.section.resultsChain",
  requested_budget: "applications.section.budget",
};

/** Who did what to the application and when, newest first. */
export function AuditTrail({ entries }: { entries: readonly AuditEntry[] }) {
  const intl = useIntl();
  const format = useFormat();
  const status = (value: string) => {
    const upper = value.toUpperCase();
    return isApplicationStatus(upper) ? format.enumValue("ApplicationStatus", upper) : value;
  };
  // An edit's note lists the changed fields in the platform's terms; other notes are what a
  // person typed.
  const note = (entry: AuditEntry) => {
    if (!entry.note) return null;
    if (entry.action !== "edited") return entry.note;
    const names = entry.note.split(", ").map((f) => {
      const id = FIELDS[f];
      return id ? intl.formatMessage({ id }) : f;
    });
    return intl.formatMessage(
      { id: "applications.audit.changed" },
      { fields: intl.formatList(names, { type: "conjunction" }) },
    );
  };
  return <AuditTimeline entries={entries} actions={ACTIONS} status={status} note={note} />;
}
