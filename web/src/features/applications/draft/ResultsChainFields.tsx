import { Button, Fieldset, Group, Stack, Text, Textarea } from "@mantine/core";
import { useIntl } from "react-intl";

import { MAX_ITEMS, MAX_LENGTH } from "../common/rules";
import { emptyOutcome, emptyResult, type OutcomeDraft, type ResultDraft } from "./draft";
import { useDraftError } from "./DraftErrors";
import { IndicatorFields } from "./IndicatorFields";

interface Props {
  goal: ResultDraft;
  outcomes: OutcomeDraft[];
  onChange: (changes: { goal?: ResultDraft; outcomes?: OutcomeDraft[] }) => void;
  onFocus: (path: string) => void;
}

/** The LFA chain goal → outcomes → outputs, each with its indicators. */
export function ResultsChainFields({ goal, outcomes, onChange, onFocus }: Props) {
  const intl = useIntl();
  const errorAt = useDraftError();
  const setOutcome = (n: number, next: OutcomeDraft) =>
    onChange({ outcomes: outcomes.map((o, i) => (i === n ? next : o)) });
  const outcomesError = errorAt("resultsChain.outcomes");

  return (
    <Stack gap="md">
      <Fieldset legend={intl.formatMessage({ id: "applications.goal.legend" })} p="sm">
        <Stack gap="sm">
          <Textarea
            label={intl.formatMessage({ id: "applications.goal.statement" })}
            description={intl.formatMessage({ id: "applications.goal.hint" })}
            value={goal.statement}
            onChange={(event) =>
              onChange({ goal: { ...goal, statement: event.currentTarget.value } })
            }
            error={errorAt("resultsChain.goal.statement")}
            autosize
            minRows={2}
            maxLength={MAX_LENGTH.statement}
            data-path="resultsChain.goal.statement"
            required
          />
          <IndicatorFields
            path="resultsChain.goal"
            owner={intl.formatMessage({ id: "applications.goal.owner" })}
            items={goal.indicators}
            onChange={(indicators) => onChange({ goal: { ...goal, indicators } })}
            onFocus={onFocus}
          />
        </Stack>
      </Fieldset>
      {outcomesError && (
        <Text c="red.8" size="sm" role="alert" tabIndex={-1} data-error-anchor>
          {outcomesError}
        </Text>
      )}
      {outcomes.map((outcome, n) => (
        <OutcomeFields
          key={outcome.key}
          number={n + 1}
          path={`resultsChain.outcomes[${n}]`}
          outcome={outcome}
          onChange={(next) => setOutcome(n, next)}
          onRemove={() => {
            onChange({ outcomes: outcomes.filter((_, i) => i !== n) });
            onFocus("resultsChain.outcomes.add");
          }}
          onFocus={onFocus}
        />
      ))}
      <Group>
        <Button
          variant="light"
          disabled={outcomes.length >= MAX_ITEMS}
          data-path="resultsChain.outcomes.add"
          onClick={() => {
            onChange({ outcomes: [...outcomes, emptyOutcome()] });
            onFocus(`resultsChain.outcomes[${outcomes.length}].statement`);
          }}
        >
          {intl.formatMessage({ id: "applications.outcome.add" })}
        </Button>
      </Group>
    </Stack>
  );
}

interface OutcomeProps {
  number: number;
  path: string;
  outcome: OutcomeDraft;
  onChange: (outcome: OutcomeDraft) => void;
  onRemove: () => void;
  onFocus: (path: string) => void;
}

function OutcomeFields({ number, path, outcome, onChange, onRemove, onFocus }: OutcomeProps) {
  const intl = useIntl();
  const errorAt = useDraftError();
  const owner = intl.formatMessage({ id: "applications.outcome.owner" }, { number });
  const outputsError = errorAt(`${path}.outputs`);
  const setOutputs = (outputs: ResultDraft[]) => onChange({ ...outcome, outputs });

  return (
    <Fieldset
      legend={intl.formatMessage({ id: "applications.outcome.legend" }, { number })}
      p="sm"
    >
      <Stack gap="sm">
        <Textarea
          label={intl.formatMessage({ id: "applications.outcome.statement" })}
          value={outcome.statement}
          onChange={(event) => onChange({ ...outcome, statement: event.currentTarget.value })}
          error={errorAt(`${path}.statement`)}
          autosize
          minRows={2}
          maxLength={MAX_LENGTH.statement}
          data-path={`${path}.statement`}
          required
        />
        <IndicatorFields
          path={path}
          owner={owner}
          items={outcome.indicators}
          onChange={(indicators) => onChange({ ...outcome, indicators })}
          onFocus={onFocus}
        />
        {outputsError && (
          <Text c="red.8" size="sm" role="alert" tabIndex={-1} data-error-anchor>
            {outputsError}
          </Text>
        )}
        {outcome.outputs.map((output, m) => {
          const at = `${path}.outputs[${m}]`;
          const label = `${number}.${m + 1}`;
          const outputOwner = intl.formatMessage(
            { id: "applications.output.owner" },
            { number: label },
          );
          return (
            <Fieldset
              key={output.key}
              variant="filled"
              p="xs"
              legend={intl.formatMessage({ id: "applications.output.legend" }, { number: label })}
            >
              <Stack gap="sm">
                <Textarea
                  label={intl.formatMessage({ id: "applications.output.statement" })}
                  value={output.statement}
                  onChange={(event) =>
                    setOutputs(
                      outcome.outputs.map((o, i) =>
                        i === m ? { ...o, statement: event.currentTarget.value } : o,
                      ),
                    )
                  }
                  error={errorAt(`${at}.statement`)}
                  autosize
                  minRows={1}
                  maxLength={MAX_LENGTH.statement}
                  data-path={`${at}.statement`}
                  required
                />
                <IndicatorFields
                  path={at}
                  owner={outputOwner}
                  items={output.indicators}
                  onChange={(indicators) =>
                    setOutputs(outcome.outputs.map((o, i) => (i === m ? { ...o, indicators } : o)))
                  }
                  onFocus={onFocus}
                />
                <Group justify="flex-end">
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    aria-label={intl.formatMessage(
                      { id: "applications.output.removeLabel" },
                      { number: label },
                    )}
                    onClick={() => {
                      setOutputs(outcome.outputs.filter((_, i) => i !== m));
                      onFocus(`${path}.outputs.add`);
                    }}
                  >
                    {intl.formatMessage({ id: "applications.remove" })}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group justify="space-between">
          <Button
            variant="light"
            size="compact-sm"
            disabled={outcome.outputs.length >= MAX_ITEMS}
            data-path={`${path}.outputs.add`}
            aria-label={intl.formatMessage({ id: "applications.output.addLabel" }, { number })}
            onClick={() => {
              setOutputs([...outcome.outputs, emptyResult()]);
              onFocus(`${path}.outputs[${outcome.outputs.length}].statement`);
            }}
          >
            {intl.formatMessage({ id: "applications.output.add" })}
          </Button>
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            aria-label={intl.formatMessage({ id: "applications.outcome.removeLabel" }, { number })}
            onClick={onRemove}
          >
            {intl.formatMessage({ id: "applications.remove" })}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
