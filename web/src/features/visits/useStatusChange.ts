import { useLazyQuery } from "@apollo/client/react";
import { useState } from "react";

import { problemOf, type Problem } from "../../errors/problem";
import type { VisitsSection_VisitFragment } from "../../gql/graphql";
import { usePersistentState } from "../../ui/usePersistentState";
import { CURRENT_VISIT } from "./operations";

interface Options {
  visit: VisitsSection_VisitFragment;
  /** Which change, for the key the typed note is kept under. */
  kind: "complete" | "cancel";
  noteRequired: boolean;
  /** Sends the change with the note (trimmed, empty as null) and the visit's year. */
  send: (input: { id: string; version: number; note: string }, year: number) => Promise<unknown>;
  onDone: () => void;
}

/**
 * The state of a completion or cancellation: the note (kept across an expired session), the
 * problem of the last attempt, and a reload that takes the visit's current version (the cache
 * updates the visit the dialog shows) while keeping the note.
 */
export function useStatusChange({ visit, kind, noteRequired, send, onDone }: Options) {
  const [note, setNote, clearNote] = usePersistentState(`visits.${kind}.${visit.id}`, "");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [noteMissing, setNoteMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [loadCurrent] = useLazyQuery(CURRENT_VISIT, { fetchPolicy: "network-only" });

  const confirm = async () => {
    if (noteRequired && note.trim() === "") {
      setNoteMissing(true);
      return;
    }
    setNoteMissing(false);
    setBusy(true);
    setProblem(null);
    try {
      const year = Number(visit.startsOn.slice(0, 4));
      await send({ id: visit.id, version: visit.version, note: note.trim() }, year);
      clearNote();
      onDone();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    const { error } = await loadCurrent({ variables: { id: visit.id } });
    setProblem(error ? problemOf(error) : null);
  };

  return {
    note,
    setNote,
    noteMissing,
    problem,
    busy,
    confirm: () => void confirm(),
    reload: () => void reload(),
  };
}
