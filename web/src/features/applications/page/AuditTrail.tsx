import { Text, Timeline } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { ApplicationDetail_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { isApplicationStatus } from "../shared/enums";

type Entry = ApplicationDetail_ApplicationFragment["auditTrail"][number];

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

/** Who did what and when, newest first. */
export function AuditTrail({ entries }: { entries: readonly Entry[] }) {
  const intl = useIntl();
  const format = useFormat();
  const status = (value: string | null | undefined) => {
    const upper = value?.toUpperCase() ?? null;
    return isApplicationStatus(upper) ? format.enumValue("ApplicationStatus", upper) : value;
  };
  // An edit's note lists the changed fields in the platform's terms; other notes are what a
  // person typed.
  const note = (entry: Entry) => {
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
  const newestFirst = [...entries].reverse();
  return (
    <Timeline bulletSize={14} lineWidth={2} active={newestFirst.length - 1}>
      {newestFirst.map((entry) => {
        const known = ACTIONS[entry.action];
        const text = note(entry);
        return (
          <Timeline.Item
            key={`${entry.version}-${entry.at}`}
            title={
              known
                ? intl.formatMessage({ id: known })
                : intl.formatMessage({ id: "applications.audit.other" }, { action: entry.action })
            }
          >
            {entry.toStatus && (
              <Text size="sm">
                {entry.fromStatus ? (
                  <FormattedMessage
                    id="applications.audit.fromTo"
                    values={{ from: status(entry.fromStatus), to: status(entry.toStatus) }}
                  />
                ) : (
                  status(entry.toStatus)
                )}
              </Text>
            )}
            {text && (
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {text}
              </Text>
            )}
            <Text size="xs" c="gray.7">
              <FormattedMessage
                id="applications.audit.byAt"
                values={{ actor: entry.actor, at: format.dateTime(entry.at) }}
              />
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
