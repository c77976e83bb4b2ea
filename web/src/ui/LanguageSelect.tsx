import { NativeSelect } from "@mantine/core";
import { useIntl } from "react-intl";

import { useLocale } from "../i18n/LocaleContext";
import { isLocale, LOCALES } from "../i18n/locales";

export function LanguageSelect() {
  const intl = useIntl();
  const { locale, setLocale } = useLocale();
  return (
    <NativeSelect
      label={intl.formatMessage({ id: "nav.language" })}
      value={locale}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isLocale(value)) setLocale(value);
      }}
      data={LOCALES.map((l) => ({ value: l, label: intl.formatMessage({ id: `locale.${l}` }) }))}
      size="xs"
    />
  );
}
