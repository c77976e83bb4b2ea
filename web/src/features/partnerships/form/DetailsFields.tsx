import { MultiSelect, Textarea, TextInput } from "@mantine/core";
import { useIntl } from "react-intl";

import type { Theme } from "../../../gql/graphql";
import { isTheme, THEMES } from "../../../graphql/enums";
import { useFormat } from "../../../i18n/format";

export interface Details {
  title: string;
  themes: Theme[];
  focus: string;
}

interface Props {
  value: Details;
  onChange: (value: Details) => void;
  /** The API's refusal of a field, in words (from useFieldError). */
  fieldError: (...fields: string[]) => string | undefined;
}

/**
 * Title, themes and focus: what both creating and editing a partnership set. Required
 * fields are marked but not enforced here: the API checks them and its answer shows at the
 * field.
 */
export function DetailsFields({ value, onChange, fieldError }: Props) {
  const intl = useIntl();
  const format = useFormat();
  return (
    <>
      <TextInput
        label={intl.formatMessage({ id: "partnerships.field.title" })}
        withAsterisk
        value={value.title}
        onChange={(event) => onChange({ ...value, title: event.currentTarget.value })}
        error={fieldError("title")}
      />
      <MultiSelect
        label={intl.formatMessage({ id: "partnerships.field.themes" })}
        withAsterisk
        data={THEMES.map((t) => ({ value: t, label: format.enumValue("Theme", t) }))}
        value={value.themes}
        onChange={(themes) => onChange({ ...value, themes: themes.filter(isTheme) })}
        error={fieldError("themes")}
        searchable
      />
      <Textarea
        label={intl.formatMessage({ id: "partnerships.field.focus" })}
        description={intl.formatMessage({ id: "partnerships.form.focusHint" })}
        value={value.focus}
        onChange={(event) => onChange({ ...value, focus: event.currentTarget.value })}
        error={fieldError("focus")}
        autosize
        minRows={3}
      />
    </>
  );
}
