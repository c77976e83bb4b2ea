/** Dates, money, countries and enum values in the user's locale. */
import { useMemo } from "react";
import { useIntl } from "react-intl";

export interface MoneyValue {
  amount: string;
  currency: string;
}

export function useFormat() {
  const intl = useIntl();
  return useMemo(() => {
    const regions = new Intl.DisplayNames([intl.locale], { type: "region" });
    return {
      /** A calendar date (YYYY-MM-DD) as the user's locale writes it. */
      date: (iso: string) =>
        intl.formatDate(new Date(`${iso.slice(0, 10)}T12:00:00`), { dateStyle: "medium" }),
      dateTime: (iso: string) =>
        intl.formatDate(new Date(iso), { dateStyle: "medium", timeStyle: "short" }),
      money: ({ amount, currency }: MoneyValue) =>
        intl.formatNumber(Number(amount), { style: "currency", currency }),
      number: (value: number) => intl.formatNumber(value),
      country: (code: string) => regions.of(code) ?? code,
      /** An enum value through its catalogue key `enum.<Type>.<VALUE>`. */
      enumValue: (type: string, value: string) =>
        intl.formatMessage({ id: `enum.${type}.${value}`, defaultMessage: value }),
    };
  }, [intl]);
}
