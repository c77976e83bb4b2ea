import { parseAmount } from "../common/money";
import type { BudgetLineDraft } from "./draft";

/** Sums in öre of what is typed so far (lines without a valid amount count as nothing). */
export function budgetTotals(lines: readonly BudgetLineDraft[], locale: string) {
  const byYear = new Map<number, bigint>();
  let total = 0n;
  for (const line of lines) {
    const parsed = parseAmount(line.amount, locale);
    if (parsed.kind !== "amount") continue;
    byYear.set(line.year, (byYear.get(line.year) ?? 0n) + parsed.minor);
    total += parsed.minor;
  }
  return { byYear, total };
}
