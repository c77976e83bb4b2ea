import { Title } from "@mantine/core";
import { FormattedMessage } from "react-intl";

export default function DashboardPage() {
  return (
    <Title order={1}>
      <FormattedMessage id="nav.dashboard" />
    </Title>
  );
}
