import { List, Text, ThemeIcon } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import { graphql } from "../../../gql";
import type { MeetingCompliance_PartnershipFragment } from "../../../gql/graphql";

// Operation variables in a fragment: the page asks for the current year and the two before.
graphql(`
  fragment MeetingCompliance_partnership on Partnership {
    id
    swedishPartner {
      id
      name
    }
    partners {
      id
      name
    }
    thisYear: meetingCompliance(year: $thisYear) {
      ...MeetingComplianceYear
    }
    lastYear: meetingCompliance(year: $lastYear) {
      ...MeetingComplianceYear
    }
    yearBefore: meetingCompliance(year: $yearBefore) {
      ...MeetingComplianceYear
    }
  }

  fragment MeetingComplianceYear on MeetingCompliance {
    year
    completedVisits
    hostOrganisationIds
    compliant
  }
`);

/**
 * The meeting rule per year (at least two completed visits, hosted by at least two
 * partners), the reason said from the figures rather than the platform's English text.
 */
export function MeetingCompliance({ partnership }: { partnership: MeetingCompliance_PartnershipFragment }) {
  const intl = useIntl();
  const names = new Map(
    [...(partnership.swedishPartner ? [partnership.swedishPartner] : []), ...partnership.partners].map(
      (o) => [o.id, o.name],
    ),
  );
  const years = [partnership.thisYear, partnership.lastYear, partnership.yearBefore];
  return (
    <List
      spacing="xs"
      listStyleType="none"
      p={0}
      aria-label={intl.formatMessage({ id: "partnerships.meetings.title" })}
    >
      {years.map((year) => {
        const hosts = year.hostOrganisationIds.map((id) => names.get(id) ?? id).join(", ");
        return (
          <List.Item
            key={year.year}
            icon={
              <ThemeIcon size="sm" radius="xl" color={year.compliant ? "green.8" : "red.8"} aria-hidden>
                {year.compliant ? "✓" : "✗"}
              </ThemeIcon>
            }
          >
            <Text size="sm" span fw={600}>
              <FormattedMessage
                id={year.compliant ? "partnerships.meetings.met" : "partnerships.meetings.notMet"}
                values={{ year: String(year.year) }}
              />
            </Text>{" "}
            <Text size="sm" span>
              <FormattedMessage
                id="partnerships.meetings.detail"
                values={{ visits: year.completedVisits, hosts: year.hostOrganisationIds.length }}
              />
              {hosts && ` (${hosts})`}
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}
