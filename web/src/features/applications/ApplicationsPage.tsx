import { Title } from "@mantine/core";
import { FormattedMessage } from "react-intl";

export default function ApplicationsPage() {
  return (
    <Title order={1}>
      <FormattedMessage id="nav.applications" />
    </Title>
  );
}
