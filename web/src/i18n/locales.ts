export const LOCALES = ["en", "es", "sv"] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_KEY = "icld.locale";

export function isLocale(value: string | null): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}

/** The remembered choice, else the browser's first supported language, else English. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  if (isLocale(stored)) return stored;
  for (const language of navigator.languages) {
    const base = language.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return "en";
}
