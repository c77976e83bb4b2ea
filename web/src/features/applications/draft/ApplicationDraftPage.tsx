import { Alert, Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { skipToken, useQuery } from "@apollo/client/react";
import { useState, type ReactNode } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { actsForPartnership } from "../../../auth/session";
import { problemOf } from "../../../errors/problem";
import { useFormat } from "../../../i18n/format";
import { PageLoader } from "../../../ui/PageLoader";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { EDITABLE, todayIso } from "../common/rules";
import { StatusBadge } from "../common/StatusBadge";
import type { CallChoice } from "./DetailsFields";
import { DraftWorkspace } from "./DraftWorkspace";
import { EDIT_APPLICATION_FORM, NEW_APPLICATION_FORM, OPEN_CALLS } from "./operations";

/** A new application this page created: its form carries on under its edit address. */
interface Adopted {
  id: string;
  partnershipId: string;
  form: string;
}

/**
 * `/applications/new?partnershipId=…` and `/applications/:id/edit`: one page, so that when
 * the first save creates the application and the address changes to its edit page, the form
 * (and the field the user is typing in) stays as it is. Any other change of address is
 * another form.
 */
export default function ApplicationDraftPage() {
  const { id = null } = useParams();
  const [params] = useSearchParams();
  const intl = useIntl();
  const format = useFormat();
  const navigate = useNavigate();
  const { user } = useSession();
  const [today] = useState(todayIso);
  const [adopted, setAdopted] = useState<Adopted | null>(null);
  const carriedOn = adopted !== null && adopted.id === id ? adopted : null;
  const form =
    carriedOn?.form ?? (id === null ? `new:${params.get("partnershipId") ?? ""}` : `edit:${id}`);
  const [shownForm, setShownForm] = useState<string | null>(null);
  const editing = useQuery(EDIT_APPLICATION_FORM, id === null ? skipToken : { variables: { id } });
  const application = id === null ? null : (editing.data?.application ?? null);
  const partnershipId =
    application?.partnershipId ?? carriedOn?.partnershipId ?? params.get("partnershipId") ?? "";
  const fresh = useQuery(
    NEW_APPLICATION_FORM,
    partnershipId !== "" ? { variables: { partnershipId } } : skipToken,
  );
  const open = useQuery(OPEN_CALLS, id === null ? { variables: { today } } : skipToken);
  const partnership = application?.partnership ?? fresh.data?.partnership ?? null;
  const calls: readonly CallChoice[] =
    application === null
      ? (open.data?.calls.nodes ?? [])
      : application.call
        ? [application.call]
        : [];

  const title = (
    <FormattedMessage
      id={id === null ? "applications.draft.newTitle" : "applications.draft.editTitle"}
    />
  );
  const frame = (content: ReactNode) => (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1}>{title}</Title>
          {application?.caseNumber && <Text fw={700}>{application.caseNumber}</Text>}
          {application && <StatusBadge status={application.status} />}
        </Group>
        {partnership && (
          <Text>
            <Anchor component={Link} to={`/partnerships/${partnership.id}`}>
              {partnership.title}
            </Anchor>
          </Text>
        )}
      </Stack>
      {content}
    </Stack>
  );

  if (shownForm !== form) {
    const loading = editing.loading || fresh.loading || open.loading;
    const error = editing.error ?? fresh.error ?? open.error;
    const refetch = () => {
      void editing.refetch();
      void fresh.refetch();
      void open.refetch();
    };
    let unavailable: ReactNode = null;
    if (partnership === null) {
      if (loading) return <PageLoader />;
      unavailable = error ? (
        <ProblemAlert problem={problemOf(error)} onRetry={refetch} />
      ) : (
        <Notice>
          <FormattedMessage id="common.notFound" />
        </Notice>
      );
    } else if (!actsForPartnership(user, partnership)) {
      unavailable = <Notice>{intl.formatMessage({ id: "error.forbidden" })}</Notice>;
    } else if (application !== null && !EDITABLE.includes(application.status)) {
      unavailable = (
        <Notice>
          <FormattedMessage
            id="applications.draft.notEditable"
            values={{ status: format.enumValue("ApplicationStatus", application.status) }}
          />{" "}
          <Anchor component={Link} to={`/applications/${application.id}`}>
            <FormattedMessage id="applications.draft.toApplication" />
          </Anchor>
        </Notice>
      );
    } else if (application === null && partnership.status === "CLOSED") {
      unavailable = (
        <Notice>
          <FormattedMessage id="applications.rule.partnershipClosed" />
        </Notice>
      );
    } else if (application === null && calls.length === 0) {
      if (open.loading) return <PageLoader />;
      unavailable = open.error ? (
        <ProblemAlert problem={problemOf(open.error)} onRetry={refetch} />
      ) : (
        <Notice>
          <FormattedMessage id="applications.draft.noOpenCall" />
        </Notice>
      );
    }
    if (unavailable !== null) return frame(unavailable);
    // Once shown, the form stays: a later status (its own submission, someone else's) is
    // the API's to refuse, with what the user typed still on the screen.
    setShownForm(form);
  }
  if (partnership === null) return <PageLoader />;

  return frame(
    <>
      {application?.status === "RETURNED" && <ReturnedNote application={application} />}
      <DraftWorkspace
        key={form}
        partnership={partnership}
        calls={calls}
        application={application}
        storageKey={id === null ? `applications.new.${partnership.id}` : `applications.edit.${id}`}
        onCreated={(created) => {
          setAdopted({ id: created, partnershipId: partnership.id, form });
          void navigate(`/applications/${created}/edit`, { replace: true });
        }}
      />
    </>,
  );
}

function Notice({ children }: { children: ReactNode }) {
  return (
    <Alert color="gray" role="status">
      {children}
    </Alert>
  );
}

interface Returned {
  auditTrail: readonly { action: string; note?: string | null }[];
}

/** What ICLD asked the applicants to correct: the note of the latest return. */
function ReturnedNote({ application }: { application: Returned }) {
  const intl = useIntl();
  const note = [...application.auditTrail].reverse().find((e) => e.action === "returned")?.note;
  if (!note) return null;
  return (
    <Alert
      color="orange"
      role="note"
      title={intl.formatMessage({ id: "applications.draft.returnedTitle" })}
    >
      {note}
    </Alert>
  );
}
