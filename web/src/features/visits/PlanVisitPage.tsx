import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { useNavigate, useParams } from "react-router";

import { useSession } from "../../auth/AuthContext";
import { actsForPartnership } from "../../auth/session";
import { problemOf, type Problem } from "../../errors/problem";
import { PageLoader } from "../../ui/PageLoader";
import { ProblemAlert } from "../../ui/ProblemAlert";
import { usePersistentState } from "../../ui/usePersistentState";
import { forgetPartnershipVisits } from "./cache";
import { PLAN_VISIT_FORM } from "./formOperations";
import { FormPage, NotFound, Unavailable } from "./FormPage";
import { PLAN_VISIT } from "./operations";
import { EMPTY_DRAFT, participantIdsOf, type VisitDraft } from "./visitDraft";
import { VisitForm } from "./VisitForm";
import { partnershipVisitsPath } from "./visitsYear";

/** Plans a visit between the partners of a partnership. */
export default function PlanVisitPage() {
  const { partnershipId = "" } = useParams();
  const intl = useIntl();
  const { user } = useSession();
  const navigate = useNavigate();
  const { data, error, loading, refetch } = useQuery(PLAN_VISIT_FORM, {
    variables: { partnershipId },
  });
  const [draft, setDraft, clearDraft] = usePersistentState<VisitDraft>(
    `visits.plan.${partnershipId}`,
    EMPTY_DRAFT,
  );
  const [planVisit, { loading: busy }] = useMutation(PLAN_VISIT);
  const [problem, setProblem] = useState<Problem | null>(null);
  const partnership = data?.partnership ?? null;
  const title = <FormattedMessage id="visits.plan.title" />;

  if (partnership === null) {
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

  const unavailable = !actsForPartnership(user, partnership)
    ? "error.forbidden"
    : partnership.status === "CLOSED"
      ? "visits.partnershipClosed"
      : null;

  const submit = async () => {
    setProblem(null);
    try {
      await planVisit({
        variables: {
          input: {
            partnershipId,
            hostOrganisationId: draft.hostOrganisationId,
            startsOn: draft.startsOn,
            endsOn: draft.endsOn,
            purpose: draft.purpose.trim(),
            participantIds: participantIdsOf(draft),
          },
        },
        update: (cache) => forgetPartnershipVisits(cache, partnershipId),
      });
      clearDraft();
      void navigate(partnershipVisitsPath(partnershipId, draft.startsOn.slice(0, 4)));
    } catch (failure) {
      setProblem(problemOf(failure));
    }
  };

  return (
    <FormPage title={title} partnership={partnership}>
      {unavailable !== null ? (
        <Unavailable message={intl.formatMessage({ id: unavailable })} />
      ) : (
        <VisitForm
          partnership={partnership}
          draft={draft}
          onChange={(next) => {
            setDraft(next);
            setProblem(null);
          }}
          onSubmit={() => void submit()}
          submitLabel={intl.formatMessage({ id: "visits.plan.submit" })}
          busy={busy}
          problem={problem}
        />
      )}
    </FormPage>
  );
}
