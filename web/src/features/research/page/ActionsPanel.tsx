import { Button, Group } from "@mantine/core";
import { useState } from "react";
import { FormattedMessage } from "react-intl";
import { Link } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { isStaff } from "../../../auth/session";
import type { ResearchDetail_ApplicationFragment } from "../../../gql/graphql";
import { CallActions } from "../call/CallActions";
import { actsForApplicants } from "../common/access";
import { AcceptReportDialog } from "./AcceptReportDialog";
import { AssignReviewerDialog } from "./AssignReviewerDialog";
import { FeedbackDialog } from "./FeedbackDialog";
import { ScreenDialog } from "./ScreenDialog";
import { SubmitDialog } from "./SubmitDialog";
import { WaitlistDialog } from "./WaitlistDialog";

type Dialog = "submit" | "screen" | "assign" | "feedback" | "waitlist" | "report" | null;

interface Props {
  application: ResearchDetail_ApplicationFragment;
  onReload: () => Promise<unknown>;
  onSubmitted: (caseNumber: string | null) => void;
}

/** What the user's role may do with the application in its current status, and only that. */
export function ActionsPanel({ application, onReload, onSubmitted }: Props) {
  const { user } = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const staff = isStaff(user);
  const { status } = application;
  const change = status === "DRAFT" && actsForApplicants(user, application.organisationId);
  const screen = staff && status === "SUBMITTED";
  const assign = staff && (status === "ELIGIBLE" || status === "IN_REVIEW");
  const callWide = staff && (status === "IN_REVIEW" || status === "RANKED");
  const feedback = staff && application.decision !== null;
  const waitlist = staff && status === "WAITLISTED";
  const report = staff && status === "APPROVED";
  if (!change && !screen && !assign && !callWide && !feedback && !waitlist && !report) return null;
  const dialogProps = { application, onClose: close, onReload };

  return (
    <>
      <Group gap="sm">
        {change && (
          <>
            <Button
              component={Link}
              to={`/research/applications/${application.id}/edit`}
              variant="default"
            >
              <FormattedMessage id="research.action.edit" />
            </Button>
            <Button onClick={() => setDialog("submit")}>
              <FormattedMessage id="research.submit.action" />
            </Button>
          </>
        )}
        {screen && (
          <Button onClick={() => setDialog("screen")}>
            <FormattedMessage id="research.action.screen" />
          </Button>
        )}
        {assign && (
          <Button onClick={() => setDialog("assign")}>
            <FormattedMessage id="research.action.assignReviewer" />
          </Button>
        )}
        {waitlist && (
          <Button onClick={() => setDialog("waitlist")}>
            <FormattedMessage id="research.action.decideWaitlisted" />
          </Button>
        )}
        {report && (
          <Button onClick={() => setDialog("report")}>
            <FormattedMessage id="research.action.acceptReport" />
          </Button>
        )}
        {feedback && (
          <Button variant="default" onClick={() => setDialog("feedback")}>
            <FormattedMessage id="research.action.releaseFeedback" />
          </Button>
        )}
      </Group>
      {callWide && <CallActions callId={application.callId} onChanged={onReload} />}
      {change && (
        <SubmitDialog
          {...dialogProps}
          opened={dialog === "submit"}
          onSubmitted={(caseNumber) => {
            close();
            onSubmitted(caseNumber);
          }}
        />
      )}
      {screen && <ScreenDialog {...dialogProps} opened={dialog === "screen"} />}
      {assign && <AssignReviewerDialog {...dialogProps} opened={dialog === "assign"} />}
      {feedback && <FeedbackDialog {...dialogProps} opened={dialog === "feedback"} />}
      {waitlist && <WaitlistDialog {...dialogProps} opened={dialog === "waitlist"} />}
      {report && <AcceptReportDialog {...dialogProps} opened={dialog === "report"} />}
    </>
  );
}
