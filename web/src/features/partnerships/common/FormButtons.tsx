import { Button, Group } from "@mantine/core";
import { FormattedMessage } from "react-intl";
import { Link } from "react-router";

interface Props {
  /** Where cancelling leads. */
  cancelTo: string;
  /** Forgets what the user typed: a cancelled form starts afresh next time. */
  onCancel: () => void;
  /** The submit button's catalogue key ("common.save", "common.create"). */
  submitId: string;
  busy: boolean;
}

/** A partnership form's cancel link and submit button. */
export function FormButtons({ cancelTo, onCancel, submitId, busy }: Props) {
  return (
    <Group justify="flex-end">
      <Button component={Link} to={cancelTo} variant="default" onClick={onCancel}>
        <FormattedMessage id="common.cancel" />
      </Button>
      <Button type="submit" loading={busy}>
        <FormattedMessage id={submitId} />
      </Button>
    </Group>
  );
}
