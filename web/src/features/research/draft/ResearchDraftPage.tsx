import { Alert, Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { skipToken, useQuery } from "@apollo/client/react";
import { useState, type ReactNode } from "react";
import { FormattedMessage } from "react-intl";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { problemOf } from "../../../errors/problem";
import { PageLoader } from "../../../ui/PageLoader";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { actsForApplicants, draftsForOwnOrganisation } from "../common/access";
import { RESEARCH_CALL } from "../common/fragments";
import { ResearchStatusBadge } from "../common/StatusBadge";
import { DraftWorkspace } from "./DraftWorkspace";
import { RESEARCH_DRAFT_FORM } from "./operations";

/**
 * `/research/new?call=…` and `/research/applications/:id/edit`: one page, so that when the
 * first save creates the application and the address changes to its edit page, the form
 * stays as it is.
 */
export default function ResearchDraftPage() {
  const { id = null } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const [adopted, setAdopted] = useState<{ id: string; form: string } | null>(null);
  const form =
    adopted !== null && adopted.id === id
      ? adopted.form
      : id === null
        ? `new:${params.get("call") ?? ""}`
        : `edit:${id}`;
  const editing = useQuery(RESEARCH_DRAFT_FORM, id === null ? skipToken : { variables: { id } });
  const application = id === null ? null : (editing.data?.researchApplication ?? null);
  const callId = application?.callId ?? params.get("call") ?? "";
  const callQuery = useQuery(RESEARCH_CALL, callId === "" ? skipToken : { variables: { id: callId } });
  const call = callQuery.data?.researchCall ?? null;
  const organisationId = application?.organisationId ?? user.org ?? "";
  const [shownForm, setShownForm] = useState<string | null>(null);

  const frame = (content: ReactNode) => (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1}>
            <FormattedMessage
              id={id === null ? "research.draft.newTitle" : "research.draft.editTitle"}
            />
          </Title>
          {application && <ResearchStatusBadge status={application.status} />}
        </Group>
        {call && <Text>{call.title}</Text>}
      </Stack>
      {content}
    </Stack>
  );

  if (shownForm !== form) {
    const loading = editing.loading || callQuery.loading;
    const error = editing.error ?? callQuery.error;
    let unavailable: ReactNode = null;
    if (call === null || (id !== null && application === null)) {
      if (loading) return <PageLoader />;
      unavailable = error ? (
        <ProblemAlert problem={problemOf(error)} />
      ) : (
        <Notice>
          <FormattedMessage id="common.notFound" />
        </Notice>
      );
    } else if (
      application === null
        ? !draftsForOwnOrganisation(user)
        : !actsForApplicants(user, application.organisationId)
    ) {
      unavailable = (
        <Notice>
          <FormattedMessage id="error.forbidden" />
        </Notice>
      );
    } else if (application !== null && application.status !== "DRAFT") {
      unavailable = (
        <Notice>
          <FormattedMessage id="research.draft.notEditable" />{" "}
          <Anchor component={Link} to={`/research/applications/${application.id}`}>
            <FormattedMessage id="research.draft.toApplication" />
          </Anchor>
        </Notice>
      );
    } else if (application === null && !call.open) {
      unavailable = (
        <Notice>
          <FormattedMessage id="research.draft.callClosed" />
        </Notice>
      );
    }
    if (unavailable !== null) return frame(unavailable);
    setShownForm(form);
  }
  if (call === null) return <PageLoader />;

  return frame(
    <DraftWorkspace
      key={form}
      call={call}
      organisationId={organisationId}
      application={application}
      storageKey={id === null ? `research.new.${call.id}` : `research.edit.${id}`}
      onCreated={(created) => {
        setAdopted({ id: created, form });
        void navigate(`/research/applications/${created}/edit`, { replace: true });
      }}
    />,
  );
}

function Notice({ children }: { children: ReactNode }) {
  return (
    <Alert color="gray" role="status">
      {children}
    </Alert>
  );
}
