import { Button, Fieldset, Group, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useIntl } from "react-intl";

import { MAX_ITEMS, MAX_LENGTH } from "../common/rules";
import { emptyIndicator, type IndicatorDraft } from "./draft";
import { useDraftError } from "./DraftErrors";

interface Props {
  /** The API path of the result they measure, e.g. `resultsChain.outcomes[0]`. */
  path: string;
  /** Whose indicators, in words: "the goal", "outcome 1", "output 1.2". */
  owner: string;
  items: IndicatorDraft[];
  onChange: (items: IndicatorDraft[]) => void;
  /** Asks the form to put the keyboard on the control with this data-path after rendering. */
  onFocus: (path: string) => void;
}

/** How a result is measured: name, unit, baseline and target per indicator. */
export function IndicatorFields({ path, owner, items, onChange, onFocus }: Props) {
  const intl = useIntl();
  const errorAt = useDraftError();
  const set = (n: number, changes: Partial<IndicatorDraft>) =>
    onChange(items.map((item, i) => (i === n ? { ...item, ...changes } : item)));
  const fields = [
    ["name", MAX_LENGTH.indicatorName, true],
    ["unit", MAX_LENGTH.unit, false],
    ["baseline", MAX_LENGTH.baseline, true],
    ["target", MAX_LENGTH.target, true],
  ] as const;

  return (
    <Fieldset
      variant="unstyled"
      legend={intl.formatMessage({ id: "applications.indicators.legend" }, { owner })}
    >
      <Stack gap="xs">
        {items.map((item, n) => {
          const at = `${path}.indicators[${n}]`;
          const number = n + 1;
          return (
            <Fieldset
              key={item.key}
              p="xs"
              legend={intl.formatMessage({ id: "applications.indicator.legend" }, { number })}
            >
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
                {fields.map(([field, max, required]) => (
                  <TextInput
                    key={field}
                    size="sm"
                    label={intl.formatMessage({ id: `applications.indicator.${field}` })}
                    description={
                      field === "baseline" || field === "target"
                        ? intl.formatMessage({ id: "applications.indicator.valueHint" })
                        : undefined
                    }
                    value={item[field]}
                    onChange={(event) => set(n, { [field]: event.currentTarget.value })}
                    error={errorAt(`${at}.${field}`)}
                    maxLength={max}
                    data-path={`${at}.${field}`}
                    required={required}
                  />
                ))}
              </SimpleGrid>
              <Group justify="flex-end" mt="xs">
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  aria-label={intl.formatMessage(
                    { id: "applications.indicator.removeLabel" },
                    { number, owner },
                  )}
                  onClick={() => {
                    onChange(items.filter((_, i) => i !== n));
                    onFocus(`${path}.indicators.add`);
                  }}
                >
                  {intl.formatMessage({ id: "applications.remove" })}
                </Button>
              </Group>
            </Fieldset>
          );
        })}
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            disabled={items.length >= MAX_ITEMS}
            data-path={`${path}.indicators.add`}
            aria-label={intl.formatMessage({ id: "applications.indicator.addLabel" }, { owner })}
            onClick={() => {
              onChange([...items, emptyIndicator()]);
              onFocus(`${path}.indicators[${items.length}].name`);
            }}
          >
            {intl.formatMessage({ id: "applications.indicator.add" })}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
