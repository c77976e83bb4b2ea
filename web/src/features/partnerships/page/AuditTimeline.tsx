import { Text, Timeline } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import { graphql } from "../../../gql";
import type { AuditTimeline_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { isPartnershipStatus } from "../shared/enums";
import { Section } from "../shared/Section";

graphql(`
  fragment AuditTimeline_partnership on Partnership {
    id
    auditTrail {
      at
      actor
      action
      fromStatus
      toStatus
      note
      version
    }
  }
`);

/** The actions services/partnerships/domain/partnership.py records, by their catalogue key. */
const ACTIONS: Record<string, string> = {
  registered: "partnerships.audit.registered",
  "details changed": "partnerships.audit.detailsChanged",
  "status changed": "partnerships.audit.statusChanged",
  "steering group changed": "partnerships.audit.steeringGroupChanged",
};

/** Who changed what and when, newest first. */
export function AuditTimeline({ partnership }: { partnership: AuditTimeline_PartnershipFragment }) {
  const intl = useIntl();
  const format = useFormat();
  const status = (value: string | null | undefined) => {
    const upper = value?.toUpperCase() ?? null;
    return isPartnershipStatus(upper) ? format.enumValue("PartnershipStatus", upper) : value;
  };
  // The steering-group note is the platform's own English ("6 members"); notes of status
  // changes are what a user typed.
  const noteText = (action: string, note: string) => {
    const members = action === "steering group changed" ? /^(\d+) members$/.exec(note) : null;
    return members
      ? intl.formatMessage({ id: "partnerships.audit.members" }, { count: Number(members[1]) })
      : note;
  };
  const entries = [...partnership.auditTrail].reverse();
  return (
    <Section title={intl.formatMessage({ id: "partnerships.page.audit" })}>
      <Timeline bulletSize={14} lineWidth={2} active={entries.length - 1}>
        {entries.map((entry) => {
          const known = ACTIONS[entry.action];
          return (
            <Timeline.Item
              key={`${entry.version}-${entry.at}`}
              title={
                known
                  ? intl.formatMessage({ id: known })
                  : intl.formatMessage({ id: "partnerships.audit.other" }, { action: entry.action })
              }
            >
              {entry.toStatus && (
                <Text size="sm">
                  {entry.fromStatus ? (
                    <FormattedMessage
                      id="partnerships.audit.fromTo"
                      values={{ from: status(entry.fromStatus), to: status(entry.toStatus) }}
                    />
                  ) : (
                    status(entry.toStatus)
                  )}
                </Text>
              )}
              {entry.note && <Text size="sm">{noteText(entry.action, entry.note)}</Text>}
              <Text size="xs" c="gray.7">
                <FormattedMessage
                  id="partnerships.audit.byAt"
                  values={{ actor: entry.actor, at: format.dateTime(entry.at) }}
                />
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Section>
  );
}
