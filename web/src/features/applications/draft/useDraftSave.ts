import { useMutation } from "@apollo/client/react";
import { useRef, useState, type RefObject } from "react";
import { useIntl } from "react-intl";

import { problemOf, type Problem } from "../../../errors/problem";
import { forgetApplicationLists } from "../common/cache";
import {
  buildContent,
  changedFields,
  formPath,
  sentOf,
  type PathMap,
  type Sent,
} from "./content";
import type { ApplicationDraft } from "./draft";
import { CREATE_APPLICATION, EDIT_APPLICATION_FORM, UPDATE_APPLICATION } from "./operations";
import type { SaveOutcome, Target } from "./useAutosave";

/** A field problem with the API's path turned into the form's (rows left out shift it). */
export function inForm(problem: Problem, paths: PathMap): Problem {
  return problem.kind === "field" ? { ...problem, field: formPath(problem.field, paths) } : problem;
}

/**
 * How the form reaches the API: the first save creates the application, later ones send
 * what changed since the last (`updateApplication` with the version the last returned).
 */
export function useDraftSave(
  partnershipId: string,
  latest: RefObject<ApplicationDraft>,
  /** The form as the server holds it (null for a new application). */
  held: ApplicationDraft | null,
) {
  const intl = useIntl();
  const [createApplication] = useMutation(CREATE_APPLICATION);
  const [updateApplication] = useMutation(UPDATE_APPLICATION);
  // Where the rows of the last save went, to place the API's refusals of it in the form.
  const sentPaths = useRef<PathMap>([]);
  // What the server holds, as if this form had sent it: a save sends only what differs.
  const [baseline] = useState<Sent>(() =>
    held ? sentOf(buildContent(held, intl.locale).content) : new Map(),
  );
  const sent = useRef(baseline);

  /** Whether the form can be saved onto `target`: a new one needs what creation needs. */
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

  const create = async (draft: ApplicationDraft, keepalive: boolean): Promise<SaveOutcome> => {
    const { content } = buildContent(draft, intl.locale);
    const { type, title, durationMonths, theme } = content;
    if (!type || !title || !durationMonths || !theme) {
      return { ok: false, problem: { kind: "unexpected" } };
    }
    const result = await createApplication({
      variables: {
        input: {
          ...content,
          type,
          title,
          durationMonths,
          theme,
          partnershipId,
          callId: draft.callId,
        },
      },
      context: keepalive ? { fetchOptions: { keepalive: true } } : undefined,
      update: (cache, { data }) => {
        // The edit address asks for this very application: it is there already.
        const created = data?.createApplication.application;
        if (created) {
          cache.writeQuery({
            query: EDIT_APPLICATION_FORM,
            variables: { id: created.id },
            data: { application: created },
          });
        }
        forgetApplicationLists(cache, partnershipId);
      },
    });
    const created = result.data.createApplication.application;
    sent.current = sentOf(content);
    return { ok: true, target: { id: created.id, version: created.version } };
  };

  const update = async (
    draft: ApplicationDraft,
    target: Target,
    keepalive: boolean,
  ): Promise<SaveOutcome> => {
    const changes = changedFields(buildContent(draft, intl.locale).content, sent.current);
    if (Object.keys(changes).length === 0) return { ok: true, target };
    const result = await updateApplication({
      variables: { input: { ...changes, id: target.id, version: target.version } },
      context: keepalive ? { fetchOptions: { keepalive: true } } : undefined,
    });
    const updated = result.data.updateApplication.application;
    sent.current = sentOf(changes, sent.current);
    return { ok: true, target: { id: updated.id, version: updated.version } };
  };

  /** Saves the form as it is now; never throws: a refusal comes back placed in the form. */
  const save = async (target: Target | null, keepalive: boolean): Promise<SaveOutcome> => {
    const draft = latest.current;
    const { paths } = buildContent(draft, intl.locale);
    sentPaths.current = paths;
    try {
      return target === null
        ? await create(draft, keepalive)
        : await update(draft, target, keepalive);
    } catch (error) {
      return { ok: false, problem: inForm(problemOf(error), paths) };
    }
  };

  /** After a conflict: the other version may differ anywhere, so the next save sends all. */
  const forgetSent = () => {
    sent.current = new Map();
  };

  /** Where the rows of the last save are in the form (the API judges what it was sent). */
  const lastPaths = () => sentPaths.current;

  return { ready, save, forgetSent, lastPaths };
}
