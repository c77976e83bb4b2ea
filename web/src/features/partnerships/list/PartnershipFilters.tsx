import { Button, NativeSelect, SimpleGrid, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useQuery } from "@apollo/client/react";
import { useMemo, useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { useSearchParams } from "react-router";

import { THEMES } from "../../../graphql/enums";
import { useFormat } from "../../../i18n/format";
import { PARTNERSHIP_STATUSES } from "../common/enums";
import { FILTER_PARAMS, hasFilters, withParam } from "./listParams";
import { FILTER_OPTIONS } from "./queries";

const SEARCH_DEBOUNCE_MS = 350;

/** The API's filters as controls; every choice lives in the URL's search params. */
export function PartnershipFilters() {
  const intl = useIntl();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const organisations = useQuery(FILTER_OPTIONS).data?.organisations.edges.map((e) => e.node);

  const all = { value: "", label: intl.formatMessage({ id: "common.all" }) };
  const countries = useMemo(() => {
    const codes = [...new Set((organisations ?? []).map((o) => o.country))];
    return codes
      .map((code) => ({ value: code, label: format.country(code) }))
      .sort((a, b) => a.label.localeCompare(b.label, intl.locale));
  }, [organisations, format, intl.locale]);

  const set = (name: string, value: string) =>
    setParams((current) => withParam(current, name, value), { replace: true });

  return (
    // Two columns even on a phone, the search across both: the list stays near the top.
    <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="sm" verticalSpacing="xs">
      <SearchField onSearch={(text) => set("search", text)} />
      <NativeSelect
        label={intl.formatMessage({ id: "partnerships.field.status" })}
        value={params.get("status") ?? ""}
        onChange={(event) => set("status", event.currentTarget.value)}
        data={[
          all,
          ...PARTNERSHIP_STATUSES.map((s) => ({
            value: s,
            label: format.enumValue("PartnershipStatus", s),
          })),
        ]}
      />
      <NativeSelect
        label={intl.formatMessage({ id: "partnerships.field.theme" })}
        value={params.get("theme") ?? ""}
        onChange={(event) => set("theme", event.currentTarget.value)}
        data={[all, ...THEMES.map((t) => ({ value: t, label: format.enumValue("Theme", t) }))]}
      />
      <NativeSelect
        label={intl.formatMessage({ id: "partnerships.field.country" })}
        value={params.get("country") ?? ""}
        onChange={(event) => set("country", event.currentTarget.value)}
        data={[all, ...withCurrent(countries, params.get("country"))]}
      />
      <NativeSelect
        label={intl.formatMessage({ id: "partnerships.field.organisation" })}
        value={params.get("organisation") ?? ""}
        onChange={(event) => set("organisation", event.currentTarget.value)}
        data={[
          all,
          ...withCurrent(
            (organisations ?? []).map((o) => ({ value: o.id, label: o.name })),
            params.get("organisation"),
          ),
        ]}
      />
      {hasFilters(params) && (
        <Button
          variant="default"
          style={{ alignSelf: "end" }}
          onClick={() =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                for (const name of FILTER_PARAMS) next.delete(name);
                return next;
              },
              { replace: true },
            )
          }
        >
          <FormattedMessage id="partnerships.list.clearFilters" />
        </Button>
      )}
    </SimpleGrid>
  );
}

/** A value from a link stays selectable even before (or without) its option loading. */
function withCurrent(options: { value: string; label: string }[], current: string | null) {
  if (current === null || current === "" || options.some((o) => o.value === current)) {
    return options;
  }
  return [...options, { value: current, label: current }];
}

/**
 * The name search: typed text is kept here and reaches the URL (and so the API) once the
 * user pauses, not on every keystroke.
 */
function SearchField({ onSearch }: { onSearch: (text: string) => void }) {
  const intl = useIntl();
  const [params] = useSearchParams();
  const inUrl = params.get("search") ?? "";
  const [text, setText] = useState(inUrl);
  const [seen, setSeen] = useState(inUrl);
  // A change of the URL from elsewhere (back button, a link, clearing the filters) shows here.
  if (inUrl !== seen) {
    setSeen(inUrl);
    if (inUrl !== text.trim()) setText(inUrl);
  }
  const search = useDebouncedCallback((value: string) => onSearch(value.trim()), SEARCH_DEBOUNCE_MS);
  return (
    <TextInput
      type="search"
      style={{ gridColumn: "span 2" }}
      label={intl.formatMessage({ id: "partnerships.list.searchLabel" })}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        search(event.currentTarget.value);
      }}
    />
  );
}
