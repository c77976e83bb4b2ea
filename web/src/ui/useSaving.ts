import { useState } from "react";

import { problemOf, type Problem } from "../errors/problem";

/**
 * What went wrong with a form's last save or reload, and the two ways a form calls the API:
 * `attempt` a save (the old problem goes away while it runs) and `recover` from a conflict by
 * loading the latest version (the problem stays until that has worked).
 */
export function useSaving() {
  const [problem, setProblem] = useState<Problem | null>(null);

  async function attempt(save: () => Promise<unknown>) {
    setProblem(null);
    try {
      await save();
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  async function recover(reload: () => Promise<unknown>) {
    try {
      await reload();
      setProblem(null);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return { problem, attempt, recover };
}
