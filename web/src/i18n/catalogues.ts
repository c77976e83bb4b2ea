/**
 * Message catalogues: one JSON file per locale in every `messages/` folder (the shared one
 * here and one per feature), merged per locale. Keys are ICU MessageFormat strings.
 */
import type { Locale } from "./locales";

type Catalogue = Record<string, string>;

const files = import.meta.glob<Catalogue>("../**/messages/*.json", {
  eager: true,
  import: "default",
});

function merge(locale: Locale): Catalogue {
  const merged: Catalogue = {};
  for (const [path, catalogue] of Object.entries(files)) {
    if (path.endsWith(`/${locale}.json`)) Object.assign(merged, catalogue);
  }
  return merged;
}

export const CATALOGUES: Record<Locale, Catalogue> = {
  en: merge("en"),
  es: merge("es"),
  sv: merge("sv"),
};
