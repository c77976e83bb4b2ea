import { Text, type TextProps } from "@mantine/core";
import { skipToken, useQuery } from "@apollo/client/react";
import { FormattedMessage, useIntl } from "react-intl";

import { useSession } from "../auth/AuthContext";
import { MY_ORGANISATION } from "../auth/me";

/** Who is signed in, in which role, and a coordinator's organisation. */
export function UserSummary(props: TextProps) {
  const intl = useIntl();
  const { user } = useSession();
  const organisation = useQuery(
    MY_ORGANISATION,
    user.org === null ? skipToken : { variables: { id: user.org } },
  ).data?.organisation;
  return (
    <Text size="sm" {...props}>
      <FormattedMessage id="nav.signedInAs" values={{ name: user.name }} />
      {" · "}
      {user.roles.map((r) => intl.formatMessage({ id: `role.${r}` })).join(", ")}
      {organisation ? ` · ${organisation.name}` : ""}
    </Text>
  );
}
