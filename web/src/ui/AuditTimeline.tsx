import { Text, Timeline } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import { useFormat } from "../i18n/format";

/** One recorded change, as the services' `auditTrail` fields give it. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
  version: number;
}

interface Props {
  entries: readonly AuditEntry[];
  /** The catalogue key of each action the domain records; others show under their own name. */
  actions: Readonly<Record<string, string>>;
  /** A recorded status (the domain's lower-case value) in the user's words. */
  status: (value: string) => string;
  /** What an entry's note says to a reader, or null for none. */
  note: (entry: AuditEntry) => string | null;
}

/** Who did what and when, newest first. */
export function AuditTimeline({ entries, actions, status, note }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const newestFirst = [...entries].reverse();
  return (
    <Timeline bulletSize={14} lineWidth={2} active={newestFirst.length - 1}>
      {newestFirst.map((entry) => {
        const known = actions[entry.action];
        const text = note(entry);
        return (
          <Timeline.Item
            key={`${entry.version}-${entry.at}`}
            title={
              known
                ? intl.formatMessage({ id: known })
                : intl.formatMessage({ id: "common.audit.other" }, { action: entry.action })
            }
          >
            {entry.toStatus && (
              <Text size="sm">
                {entry.fromStatus ? (
                  <FormattedMessage
                    id="common.audit.fromTo"
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
                id="common.audit.byAt"
                values={{ actor: entry.actor, at: format.dateTime(entry.at) }}
              />
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
