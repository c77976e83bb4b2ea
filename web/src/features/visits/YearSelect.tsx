import { NativeSelect } from "@mantine/core";
import { useIntl } from "react-intl";

import { currentYear } from "./visitsYear";

interface Props {
  year: number;
  /** The partnership's first day: no visit before its year. */
  startedOn: string;
  onChange: (year: number) => void;
}

/** The years a partnership can have visits in, newest first (next year for plans ahead). */
export function YearSelect({ year, startedOn, onChange }: Props) {
  const intl = useIntl();
  const first = Math.min(Number(startedOn.slice(0, 4)), year);
  const last = Math.max(currentYear() + 1, year);
  const years = Array.from({ length: last - first + 1 }, (_, i) => String(last - i));
  return (
    <NativeSelect
      label={intl.formatMessage({ id: "visits.year" })}
      value={String(year)}
      onChange={(event) => onChange(Number(event.currentTarget.value))}
      data={years}
      w={120}
    />
  );
}
