import { Alert, Anchor, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";
import { Link } from "react-router";

import { MAX_LENGTH } from "../common/rules";

interface Props {
  note: string;
  onNote: (note: string) => void;
  onSubmit: () => void;
  busy: boolean;
  /** Why the last attempt was refused, in the user's words; shown beside the button too. */
  refusal: string | null;
  /** Offered when the steering group is what stops a project. */
  steeringGroupLink: string | null;
  resubmission: boolean;
}

/** The note to ICLD and the button that hands the application in. */
export function SubmitPanel(props: Props) {
  const intl = useIntl();
  return (
    <Stack gap="sm">
      <Text size="sm">
        <FormattedMessage id="applications.submit.explain" />
      </Text>
      <Textarea
        label={intl.formatMessage({ id: "applications.submit.note" })}
        value={props.note}
        onChange={(event) => props.onNote(event.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={MAX_LENGTH.note}
      />
      {props.refusal !== null && (
        <Alert
          color="red"
          role="alert"
          title={intl.formatMessage({ id: "applications.submit.refused" })}
        >
          <Text size="sm">{props.refusal}</Text>
          {props.steeringGroupLink !== null && (
            <Anchor component={Link} to={props.steeringGroupLink} size="sm">
              <FormattedMessage id="applications.submit.steeringGroupLink" />
            </Anchor>
          )}
        </Alert>
      )}
      <Group>
        <Button onClick={props.onSubmit} loading={props.busy}>
          <FormattedMessage
            id={props.resubmission ? "applications.submit.resubmit" : "applications.submit.action"}
          />
        </Button>
      </Group>
    </Stack>
  );
}
