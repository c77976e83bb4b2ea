import { Fieldset, Input, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { useIntl } from "react-intl";

import { OrganisationPeopleSelect } from "./OrganisationPeopleSelect";
import type { OrganisationChoice } from "./organisations";

// The legend reads like the other fields' labels.
const LEGEND = { fontWeight: 600, fontSize: "var(--mantine-font-size-sm)", marginBottom: 0 };

interface Props {
  organisations: readonly OrganisationChoice[];
  value: Record<string, string[]>;
  onChange: (value: Record<string, string[]>) => void;
  error: string | undefined;
}

/** Who takes part, chosen per partner organisation (people are listed per organisation). */
export function ParticipantsField({ organisations, value, onChange, error }: Props) {
  const intl = useIntl();
  const hintId = useId();
  const errorId = useId();
  return (
    <Fieldset
      legend={intl.formatMessage({ id: "visits.field.participants" })}
      aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      variant="unstyled"
      p={0}
      m={0}
      styles={{ legend: LEGEND }}
    >
      <Stack gap="sm">
        <Text size="xs" c="dimmed" id={hintId}>
          {intl.formatMessage({ id: "visits.participantsHint" })}
        </Text>
        {organisations.map((organisation) => (
          <OrganisationPeopleSelect
            key={organisation.id}
            organisation={organisation}
            value={value[organisation.id] ?? []}
            onChange={(people) => onChange({ ...value, [organisation.id]: people })}
            invalid={error !== undefined}
          />
        ))}
        {error !== undefined && <Input.Error id={errorId}>{error}</Input.Error>}
      </Stack>
    </Fieldset>
  );
}
