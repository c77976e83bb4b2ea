import { Button, Group, Radio, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useEffect, useRef, useState, type SyntheticEvent } from "react";
import { useIntl } from "react-intl";
import { Link } from "react-router";

import type { Problem } from "../../errors/problem";
import type { VisitForm_PartnershipFragment } from "../../gql/graphql";
import { useFormat } from "../../i18n/format";
import { useFieldError } from "../../ui/FieldMessage";
import { ProblemAlert } from "../../ui/ProblemAlert";
import { partnershipOrganisations } from "./organisations";
import { ParticipantsField } from "./ParticipantsField";
import {
  checkDraft,
  MAX_VISIT_DAYS,
  visitDays,
  type DraftError,
  type DraftField,
  type VisitDraft,
} from "./visitDraft";

interface Props {
  partnership: VisitForm_PartnershipFragment;
  draft: VisitDraft;
  onChange: (draft: VisitDraft) => void;
  /** Called with a draft that passed the checks. */
  onSubmit: () => void;
  submitLabel: string;
  busy: boolean;
  problem: Problem | null;
  /** Offered after a conflict (editing): the latest version, keeping the input. */
  onReload?: () => void;
}

/** Host, dates, purpose and participants of a visit; the plan and edit pages share it. */
export function VisitForm(props: Props) {
  const { partnership, draft, onChange, problem } = props;
  const intl = useIntl();
  const format = useFormat();
  const serverError = useFieldError(problem);
  const formRef = useRef<HTMLFormElement>(null);
  const [attempts, setAttempts] = useState(0);
  const organisations = partnershipOrganisations(partnership);
  const rules = { startedOn: partnership.startedOn, formatDate: format.date };
  const errors = attempts > 0 ? checkDraft(draft, rules) : {};

  // After a refused attempt, the keyboard goes to the first field to correct.
  useEffect(() => {
    if (attempts === 0 && problem?.kind !== "field") return;
    formRef.current
      ?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] input')
      ?.focus();
  }, [attempts, problem]);

  const message = (error: DraftError | undefined) =>
    error === undefined ? undefined : intl.formatMessage({ id: error.id }, error.values);
  const errorOf = (field: DraftField) => message(errors[field]) ?? serverError(field);
  const set = (changes: Partial<VisitDraft>) => onChange({ ...draft, ...changes });
  const hostError = errorOf("hostOrganisationId");

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    if (Object.keys(checkDraft(draft, rules)).length === 0) props.onSubmit();
  };

  const days = visitDays(draft.startsOn, draft.endsOn);
  const serverFieldShown =
    problem?.kind === "field" &&
    ["hostOrganisationId", "startsOn", "endsOn", "purpose", "participantIds"].some(
      (f) => serverError(f) !== undefined,
    );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="lg" maw={720}>
        <Radio.Group
          label={intl.formatMessage({ id: "visits.field.hostOrganisation" })}
          description={intl.formatMessage({ id: "visits.hostHint" })}
          value={draft.hostOrganisationId}
          onChange={(hostOrganisationId) => set({ hostOrganisationId })}
          error={hostError}
          required
        >
          {/* Radios carry no aria-invalid: the mark lets the focus find the group. */}
          <Stack gap="xs" mt="xs" data-invalid={hostError === undefined ? undefined : true}>
            {organisations.map((o) => (
              <Radio
                key={o.id}
                value={o.id}
                label={intl.formatMessage(
                  { id: "visits.host" },
                  { name: o.name, country: format.country(o.country) },
                )}
              />
            ))}
          </Stack>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={intl.formatMessage({ id: "visits.field.startsOn" })}
            value={draft.startsOn}
            onChange={(event) => set({ startsOn: event.currentTarget.value })}
            min={partnership.startedOn}
            error={errorOf("startsOn")}
            required
          />
          <TextInput
            type="date"
            label={intl.formatMessage({ id: "visits.field.endsOn" })}
            description={intl.formatMessage(
              { id: "visits.datesHint" },
              { max: MAX_VISIT_DAYS, days: days !== null && days > 0 ? days : 0 },
            )}
            value={draft.endsOn}
            onChange={(event) => set({ endsOn: event.currentTarget.value })}
            min={draft.startsOn || partnership.startedOn}
            error={errorOf("endsOn")}
            required
          />
        </SimpleGrid>
        <Textarea
          label={intl.formatMessage({ id: "visits.field.purpose" })}
          value={draft.purpose}
          onChange={(event) => set({ purpose: event.currentTarget.value })}
          error={errorOf("purpose")}
          autosize
          minRows={3}
          maxLength={1000}
          required
        />
        <ParticipantsField
          organisations={organisations}
          value={draft.participants}
          onChange={(participants) => set({ participants })}
          error={errorOf("participantIds")}
        />
        {problem !== null && !serverFieldShown && (
          <ProblemAlert problem={problem} onRetry={props.onSubmit} onReload={props.onReload} />
        )}
        <Group>
          <Button type="submit" loading={props.busy}>
            {props.submitLabel}
          </Button>
          <Button component={Link} to={`/partnerships/${partnership.id}`} variant="default">
            {intl.formatMessage({ id: "common.cancel" })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
