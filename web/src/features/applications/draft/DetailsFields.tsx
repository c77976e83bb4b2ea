import {
  Checkbox,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useIntl } from "react-intl";

import type { ApplicationKind } from "../../../gql/graphql";
import { isTheme, THEMES } from "../../../graphql/enums";
import { useFormat } from "../../../i18n/format";
import { isApplicationKind, SDGS } from "../common/enums";
import { ANY_DURATION, DURATION_MONTHS, MAX_LENGTH } from "../common/rules";
import type { ApplicationDraft } from "./draft";
import { useDraftError } from "./DraftErrors";

export interface CallChoice {
  id: string;
  title: string;
  allowedTypes: readonly ApplicationKind[];
  openUntil: string;
}

interface Props {
  draft: ApplicationDraft;
  onChange: (changes: Partial<ApplicationDraft>) => void;
  /** The calls a new application may go to; an application's call is fixed once created. */
  calls: readonly CallChoice[];
  callFixed: boolean;
}

/** Call, type, title, duration, theme, SDGs and project area. */
export function DetailsFields({ draft, onChange, calls, callFixed }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const errorAt = useDraftError();
  const call = calls.find((c) => c.id === draft.callId);
  const types = call?.allowedTypes ?? (draft.type === "" ? [] : [draft.type]);
  const range = draft.type === "" ? ANY_DURATION : DURATION_MONTHS[draft.type];

  return (
    <Stack gap="md">
      {callFixed ? (
        <div>
          <Text size="sm" fw={500}>
            {intl.formatMessage({ id: "applications.field.call" })}
          </Text>
          <Text>{call?.title ?? "—"}</Text>
        </div>
      ) : (
        <NativeSelect
          label={intl.formatMessage({ id: "applications.field.call" })}
          description={
            call
              ? intl.formatMessage(
                  { id: "applications.draft.callOpenUntil" },
                  { date: format.date(call.openUntil) },
                )
              : undefined
          }
          value={draft.callId}
          onChange={(event) => {
            const next = calls.find((c) => c.id === event.currentTarget.value);
            const type =
              next && draft.type !== "" && !next.allowedTypes.includes(draft.type)
                ? (next.allowedTypes[0] ?? "")
                : draft.type;
            onChange({ callId: event.currentTarget.value, type });
          }}
          data={calls.map((c) => ({ value: c.id, label: c.title }))}
          error={errorAt("callId")}
          data-path="callId"
          required
        />
      )}
      <Radio.Group
        label={intl.formatMessage({ id: "applications.field.type" })}
        value={draft.type}
        onChange={(value) => {
          if (isApplicationKind(value)) onChange({ type: value });
        }}
        error={errorAt("type")}
        required
      >
        <Stack gap="xs" mt="xs">
          {types.map((t) => {
            const [min, max] = DURATION_MONTHS[t];
            return (
              <Radio
                key={t}
                value={t}
                data-path={`type.${t}`}
                label={intl.formatMessage(
                  { id: "applications.draft.typeOption" },
                  { type: format.enumValue("ApplicationKind", t), min, max },
                )}
              />
            );
          })}
        </Stack>
      </Radio.Group>
      <TextInput
        label={intl.formatMessage({ id: "applications.field.title" })}
        value={draft.title}
        onChange={(event) => onChange({ title: event.currentTarget.value })}
        error={errorAt("title")}
        maxLength={MAX_LENGTH.title}
        data-path="title"
        required
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={intl.formatMessage({ id: "applications.field.durationMonths" })}
          description={intl.formatMessage(
            { id: "applications.draft.durationHint" },
            { min: range[0], max: range[1] },
          )}
          inputMode="numeric"
          value={draft.durationMonths}
          onChange={(event) => onChange({ durationMonths: event.currentTarget.value })}
          error={errorAt("durationMonths")}
          data-path="durationMonths"
          required
        />
        <NativeSelect
          label={intl.formatMessage({ id: "applications.field.theme" })}
          value={draft.theme}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange({ theme: isTheme(value) ? value : "" });
          }}
          data={[
            ...(draft.theme === ""
              ? [{ value: "", label: intl.formatMessage({ id: "applications.draft.chooseTheme" }) }]
              : []),
            ...THEMES.map((t) => ({ value: t, label: format.enumValue("Theme", t) })),
          ]}
          error={errorAt("theme")}
          data-path="theme"
          required
        />
      </SimpleGrid>
      <TextInput
        label={intl.formatMessage({ id: "applications.field.projectArea" })}
        description={intl.formatMessage({ id: "applications.draft.projectAreaHint" })}
        value={draft.projectArea}
        onChange={(event) => onChange({ projectArea: event.currentTarget.value })}
        error={errorAt("projectArea")}
        maxLength={MAX_LENGTH.projectArea}
        data-path="projectArea"
      />
      <Checkbox.Group
        label={intl.formatMessage({ id: "applications.field.sdgs" })}
        value={draft.sdgs.map(String)}
        onChange={(values) => onChange({ sdgs: values.map(Number).sort((a, b) => a - b) })}
        error={errorAt("sdgs")}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="xs" spacing="xs">
          {SDGS.map((goal) => (
            <Checkbox
              key={goal}
              value={String(goal)}
              label={intl.formatMessage(
                { id: "applications.sdg.label" },
                { goal, name: intl.formatMessage({ id: `applications.sdg.${goal}` }) },
              )}
            />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </Stack>
  );
}
