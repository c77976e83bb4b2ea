import { List, Stack, Text } from "@mantine/core";
import { FormattedList, FormattedMessage, useIntl } from "react-intl";

import { StatusBadge } from "./StatusBadge";
import { gapsByOrganisation } from "./steeringGroupGaps";

interface Props {
  gaps: readonly string[];
  names: Map<string, string>;
}

/** Complete, or which seats each partner still has to fill. */
export function SteeringGroupStatus({ gaps, names }: Props) {
  const intl = useIntl();
  if (gaps.length === 0) {
    return (
      <StatusBadge tone="good">
        <FormattedMessage id="dashboard.steeringGroup.complete" />
      </StatusBadge>
    );
  }
  return (
    <Stack gap={4}>
      <StatusBadge tone="warning">
        <FormattedMessage id="dashboard.steeringGroup.incomplete" />
      </StatusBadge>
      <List size="sm" spacing={2}>
        {gapsByOrganisation(gaps).map(({ organisationId, seats, other }) => (
          <List.Item key={organisationId}>
            <Text span size="sm">
              <FormattedMessage
                id="dashboard.steeringGroup.missing"
                values={{
                  organisation: names.get(organisationId) ?? organisationId,
                  seats: (
                    <FormattedList
                      type="conjunction"
                      value={[
                        ...seats.map((seat) =>
                          intl.formatMessage({ id: `dashboard.seat.${seat}` }),
                        ),
                        ...other,
                      ]}
                    />
                  ),
                }}
              />
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
