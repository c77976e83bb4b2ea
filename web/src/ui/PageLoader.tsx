import { Center, Loader } from "@mantine/core";
import { useIntl } from "react-intl";

export function PageLoader() {
  const intl = useIntl();
  return (
    <Center p="xl" role="status" aria-label={intl.formatMessage({ id: "common.loading" })}>
      <Loader />
    </Center>
  );
}
