import {
  Button,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import { useFormat } from "../../../i18n/format";
import { COST_CATEGORIES, isCostCategory } from "../common/enums";
import { fromMinor } from "../common/money";
import { BUDGET_CURRENCY, MAX_ITEMS, projectYears } from "../common/rules";
import { budgetTotals } from "./budgetTotals";
import { emptyLine, type BudgetLineDraft } from "./draft";
import { useDraftError } from "./DraftErrors";

interface Props {
  lines: BudgetLineDraft[];
  /** The duration typed, when valid: it decides the project years. */
  durationMonths: number | null;
  onChange: (lines: BudgetLineDraft[]) => void;
  onFocus: (path: string) => void;
}

/** The requested budget: lines per project year and cost category, in SEK, with totals. */
export function BudgetFields({ lines, durationMonths, onChange, onFocus }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const errorAt = useDraftError();
  const years = durationMonths === null ? null : projectYears(durationMonths);
  const lastYear = Math.max(years ?? 1, ...lines.map((l) => l.year));
  const { byYear, total } = budgetTotals(lines, intl.locale);
  const sek = (minor: bigint) =>
    format.money({ amount: fromMinor(minor), currency: BUDGET_CURRENCY });
  const set = (n: number, changes: Partial<BudgetLineDraft>) =>
    onChange(lines.map((line, i) => (i === n ? { ...line, ...changes } : line)));
  const budgetError = errorAt("requestedBudget");

  return (
    <Stack gap="md">
      {budgetError && (
        <Text c="red.8" size="sm" role="alert" tabIndex={-1} data-error-anchor>
          {budgetError}
        </Text>
      )}
      {Array.from({ length: lastYear }, (_, i) => i + 1).map((year) => {
        const indexed = lines
          .map((line, n) => ({ line, n }))
          .filter(({ line }) => line.year === year);
        const beyond = years !== null && year > years;
        return (
          <Fieldset
            key={year}
            p="sm"
            legend={intl.formatMessage({ id: "applications.budget.year" }, { year })}
          >
            <Stack gap="sm">
              {beyond && (
                <Text size="sm" c="orange.9">
                  <FormattedMessage
                    id="applications.budget.beyond"
                    values={{ year, months: durationMonths ?? 0 }}
                  />
                </Text>
              )}
              {indexed.map(({ line, n }, position) => {
                const at = `requestedBudget[${n}]`;
                const number = position + 1;
                const lineError = errorAt(`${at}.year`) ?? errorAt(`${at}.category`);
                return (
                  <div key={line.key}>
                    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                      <NativeSelect
                        label={intl.formatMessage(
                          { id: "applications.budget.category" },
                          { number },
                        )}
                        value={line.category}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          if (isCostCategory(value)) set(n, { category: value });
                        }}
                        data={COST_CATEGORIES.map((c) => ({
                          value: c,
                          label: format.enumValue("CostCategory", c),
                        }))}
                        error={lineError}
                        data-path={`${at}.category`}
                      />
                      <TextInput
                        label={intl.formatMessage({ id: "applications.budget.amount" }, { number })}
                        inputMode="decimal"
                        value={line.amount}
                        onChange={(event) => set(n, { amount: event.currentTarget.value })}
                        error={errorAt(`${at}.amount`)}
                        data-path={`${at}.amount`}
                        required
                      />
                    </SimpleGrid>
                    <Group justify="flex-end" mt={4}>
                      <Button
                        variant="subtle"
                        color="red"
                        size="compact-sm"
                        aria-label={intl.formatMessage(
                          { id: "applications.budget.removeLabel" },
                          { number, year },
                        )}
                        onClick={() => {
                          onChange(lines.filter((_, i) => i !== n));
                          onFocus(`requestedBudget.add.${year}`);
                        }}
                      >
                        {intl.formatMessage({ id: "applications.remove" })}
                      </Button>
                    </Group>
                  </div>
                );
              })}
              <Group justify="space-between" align="center">
                <Button
                  variant="light"
                  size="compact-sm"
                  disabled={lines.length >= MAX_ITEMS}
                  data-path={`requestedBudget.add.${year}`}
                  aria-label={intl.formatMessage({ id: "applications.budget.addLabel" }, { year })}
                  onClick={() => {
                    onChange([...lines, emptyLine(year)]);
                    onFocus(`requestedBudget[${lines.length}].amount`);
                  }}
                >
                  {intl.formatMessage({ id: "applications.budget.add" })}
                </Button>
                <Text fw={600}>
                  <FormattedMessage
                    id="applications.budget.yearTotal"
                    values={{ year, total: sek(byYear.get(year) ?? 0n) }}
                  />
                </Text>
              </Group>
            </Stack>
          </Fieldset>
        );
      })}
      <Text fw={700} size="lg">
        <FormattedMessage id="applications.budget.total" values={{ total: sek(total) }} />
      </Text>
    </Stack>
  );
}
