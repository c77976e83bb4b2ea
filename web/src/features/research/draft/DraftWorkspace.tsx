import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { useNavigate } from "react-router";

import { problemOf, type Problem } from "../../../errors/problem";
import type {
  ResearchCall_CallFragment,
  ResearchDetail_ApplicationFragment,
} from "../../../gql/graphql";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { Section } from "../../../ui/Section";
import { usePersistentState } from "../../../ui/usePersistentState";
import { SaveStatus } from "../../applications/draft/SaveStatus";
import { useAutosave, type SaveOutcome, type Target } from "../../applications/draft/useAutosave";
import { forgetResearchLists } from "../common/cache";
import { buildProposal, draftOf, emptyDraft, readyToCreate, type ResearchDraft } from "./draft";
import { DRAFT_RESEARCH, EDIT_RESEARCH, RESEARCH_DRAFT_FORM, SUBMIT_RESEARCH } from "./operations";
import { ProposalFields } from "./ProposalFields";
import { formPathOf } from "./paths";

/** A pause in typing this long saves the draft. */
const AUTOSAVE_DELAY_MS = 1500;

/** What is kept across an expired session: the form and the version it builds on. */
interface Stored {
  id: string | null;
  version: number | null;
  draft: ResearchDraft;
}

interface Props {
  call: ResearchCall_CallFragment;
  /** The principal investigator's university (the user's own for a new application). */
  organisationId: string;
  application: ResearchDetail_ApplicationFragment | null;
  storageKey: string;
  onCreated: (id: string) => void;
}

/**
 * The research application form with its autosave and submission: the first save that has
 * what creation needs creates the draft, then each pause in typing saves the whole proposal.
 */
export function DraftWorkspace({ call, organisationId, application, storageKey, onCreated }: Props) {
  const intl = useIntl();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [stored, setStored, clearStored] = usePersistentState<Stored>(storageKey, () =>
    application
      ? { id: application.id, version: application.version, draft: draftOf(application, intl.locale) }
      : { id: null, version: null, draft: emptyDraft(call.themes) },
  );
  const latest = useRef(stored.draft);
  const formRef = useRef<HTMLFormElement>(null);
  const mounted = useRef(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitProblem, setSubmitProblem] = useState<Problem | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [draftResearch] = useMutation(DRAFT_RESEARCH);
  const [editResearch] = useMutation(EDIT_RESEARCH);
  const [submitResearch] = useMutation(SUBMIT_RESEARCH);

  const save = async (target: Target | null, keepalive: boolean): Promise<SaveOutcome> => {
    const draft = latest.current;
    const { proposal } = buildProposal(draft, intl.locale);
    const context = keepalive ? { fetchOptions: { keepalive: true } } : undefined;
    try {
      if (target === null) {
        if (draft.kind === "") return { ok: false, problem: { kind: "unexpected" } };
        const result = await draftResearch({
          variables: {
            input: {
              callId: call.id,
              kind: draft.kind,
              principalInvestigatorId: draft.principalInvestigatorId,
              proposal,
            },
          },
          context,
          update: (cache, { data }) => {
            const created = data?.draftResearchApplication.application;
            if (created) {
              cache.writeQuery({
                query: RESEARCH_DRAFT_FORM,
                variables: { id: created.id },
                data: { researchApplication: created },
              });
            }
            forgetResearchLists(cache);
          },
        });
        const created = result.data.draftResearchApplication.application;
        return { ok: true, target: { id: created.id, version: created.version } };
      }
      const result = await editResearch({
        variables: { input: { id: target.id, version: target.version, proposal } },
        context,
      });
      const edited = result.data.editResearchApplication.application;
      return { ok: true, target: { id: edited.id, version: edited.version } };
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
  };

  const autosave = useAutosave({
    initial:
      stored.id !== null && stored.version !== null
        ? { id: stored.id, version: stored.version }
        : null,
    delayMs: AUTOSAVE_DELAY_MS,
    ready: (target) => target !== null || readyToCreate(latest.current),
    save,
    onSaved: (target, created, settled) => {
      if (created) {
        clearStored();
        if (mounted.current) onCreated(target.id);
      } else if (settled) {
        clearStored();
      } else {
        setStored((previous) => ({ ...previous, id: target.id, version: target.version }));
      }
    },
  });

  // Input kept from before (an expired session, a reload) is saved as if just typed.
  const [unsaved] = useState(() => {
    const held = application ? draftOf(application, intl.locale) : emptyDraft(call.themes);
    return JSON.stringify(stored.draft) !== JSON.stringify(held);
  });
  const { touch } = autosave;
  useEffect(() => {
    mounted.current = true;
    if (unsaved) touch();
    return () => {
      mounted.current = false;
    };
  }, [unsaved, touch]);

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current
      ?.querySelector<HTMLElement>('[aria-invalid="true"], [data-error-anchor]')
      ?.focus();
  }, [focusRequest]);

  const change = (changes: Partial<ResearchDraft>) => {
    const next = { ...latest.current, ...changes };
    latest.current = next;
    const target = autosave.current();
    setStored({ id: target?.id ?? null, version: target?.version ?? null, draft: next });
    setSubmitProblem(null);
    autosave.touch();
  };

  const reload = async () => {
    const id = autosave.current()?.id;
    if (id === undefined) return;
    const { data } = await client.query({
      query: RESEARCH_DRAFT_FORM,
      variables: { id },
      fetchPolicy: "network-only",
    });
    const fresh = data?.researchApplication;
    if (fresh) await autosave.rebase(fresh.version);
  };

  const submit = async () => {
    setSubmitProblem(null);
    setSubmitting(true);
    try {
      const saved = await autosave.flush(true);
      const target = autosave.current();
      if (!saved || target === null) {
        setFocusRequest((n) => n + 1);
        return;
      }
      try {
        const result = await submitResearch({
          variables: { input: { id: target.id, version: target.version } },
          update: forgetResearchLists,
        });
        clearStored();
        const caseNumber = result.data.submitResearchApplication.application.caseNumber ?? null;
        void navigate(`/research/applications/${target.id}`, { state: { submitted: caseNumber } });
      } catch (error) {
        setSubmitProblem(problemOf(error));
        setFocusRequest((n) => n + 1);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const saveProblem = autosave.status.kind === "failed" ? autosave.status.problem : null;
  const problem = submitProblem ?? saveProblem;
  const { heldBack } = buildProposal(stored.draft, intl.locale);
  const errorAt = (path: string): string | undefined => {
    if (problem?.kind === "field" && formPathOf(problem.field) === path) {
      return `${intl.formatMessage({ id: "error.fieldRefused" })} (${problem.detail})`;
    }
    if (heldBack.includes(path)) return intl.formatMessage({ id: "research.draft.heldBack" });
    return undefined;
  };
  const created = autosave.current() !== null;

  return (
    <form ref={formRef} noValidate onSubmit={(event) => event.preventDefault()}>
      <Stack gap="lg">
        <SaveStatus status={autosave.status} created={created} heldBack={heldBack.length} />
        {!created && (
          <Text size="sm" c="gray.7">
            <FormattedMessage id="research.draft.createHint" />
          </Text>
        )}
        {problem !== null && problem.kind !== "field" && (
          <ProblemAlert
            problem={problem}
            onRetry={() => void autosave.flush(true)}
            onReload={() => void reload()}
          />
        )}
        {problem?.kind === "field" && (
          <Alert color="red" role="alert" title={intl.formatMessage({ id: "error.title" })}>
            <FormattedMessage id="error.serverSaid" values={{ detail: problem.detail }} />
          </Alert>
        )}
        <Section title={intl.formatMessage({ id: "research.section.proposal" })}>
          <ProposalFields
            draft={stored.draft}
            call={call}
            organisationId={organisationId}
            created={created}
            onChange={change}
            errorAt={errorAt}
          />
        </Section>
        <Section title={intl.formatMessage({ id: "research.section.submit" })}>
          <Text size="sm">
            <FormattedMessage id="research.submit.hint" />
          </Text>
          <Group>
            <Button onClick={() => void submit()} loading={submitting}>
              <FormattedMessage id="research.submit.action" />
            </Button>
          </Group>
        </Section>
      </Stack>
    </form>
  );
}
