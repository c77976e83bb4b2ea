import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { FormattedMessage } from "react-intl";

interface Props {
  /** Still asking (usePolling): a spinner and the waiting text; else the idle text and a button. */
  polling: boolean;
  onAgain: () => void;
  /** Catalogue keys of what is said while asking, once it stopped, and on the button. */
  waiting: string;
  idle: string;
  again: string;
}

/** Something another service is about to make (a grant after a decision), not there yet. */
export function AwaitedNotice({ polling, onAgain, waiting, idle, again }: Props) {
  return (
    <Stack gap="xs">
      <Group gap="xs" role="status" aria-live="polite">
        {polling && <Loader size="xs" aria-hidden />}
        <Text size="sm">
          <FormattedMessage id={polling ? waiting : idle} />
        </Text>
      </Group>
      {!polling && (
        <Group>
          <Button variant="default" size="xs" onClick={onAgain}>
            <FormattedMessage id={again} />
          </Button>
        </Group>
      )}
    </Stack>
  );
}
