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
import { useFieldError } from "../../../ui/FieldMessage";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { usePersistentState } from "../../../ui/usePersistentState";
import { forgetApplicationLists } from "../shared/cache";
import { EDITABLE } from "../shared/rules";
import { Section } from "../shared/Section";
import { BudgetFields } from "./BudgetFields";
import { checkDraft, durationOf, type Check } from "./checks";
import {
  buildContent,
  changedFields,
  formPath,
  sentOf,
  type PathMap,
  type Sent,
} from "./content";
import { DetailsFields, type CallChoice } from "./DetailsFields";
import { draftOf, initialDraft, type ApplicationDraft } from "./draft";
import { DraftErrorsContext } from "./DraftErrors";
import {
  CREATE_APPLICATION,
  EDIT_APPLICATION_FORM,
  SUBMIT_APPLICATION,
  UPDATE_APPLICATION,
} from "./operations";
import { placeOf, type Operation } from "./problemPlaces";
import { ResultsChainFields } from "./ResultsChainFields";
import { SaveStatus } from "./SaveStatus";
import { SubmitPanel } from "./SubmitPanel";
import { useAutosave, type SaveOutcome, type Target } from "./useAutosave";

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
}

/** A field problem with the API's path turned into the form's (rows left out shift it). */
function inForm(problem: Problem, paths: PathMap): Problem {
  return problem.kind === "field" ? { ...problem, field: formPath(problem.field, paths) } : problem;
}

/**
 * The application form with its autosave and submission: a new application is created by
 * the first save that has what creation needs, then each pause in typing saves it.
 */
export function DraftWorkspace({ partnership, calls, application, storageKey }: Props) {
  const intl = useIntl();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [stored, setStored, clearStored] = usePersistentState<Stored>(storageKey, () =>
    application
      ? {
          id: application.id,
          version: application.version,
          draft: draftOf(application, intl.locale),
          note: "",
        }
      : { id: null, version: null, draft: initialDraft(calls, partnership.themes), note: "" },
  );
  const draft = stored.draft;
  // The latest input, for saves started by a timer or by leaving the page.
  const latest = useRef(draft);
  const sentPaths = useRef<PathMap>([]);
  // Unknown at first (what the server holds may be older than the stored input): all is sent.
  const sent = useRef<Sent>(new Map());
  const formRef = useRef<HTMLFormElement>(null);
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitProblem, setSubmitProblem] = useState<Problem | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ path: string | null } | null>(null);
  const [createApplication] = useMutation(CREATE_APPLICATION);
  const [updateApplication] = useMutation(UPDATE_APPLICATION);
  const [submitApplication] = useMutation(SUBMIT_APPLICATION);

  const ready = (target: Target | null) => {
    if (target !== null) return true;
    const { content } = buildContent(latest.current, intl.locale);
    return (
      latest.current.callId !== "" &&
      content.type !== undefined &&
      content.title !== undefined &&
      content.durationMonths !== undefined &&
      content.theme !== undefined
    );
  };

  const save = async (target: Target | null, keepalive: boolean): Promise<SaveOutcome> => {
    const now = latest.current;
    const { content, paths } = buildContent(now, intl.locale);
    sentPaths.current = paths;
    const context = keepalive ? { fetchOptions: { keepalive: true } } : undefined;
    try {
      if (target === null) {
        const { type, title, durationMonths, theme } = content;
        if (!type || !title || !durationMonths || !theme) return { ok: false, problem: { kind: "unexpected" } };
        const result = await createApplication({
          variables: {
            input: { ...content, type, title, durationMonths, theme, partnershipId: partnership.id, callId: now.callId },
          },
          context,
          update: (cache) => forgetApplicationLists(cache, partnership.id),
        });
        const created = result.data.createApplication.application;
        sent.current = sentOf(content);
        return { ok: true, target: { id: created.id, version: created.version } };
      }
      const changes = changedFields(content, sent.current);
      if (Object.keys(changes).length === 0) return { ok: true, target };
      const result = await updateApplication({
        variables: { input: { ...changes, id: target.id, version: target.version } },
        context,
      });
      const updated = result.data.updateApplication.application;
      sent.current = sentOf(changes, sent.current);
      return { ok: true, target: { id: updated.id, version: updated.version } };
    } catch (error) {
      return { ok: false, problem: inForm(problemOf(error), paths) };
    }
  };

  const onSaved = (target: Target, created: boolean, settled: boolean) => {
    if (created) {
      // From now on the form edits this application: its address says so.
      clearStored();
      void navigate(`/applications/${target.id}/edit`, { replace: true });
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
    // The other version may differ anywhere: this user's input goes in whole.
    sent.current = new Map();
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
      const paths = sentPaths.current;
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
  const genericSave = useFieldError(saveProblem);
  const genericSubmit = useFieldError(submitProblem);
  const placed = (problem: Problem | null, operation: Operation) => {
    if (problem?.kind !== "field") return null;
    const place = placeOf(problem.field, operation, draft.type);
    const generic = operation === "save" ? genericSave : genericSubmit;
    const text = place.check ? message(place.check) : generic(place.path);
    return { path: place.path, text: text ?? "" };
  };
  const message = (check: Check) => intl.formatMessage({ id: check.id }, check.values);
  const checks = checkDraft(draft, intl.locale, attempted);
  const saveRefusal = placed(saveProblem, "save");
  const submitRefusal = placed(submitProblem, "submit");
  const errorAt = (path: string) => {
    const check = checks.get(path);
    if (check) return message(check);
    if (submitRefusal?.path === path) return submitRefusal.text;
    if (saveRefusal?.path === path) return saveRefusal.text;
    return undefined;
  };
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
              <Alert color="yellow" title={intl.formatMessage({ id: "applications.draft.steeringGapsTitle" })}>
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

