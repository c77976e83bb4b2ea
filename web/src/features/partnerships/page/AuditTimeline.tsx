import { useIntl } from "react-intl";

import { graphql } from "../../../gql";
import type { AuditTimeline_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import {
  AuditTimeline as SharedAuditTimeline,
  type AuditEntry,
} from "../../../ui/AuditTimeline";
import { Section } from "../../../ui/Section";
import { isPartnershipStatus } from "../common/enums";

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

/** Who changed what in the partnership and when, newest first. */
export function AuditTimeline({ partnership }: { partnership: AuditTimeline_PartnershipFragment }) {
  const intl = useIntl();
  const format = useFormat();
  const status = (value: string) => {
    const upper = value.toUpperCase();
    return isPartnershipStatus(upper) ? format.enumValue("PartnershipStatus", upper) : value;
  };
  // The steering-group note is the platform's own English ("6 members"); notes of status
  // changes are what a user typed.
  const note = ({ action, note }: AuditEntry) => {
    if (!note) return null;
    const members = action === "steering group changed" ? /^(\d+) members$/.exec(note) : null;
    return members
      ? intl.formatMessage({ id: "partnerships.audit.members" }, { count: Number(members[1]) })
      : note;
  };
  return (
    <Section title={intl.formatMessage({ id: "partnerships.page.audit" })}>
      <SharedAuditTimeline
        entries={partnership.auditTrail}
        actions={ACTIONS}
        status={status}
        note={note}
      />
    </Section>
  );
}
