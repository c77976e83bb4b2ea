import { Anchor, Stack, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";
import { Link } from "react-router";

import type { ApplicationGrant_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { AwaitedNotice } from "../../../ui/AwaitedNotice";
import { TermList } from "../../../ui/TermList";
import { useGrantPolling } from "./useGrantPolling";

interface Props {
  application: ApplicationGrant_ApplicationFragment;
  partnershipId: string;
}

/** The grant finance opened for the approved application, once it is there. */
export function GrantView({ application, partnershipId }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const grant = application.grant ?? null;
  const { polling, again } = useGrantPolling(application.id, grant === null);
  const partnershipLink = (
    <Anchor component={Link} to={`/partnerships/${partnershipId}`}>
      <FormattedMessage id="applications.grant.toPartnership" />
    </Anchor>
  );

  if (grant === null) {
    return (
      <Stack gap="xs">
        <AwaitedNotice
          polling={polling}
          onAgain={again}
          waiting="applications.grant.opening"
          idle="applications.grant.notYet"
          again="applications.grant.refresh"
        />
        <Text size="sm">{partnershipLink}</Text>
      </Stack>
    );
  }

  const rows: [string, string][] = [
    [intl.formatMessage({ id: "applications.grant.caseNumber" }), grant.caseNumber],
    [
      intl.formatMessage({ id: "applications.grant.approvedAmount" }),
      format.money(grant.approvedAmount),
    ],
    [
      intl.formatMessage({ id: "applications.grant.status" }),
      format.enumValue("GrantStatus", grant.status),
    ],
  ];
  return (
    <Stack gap="xs">
      <TermList terms={rows} cols={{ base: 1, sm: 3 }} />
      <Text size="sm">{partnershipLink}</Text>
    </Stack>
  );
}
