import { Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import { FormattedMessage } from "react-intl";
import { Link } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import type { ApplicationDetail_ApplicationFragment } from "../../../gql/graphql";
import { mayAssess, mayChange, mayDecide } from "../common/access";
import { AssessDialog } from "./AssessDialog";
import { DecideDialog } from "./DecideDialog";
import { SubmitDialog } from "./SubmitDialog";

type Dialog = "submit" | "assess" | "decide" | null;

interface Props {
  application: ApplicationDetail_ApplicationFragment;
  onReload: () => Promise<void>;
  onSubmitted: (caseNumber: string | null) => void;
}

/** What the user's role may do with the application in its current status, and only that. */
export function ActionsPanel({ application, onReload, onSubmitted }: Props) {
  const { user } = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const parties = application.partnership;
  const change = parties !== null && mayChange(user, parties, application.status);
  const assess = mayAssess(user, application.status);
  const decide = mayDecide(user, application.status);
  if (!change && !assess && !decide) return null;

  return (
    <>
      <Group gap="sm">
        {change && (
          <>
            <Button component={Link} to={`/applications/${application.id}/edit`} variant="default">
              <FormattedMessage id="applications.action.edit" />
            </Button>
            <Button onClick={() => setDialog("submit")}>
              <FormattedMessage
                id={
                  application.status === "RETURNED"
                    ? "applications.submit.resubmit"
                    : "applications.submit.action"
                }
              />
            </Button>
          </>
        )}
        {assess && (
          <Button onClick={() => setDialog("assess")}>
            <FormattedMessage id="applications.action.assess" />
          </Button>
        )}
        {decide && (
          <Button onClick={() => setDialog("decide")}>
            <FormattedMessage id="applications.action.decide" />
          </Button>
        )}
      </Group>
      {assess && (
        <Text size="sm" c="gray.7">
          <FormattedMessage id="applications.action.assessHint" />
        </Text>
      )}
      {change && (
        <SubmitDialog
          application={application}
          opened={dialog === "submit"}
          onClose={close}
          onReload={onReload}
          onSubmitted={(caseNumber) => {
            close();
            onSubmitted(caseNumber);
          }}
        />
      )}
      {assess && (
        <AssessDialog
          application={application}
          opened={dialog === "assess"}
          onClose={close}
          onReload={onReload}
        />
      )}
      {decide && (
        <DecideDialog
          application={application}
          opened={dialog === "decide"}
          onClose={close}
          onReload={onReload}
        />
      )}
    </>
  );
}
