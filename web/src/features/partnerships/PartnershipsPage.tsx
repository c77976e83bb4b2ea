import { Title } from "@mantine/core";
import { FormattedMessage } from "react-intl";

export default function PartnershipsPage() {
  return (
    <Title order={1}>
      <FormattedMessage id="nav.partnerships" />
    </Title>
  );
}
