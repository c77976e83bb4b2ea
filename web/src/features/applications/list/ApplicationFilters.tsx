import { Button, NativeSelect, SimpleGrid } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { useMemo } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { useSearchParams } from "react-router";

import { useFormat } from "../../../i18n/format";
import { APPLICATION_KINDS, APPLICATION_STATUSES } from "../common/enums";
import { hasFilters, withoutFilters, withParam } from "./listParams";
import { CALL_OPTIONS } from "./queries";

const YEARS_BACK = 10;

interface Option {
  value: string;
  label: string;
}

/** The API's filters as controls; every choice lives in the URL's search params. */
export function ApplicationFilters() {
  const intl = useIntl();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const calls = useQuery(CALL_OPTIONS).data?.calls.nodes;

  const all = { value: "", label: intl.formatMessage({ id: "common.all" }) };
  const years = useMemo(() => {
    const current = new Date().getUTCFullYear();
    return Array.from({ length: YEARS_BACK + 1 }, (_, i) => String(current - i)).map((y) => ({
      value: y,
      label: y,
    }));
  }, []);
  const callOptions = useMemo(
    () =>
      [...(calls ?? [])]
        .sort((a, b) => b.opensOn.localeCompare(a.opensOn))
        .map((c) => ({ value: c.id, label: c.title })),
    [calls],
  );

  const set = (name: string, value: string) =>
    setParams((current) => withParam(current, name, value), { replace: true });

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      <NativeSelect
        label={intl.formatMessage({ id: "applications.field.status" })}
        value={params.get("status") ?? ""}
        onChange={(event) => set("status", event.currentTarget.value)}
        data={[
          all,
          ...APPLICATION_STATUSES.map((s) => ({
            value: s,
            label: format.enumValue("ApplicationStatus", s),
          })),
        ]}
      />
      <NativeSelect
        label={intl.formatMessage({ id: "applications.field.type" })}
        value={params.get("type") ?? ""}
        onChange={(event) => set("type", event.currentTarget.value)}
        data={[
          all,
          ...APPLICATION_KINDS.map((k) => ({
            value: k,
            label: format.enumValue("ApplicationKind", k),
          })),
        ]}
      />
      <NativeSelect
        label={intl.formatMessage({ id: "applications.field.call" })}
        value={params.get("call") ?? ""}
        onChange={(event) => set("call", event.currentTarget.value)}
        data={[all, ...withCurrent(callOptions, params.get("call"))]}
      />
      <NativeSelect
        label={intl.formatMessage({ id: "applications.field.year" })}
        value={params.get("year") ?? ""}
        onChange={(event) => set("year", event.currentTarget.value)}
        data={[all, ...withCurrent(years, params.get("year"))]}
      />
      {hasFilters(params) && (
        <Button
          variant="default"
          style={{ alignSelf: "end" }}
          onClick={() => setParams(withoutFilters, { replace: true })}
        >
          <FormattedMessage id="applications.list.clearFilters" />
        </Button>
      )}
    </SimpleGrid>
  );
}

/** A value from a link stays selectable even before (or without) its option loading. */
function withCurrent(options: Option[], current: string | null): Option[] {
  if (current === null || current === "" || options.some((o) => o.value === current)) {
    return options;
  }
  return [...options, { value: current, label: current }];
}
