import { Text } from "@mantine/core";
import { FormattedMessage } from "react-intl";

// gray.7, not "dimmed": dimmed text on white is below the WCAG AA contrast.
/** Where the user's role hides part of a page: said in a line, not shown as a failure. */
export function HiddenNote({ id }: { id: string }) {
  return (
    <Text size="sm" c="gray.7" fs="italic">
      <FormattedMessage id={id} />
    </Text>
  );
}
