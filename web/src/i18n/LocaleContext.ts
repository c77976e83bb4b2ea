import { createContext, useContext } from "react";

import type { Locale } from "./locales";

export interface LocaleChoice {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

export const LocaleContext = createContext<LocaleChoice | null>(null);

export function useLocale(): LocaleChoice {
  const choice = useContext(LocaleContext);
  if (choice === null) throw new Error("useLocale outside LocaleProvider");
  return choice;
}
