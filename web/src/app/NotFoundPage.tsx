import { Text, Title } from "@mantine/core";
import { FormattedMessage } from "react-intl";

export function NotFoundPage() {
  return (
    <>
      <Title order={1}>404</Title>
      <Text>
        <FormattedMessage id="common.notFound" />
      </Text>
    </>
  );
}
