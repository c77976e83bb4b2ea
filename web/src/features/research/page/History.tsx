import { useFormat } from "../../../i18n/format";
import { AuditTimeline, type AuditEntry } from "../../../ui/AuditTimeline";
import { isResearchStatus } from "../common/enums";

/** The actions services/training/domain/research_*.py record, by catalogue key. */
const ACTIONS: Record<string, string> = {
  drafted: "research.audit.drafted",
  edited: "research.audit.edited",
  submitted: "research.audit.submitted",
  screened: "research.audit.screened",
  "sent to review": "research.audit.sentToReview",
  "reviewer assigned": "research.audit.reviewerAssigned",
  "conflict of interest declared": "research.audit.conflictDeclared",
  reviewed: "research.audit.reviewed",
  ranked: "research.audit.ranked",
  decided: "research.audit.decided",
  "feedback released": "research.audit.feedbackReleased",
  "final report accepted": "research.audit.reportAccepted",
};

const QUIET_NOTES = new Set([
  "edited",
  "reviewer assigned",
  "conflict of interest declared",
  "reviewed",
]);

/** Who did what to the application and when, newest first. */
export function History({ entries }: { entries: readonly AuditEntry[] }) {
  const format = useFormat();
  const status = (value: string) => {
    const upper = value.toUpperCase();
    return isResearchStatus(upper) ? format.enumValue("ResearchStatus", upper) : value;
  };
  // Reviewer ids and edited fields are the platform's terms; a screening's reasons are read.
  const note = (entry: AuditEntry) =>
    entry.note && !QUIET_NOTES.has(entry.action) ? entry.note : null;
  return <AuditTimeline entries={entries} actions={ACTIONS} status={status} note={note} />;
}
