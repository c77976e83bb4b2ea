import { Alert, Anchor, Stack } from "@mantine/core";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { Link, useNavigate } from "react-router";

import { problemOf, type Problem } from "../../../errors/problem";
import type {
  ApplicationDetail_ApplicationFragment,
  DraftForm_PartnershipFragment,
} from "../../../gql/graphql";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { Section } from "../../../ui/Section";
import { usePersistentState } from "../../../ui/usePersistentState";
import { forgetApplicationLists } from "../common/cache";
import { EDITABLE } from "../common/rules";
import { BudgetFields } from "./BudgetFields";
import { checkDraft, durationOf } from "./checks";
import { buildContent } from "./content";
import { DetailsFields, type CallChoice } from "./DetailsFields";
import { draftOf, initialDraft, type ApplicationDraft } from "./draft";
import { DraftErrorsContext } from "./DraftErrors";
import { EDIT_APPLICATION_FORM, SUBMIT_APPLICATION } from "./operations";
import { ResultsChainFields } from "./ResultsChainFields";
import { SaveStatus } from "./SaveStatus";
import { SubmitPanel } from "./SubmitPanel";
import { useAutosave, type Target } from "./useAutosave";
import { inForm, useDraftSave } from "./useDraftSave";
import { useDraftMessages } from "./useDraftMessages";

/** A pause in typing this long saves the draft. */
const AUTOSAVE_DELAY_MS = 1500;

/** What is kept across an expired session: the form and the version it builds on. */
interface Stored {
  id: string | null;
  version: number | null;
  draft: ApplicationDraft;
  note: string;
}

interface Props {
  partnership: DraftForm_PartnershipFragment;
  calls: readonly CallChoice[];
  /** The application being edited; null for a new one (created by the first save). */
  application: ApplicationDetail_ApplicationFragment | null;
  storageKey: string;
  /** The first save created the application: from now on the form edits it. */
  onCreated: (id: string) => void;
}

/**
 * The application form with its autosave and submission: a new application is created by
 * the first save that has what creation needs, then each pause in typing saves it.
 */
export function DraftWorkspace(props: Props) {
  const { partnership, calls, application, storageKey } = props;
  const intl = useIntl();
  const navigate = useNavigate();
  const client = useApolloClient();
  // The form as the server holds it, when editing.
  const [held] = useState(() => (application ? draftOf(application, intl.locale) : null));
  const [stored, setStored, clearStored] = usePersistentState<Stored>(storageKey, () =>
    application && held
      ? { id: application.id, version: application.version, draft: held, note: "" }
      : { id: null, version: null, draft: initialDraft(calls, partnership.themes), note: "" },
  );
  const draft = stored.draft;
  // The latest input, for saves started by a timer or by leaving the page.
  const latest = useRef(draft);
  const formRef = useRef<HTMLFormElement>(null);
  const mounted = useRef(false);
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitProblem, setSubmitProblem] = useState<Problem | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ path: string | null } | null>(null);
  const [submitApplication] = useMutation(SUBMIT_APPLICATION);
  const { ready, save, forgetSent, lastPaths } = useDraftSave(partnership.id, latest, held);

  const onSaved = (target: Target, created: boolean, settled: boolean) => {
    if (created) {
      clearStored();
      // Created while leaving (the save on the way out): the user has gone elsewhere.
      if (mounted.current) props.onCreated(target.id);
    } else if (settled) {
      clearStored();
    } else {
      setStored((previous) => ({ ...previous, id: target.id, version: target.version }));
    }
  };

  const autosave = useAutosave({
    initial:
      stored.id !== null && stored.version !== null
        ? { id: stored.id, version: stored.version }
        : null,
    delayMs: AUTOSAVE_DELAY_MS,
    ready,
    save,
    onSaved,
  });

  // Input kept from before (an expired session, a reload) that the server does not hold yet
  // is saved as if just typed.
  const [unsaved] = useState(() => {
    const content = (d: ApplicationDraft) => JSON.stringify(buildContent(d, intl.locale).content);
    return content(stored.draft) !== content(held ?? initialDraft(calls, partnership.themes));
  });
  const { touch } = autosave;
  useEffect(() => {
    mounted.current = true;
    if (unsaved) touch();
    return () => {
      mounted.current = false;
    };
  }, [unsaved, touch]);

  const change = (changes: Partial<ApplicationDraft>) => {
    const next = { ...latest.current, ...changes };
    latest.current = next;
    const target = autosave.current();
    setStored((previous) => ({
      ...previous,
      id: target?.id ?? null,
      version: target?.version ?? null,
      draft: next,
    }));
    setSubmitProblem(null);
    autosave.touch();
  };

  // Someone else saved a newer version: take it, keep (and then save) what this user typed.
  const reload = async () => {
    const id = autosave.current()?.id;
    if (id === undefined) return;
    const { data, error } = await client.query({
      query: EDIT_APPLICATION_FORM,
      variables: { id },
      fetchPolicy: "network-only",
    });
    const fresh = data?.application;
    if (!fresh) {
      setSubmitProblem(error ? problemOf(error) : { kind: "notFound" });
      return;
    }
    setSubmitProblem(null);
    forgetSent();
    if (!EDITABLE.includes(fresh.status)) {
      setSubmitProblem({ kind: "field", field: "status", detail: fresh.status });
      return;
    }
    await autosave.rebase(fresh.version);
  };

  const submit = async () => {
    setAttempted(true);
    setSubmitProblem(null);
    if (checkDraft(latest.current, intl.locale, true).size > 0) {
      setFocusRequest({ path: null });
      return;
    }
    setSubmitting(true);
    try {
      // The API judges what it holds: first it gets everything typed.
      const saved = await autosave.flush(true);
      const target = autosave.current();
      if (!saved || target === null) {
        setFocusRequest({ path: null });
        return;
      }
      const paths = lastPaths();
      try {
        const result = await submitApplication({
          variables: {
            input: { id: target.id, version: target.version, note: stored.note.trim() || null },
          },
          update: (cache) => forgetApplicationLists(cache, partnership.id),
        });
        const caseNumber = result.data.submitApplication.application.caseNumber ?? null;
        clearStored();
        void navigate(`/applications/${target.id}`, { state: { submitted: caseNumber } });
      } catch (error) {
        setSubmitProblem(inForm(problemOf(error), paths));
        setFocusRequest({ path: null });
      }
    } finally {
      setSubmitting(false);
    }
  };

  // After adding or removing a row the keyboard goes to it; after a refusal, to the first
  // place to correct.
  useEffect(() => {
    const form = formRef.current;
    if (focusRequest === null || form === null) return;
    const selector =
      focusRequest.path === null
        ? '[aria-invalid="true"], [data-error-anchor]'
        : `[data-path="${CSS.escape(focusRequest.path)}"]`;
    form.querySelector<HTMLElement>(selector)?.focus();
  }, [focusRequest]);

  const saveProblem = autosave.status.kind === "failed" ? autosave.status.problem : null;
  const { errorAt, saveRefusal, submitRefusal } = useDraftMessages(
    draft,
    attempted,
    saveProblem,
    submitProblem,
  );
  const { heldBack } = buildContent(draft, intl.locale);
  const created = autosave.current() !== null;
  const project = draft.type === "PROJECT" && partnership.steeringGroupGaps.length > 0;
  const steeringGroupLink = `/partnerships/${partnership.id}/steering-group`;
  const focus = (path: string) => setFocusRequest({ path });

  return (
    <DraftErrorsContext.Provider value={errorAt}>
      <form ref={formRef} noValidate onSubmit={(event) => event.preventDefault()}>
        <Stack gap="lg">
          <SaveStatus status={autosave.status} created={created} heldBack={heldBack} />
          {saveProblem !== null && saveProblem.kind !== "field" && (
            <ProblemAlert
              problem={saveProblem}
              onRetry={() => void autosave.flush(true)}
              onReload={() => void reload()}
            />
          )}
          {saveRefusal !== null && (
            <Alert color="red" role="alert" title={intl.formatMessage({ id: "error.title" })}>
              {saveRefusal.text}
            </Alert>
          )}
          <Section title={intl.formatMessage({ id: "applications.section.details" })}>
            {project && (
              <Alert
                color="yellow"
                title={intl.formatMessage({ id: "applications.draft.steeringGapsTitle" })}
              >
                <FormattedMessage id="applications.rule.steeringGroup" />{" "}
                <Anchor component={Link} to={steeringGroupLink} size="sm">
                  <FormattedMessage id="applications.submit.steeringGroupLink" />
                </Anchor>
              </Alert>
            )}
            <DetailsFields
              draft={draft}
              onChange={change}
              calls={calls}
              callFixed={created}
            />
          </Section>
          <Section title={intl.formatMessage({ id: "applications.section.resultsChain" })}>
            <ResultsChainFields
              goal={draft.goal}
              outcomes={draft.outcomes}
              onChange={change}
              onFocus={focus}
            />
          </Section>
          <Section title={intl.formatMessage({ id: "applications.section.budget" })}>
            <BudgetFields
              lines={draft.budget}
              durationMonths={durationOf(draft)}
              onChange={(budget) => change({ budget })}
              onFocus={focus}
            />
          </Section>
          <Section title={intl.formatMessage({ id: "applications.section.submit" })}>
            {submitProblem !== null && submitProblem.kind !== "field" && (
              <ProblemAlert
                problem={submitProblem}
                onRetry={() => void submit()}
                onReload={() => void reload()}
              />
            )}
            <SubmitPanel
              note={stored.note}
              onNote={(note) => setStored((previous) => ({ ...previous, note }))}
              onSubmit={() => void submit()}
              busy={submitting}
              refusal={submitRefusal?.text ?? null}
              steeringGroupLink={submitRefusal?.path === "steeringGroup" ? steeringGroupLink : null}
              resubmission={application?.status === "RETURNED"}
            />
          </Section>
        </Stack>
      </form>
    </DraftErrorsContext.Provider>
  );
}

