import { useCallback, useEffect, useRef, useState } from "react";

import type { Problem } from "../../../errors/problem";

/** The saved application a save builds on: each save takes the version the last returned. */
export interface Target {
  id: string;
  version: number;
}

export type SaveOutcome = { ok: true; target: Target } | { ok: false; problem: Problem };

export type SaveStatus =
  | { kind: "idle" }
  /** Nothing can be saved yet: a new application needs its required fields first. */
  | { kind: "waiting" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "failed"; problem: Problem };

interface Options {
  /** The application being edited; null until the first save creates it. */
  initial: Target | null;
  delayMs: number;
  /** Whether the form can be saved now onto `target` (a new one needs its required fields). */
  ready: (target: Target | null) => boolean;
  /** Saves the form as it is now: creates the application when `target` is null. */
  save: (target: Target | null, keepalive: boolean) => Promise<SaveOutcome>;
  /** After each save; `settled` when nothing changed while it was under way. */
  onSaved: (target: Target, created: boolean, settled: boolean) => void;
}

function isDirty(dirty: { current: boolean }): boolean {
  return dirty.current;
}

/**
 * Saves a form a pause after the last change, on leaving the page, and when asked (before a
 * submission). One save at a time. A conflict (someone else saved a newer version) stops
 * saving until `rebase` takes the newer version: the user's input is then saved over it.
 */
export function useAutosave({ initial, delayMs, ready, save, onSaved }: Options) {
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const target = useRef(initial);
  const dirty = useRef(false);
  const blocked = useRef(false);
  const running = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const callbacks = useRef({ ready, save, onSaved });
  useEffect(() => {
    callbacks.current = { ready, save, onSaved };
  });

  const attempt = useCallback(async (keepalive: boolean): Promise<boolean> => {
    const before = target.current;
    if (!callbacks.current.ready(before)) {
      setStatus({ kind: "waiting" });
      return false;
    }
    dirty.current = false;
    setStatus({ kind: "saving" });
    const outcome = await callbacks.current.save(before, keepalive);
    if (!outcome.ok) {
      dirty.current = true;
      if (outcome.problem.kind === "conflict") blocked.current = true;
      setStatus({ kind: "failed", problem: outcome.problem });
      return false;
    }
    target.current = outcome.target;
    // Read through a call: the user may have typed while the save was under way.
    const changedMeanwhile = isDirty(dirty);
    callbacks.current.onSaved(outcome.target, before === null, !changedMeanwhile);
    setStatus(changedMeanwhile ? { kind: "pending" } : { kind: "saved", at: new Date() });
    return true;
  }, []);

  /** Saves now what is unsaved (everything, with `force`); true when the server has it. */
  const flush = useCallback(
    async (force = false, keepalive = false): Promise<boolean> => {
      window.clearTimeout(timer.current);
      // JavaScript resumes one waiter at a time: the first to find no save running starts one.
      while (running.current !== null) await running.current;
      if (blocked.current) return false;
      if (!dirty.current && !force) return true;
      const current = attempt(keepalive);
      running.current = current;
      try {
        return await current;
      } finally {
        running.current = null;
      }
    },
    [attempt],
  );

  /** The user changed something: save after a pause. */
  const touch = useCallback(() => {
    dirty.current = true;
    if (blocked.current) return;
    setStatus((s) => (s.kind === "pending" ? s : { kind: "pending" }));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), delayMs);
  }, [delayMs, flush]);

  /** After a conflict: build on the latest version, keeping (and saving) the user's input. */
  const rebase = useCallback(
    (version: number) => {
      if (target.current !== null) target.current = { ...target.current, version };
      blocked.current = false;
      dirty.current = true;
      return flush(true);
    },
    [flush],
  );

  const current = useCallback(() => target.current, []);

  useEffect(() => {
    // Leaving the page (another tab, closing it): what is unsaved goes out in a request
    // the browser completes even after the page is gone.
    const hidden = () => {
      if (document.visibilityState === "hidden") void flush(false, true);
    };
    document.addEventListener("visibilitychange", hidden);
    return () => {
      document.removeEventListener("visibilitychange", hidden);
      // Leaving for another screen of the console.
      void flush();
    };
  }, [flush]);

  return { status, touch, flush, rebase, current };
}
