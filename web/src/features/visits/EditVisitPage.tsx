import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { useNavigate, useParams } from "react-router";

import { useSession } from "../../auth/AuthContext";
import { actsForPartnership } from "../../auth/session";
import { problemOf, type Problem } from "../../errors/problem";
import type { EditVisitFormQuery } from "../../gql/graphql";
import { useFormat } from "../../i18n/format";
import { PageLoader } from "../../ui/PageLoader";
import { ProblemAlert } from "../../ui/ProblemAlert";
import { usePersistentState } from "../../ui/usePersistentState";
import { forgetPartnershipVisits } from "./cache";
import { EDIT_VISIT_FORM } from "./formOperations";
import { FormPage, NotFound, Unavailable } from "./FormPage";
import { UPDATE_VISIT } from "./operations";
import { participantIdsOf, type VisitDraft } from "./visitDraft";
import { VisitForm } from "./VisitForm";
import { partnershipVisitsPath } from "./visitsYear";

type LoadedVisit = NonNullable<EditVisitFormQuery["visit"]>;

/** What the user typed, and the version of the visit they started from. */
interface Edit {
  version: number;
  draft: VisitDraft;
}

function draftOf(visit: LoadedVisit): VisitDraft {
  const participants: Record<string, string[]> = {};
  for (const person of visit.participants) {
    (participants[person.organisationId] ??= []).push(person.id);
  }
  return {
    hostOrganisationId: visit.hostOrganisationId,
    startsOn: visit.startsOn,
    endsOn: visit.endsOn,
    purpose: visit.purpose,
    participants,
  };
}

/** Changes a planned visit: host, dates, purpose, participants. */
export default function EditVisitPage() {
  const { id = "" } = useParams();
  const intl = useIntl();
  const format = useFormat();
  const { user } = useSession();
  const navigate = useNavigate();
  const { data, error, loading, refetch } = useQuery(EDIT_VISIT_FORM, { variables: { id } });
  const [edit, setEdit, clearEdit] = usePersistentState<Edit | null>(`visits.edit.${id}`, null);
  const [updateVisit, { loading: busy }] = useMutation(UPDATE_VISIT);
  const [problem, setProblem] = useState<Problem | null>(null);
  const visit = data?.visit ?? null;
  const title = <FormattedMessage id="visits.edit.title" />;

  if (visit?.partnership == null) {
    if (loading) return <PageLoader />;
    return (
      <FormPage title={title}>
        {error ? (
          <ProblemAlert problem={problemOf(error)} onRetry={() => void refetch()} />
        ) : (
          <NotFound />
        )}
      </FormPage>
    );
  }

  const partnership = visit.partnership;
  const draft = edit?.draft ?? draftOf(visit);
  const version = edit?.version ?? visit.version;
  const unavailable = !actsForPartnership(user, partnership)
    ? intl.formatMessage({ id: "error.forbidden" })
    : visit.status !== "PLANNED"
      ? intl.formatMessage(
          { id: "visits.notPlanned" },
          { status: format.enumValue("VisitStatus", visit.status) },
        )
      : null;

  const submit = async () => {
    setProblem(null);
    try {
      await updateVisit({
        variables: {
          input: {
            id,
            version,
            hostOrganisationId: draft.hostOrganisationId,
            startsOn: draft.startsOn,
            endsOn: draft.endsOn,
            purpose: draft.purpose.trim(),
            participantIds: participantIdsOf(draft),
          },
        },
        update: (cache) => forgetPartnershipVisits(cache, partnership.id),
      });
      clearEdit();
      void navigate(partnershipVisitsPath(partnership.id, draft.startsOn.slice(0, 4)));
    } catch (failure) {
      setProblem(problemOf(failure));
    }
  };

  // Someone else changed the visit: take its new version, keep what this user typed.
  const reload = async () => {
    try {
      const fresh = (await refetch()).data?.visit;
      if (fresh) {
        setEdit({ version: fresh.version, draft });
        setProblem(null);
      }
    } catch (failure) {
      setProblem(problemOf(failure));
    }
  };

  return (
    <FormPage title={title} partnership={partnership}>
      {unavailable !== null ? (
        <Unavailable message={unavailable} />
      ) : (
        <VisitForm
          partnership={partnership}
          draft={draft}
          onChange={(next) => {
            setEdit({ version, draft: next });
            setProblem(null);
          }}
          onSubmit={() => void submit()}
          submitLabel={intl.formatMessage({ id: "common.save" })}
          busy={busy}
          problem={problem}
          onReload={() => void reload()}
        />
      )}
    </FormPage>
  );
}
