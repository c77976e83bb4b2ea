import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { FormattedMessage, useIntl } from "react-intl";

import type { ResearchCall_CallFragment } from "../../../gql/graphql";
import { isTheme } from "../../../graphql/enums";
import { useFormat } from "../../../i18n/format";
import { COST_CATEGORIES, isCostCategory, SDGS } from "../../applications/common/enums";
import { fromMinor, parseAmount } from "../../applications/common/money";
import {
  ETHICAL_APPROVALS,
  isEthicalApproval,
  isResearchDegree,
  isResearchKind,
  RESEARCH_DEGREES,
  RESEARCH_KINDS,
} from "../common/enums";
import { ORGANISATION_PEOPLE } from "../common/fragments";
import { personLabel } from "../common/PersonName";
import { durationOf, type BudgetRow, type ResearchDraft } from "./draft";
import { RESEARCH_LINK_OPTIONS } from "./operations";

const MAX_LINES = 50;

interface Props {
  draft: ResearchDraft;
  call: ResearchCall_CallFragment;
  organisationId: string;
  /** Kind and principal investigator are chosen once: the application is created with them. */
  created: boolean;
  onChange: (changes: Partial<ResearchDraft>) => void;
  /** The error to show at a form path (the API's refusal, or input held back). */
  errorAt: (path: string) => string | undefined;
}

/** The proposal: who applies for what, the research itself, and its budget. */
export function ProposalFields({ draft, call, organisationId, created, onChange, errorAt }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const label = (id: string) => intl.formatMessage({ id });
  const people = useQuery(ORGANISATION_PEOPLE, { variables: { organisationId } }).data?.people
    .nodes;
  const links = useQuery(RESEARCH_LINK_OPTIONS).data;
  const peopleOptions = (people ?? []).map((p) => ({ value: p.id, label: personLabel(p) }));
  const caps = call.capVersions.at(-1)?.caps ?? [];

  return (
    <Stack gap="md">
      <Radio.Group
        label={label("research.field.kind")}
        value={draft.kind}
        onChange={(value) => {
          if (isResearchKind(value)) onChange({ kind: value });
        }}
        error={errorAt("kind")}
        required
      >
        <Stack gap="xs" mt="xs">
          {RESEARCH_KINDS.map((kind) => {
            const cap = caps.find((c) => c.kind === kind);
            return (
              <Radio
                key={kind}
                value={kind}
                disabled={created || cap === undefined}
                label={intl.formatMessage(
                  { id: "research.draft.kindOption" },
                  {
                    kind: format.enumValue("ResearchKind", kind),
                    cap: cap ? format.money(cap.maxAmount) : "—",
                  },
                )}
              />
            );
          })}
        </Stack>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={label("research.field.principalInvestigator")}
          value={draft.principalInvestigatorId}
          disabled={created}
          required
          onChange={(event) => onChange({ principalInvestigatorId: event.currentTarget.value })}
          data={[{ value: "", label: label("research.draft.choosePerson") }, ...peopleOptions]}
          error={errorAt("principalInvestigatorId")}
        />
        <NativeSelect
          label={label("research.field.declaredDegree")}
          value={draft.declaredDegree}
          required
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange({ declaredDegree: isResearchDegree(value) ? value : "" });
          }}
          data={[
            { value: "", label: label("research.draft.chooseDegree") },
            ...RESEARCH_DEGREES.map((d) => ({
              value: d,
              label: format.enumValue("ResearchDegree", d),
            })),
          ]}
          error={errorAt("declaredDegree")}
        />
      </SimpleGrid>
      <TextInput
        label={label("research.field.title")}
        value={draft.title}
        required
        maxLength={200}
        onChange={(event) => onChange({ title: event.currentTarget.value })}
        error={errorAt("title")}
      />
      <MultiSelect
        label={label("research.field.coApplicants")}
        description={label("research.draft.coApplicantsHint")}
        data={peopleOptions.filter((o) => o.value !== draft.principalInvestigatorId)}
        value={draft.coApplicantIds}
        onChange={(coApplicantIds) => onChange({ coApplicantIds })}
        searchable
        clearable
        hidePickedOptions
        error={errorAt("coApplicantIds")}
      />
      <Textarea
        label={label("research.field.abstract")}
        value={draft.abstract}
        autosize
        minRows={3}
        maxLength={4000}
        onChange={(event) => onChange({ abstract: event.currentTarget.value })}
        error={errorAt("abstract")}
      />
      <Textarea
        label={label("research.field.researchQuestions")}
        description={label("research.draft.questionsHint")}
        value={draft.researchQuestions}
        autosize
        minRows={2}
        onChange={(event) => onChange({ researchQuestions: event.currentTarget.value })}
        error={errorAt("researchQuestions")}
      />
      <Textarea
        label={label("research.field.methods")}
        value={draft.methods}
        autosize
        minRows={2}
        maxLength={4000}
        onChange={(event) => onChange({ methods: event.currentTarget.value })}
        error={errorAt("methods")}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={label("research.field.countries")}
          description={label("research.draft.countriesHint")}
          value={draft.countries}
          onChange={(event) => onChange({ countries: event.currentTarget.value })}
          error={errorAt("countries")}
        />
        <TextInput
          label={label("research.field.durationMonths")}
          description={label("research.draft.durationHint")}
          inputMode="numeric"
          value={draft.durationMonths}
          onChange={(event) => onChange({ durationMonths: event.currentTarget.value })}
          error={errorAt("durationMonths")}
        />
        <NativeSelect
          label={label("research.field.ethicalApproval")}
          value={draft.ethicalApproval}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isEthicalApproval(value)) onChange({ ethicalApproval: value });
          }}
          data={ETHICAL_APPROVALS.map((e) => ({
            value: e,
            label: format.enumValue("EthicalApproval", e),
          }))}
          error={errorAt("ethicalApproval")}
        />
      </SimpleGrid>
      <Checkbox.Group
        label={label("research.field.themes")}
        description={label("research.draft.themesHint")}
        value={draft.themes}
        onChange={(values) => onChange({ themes: values.filter(isTheme) })}
        error={errorAt("themes")}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
          {call.themes.map((theme) => (
            <Checkbox key={theme} value={theme} label={format.enumValue("Theme", theme)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <MultiSelect
        label={label("research.field.sdgs")}
        data={SDGS.map((goal) => ({
          value: String(goal),
          label: intl.formatMessage(
            { id: "applications.sdg.label" },
            { goal, name: intl.formatMessage({ id: `applications.sdg.${goal}` }) },
          ),
        }))}
        value={draft.sdgs}
        onChange={(sdgs) => onChange({ sdgs })}
        searchable
        clearable
        hidePickedOptions
        error={errorAt("sdgs")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MultiSelect
          label={label("research.field.partnerships")}
          data={(links?.partnerships.nodes ?? []).map((p) => ({ value: p.id, label: p.title }))}
          value={draft.partnershipIds}
          onChange={(partnershipIds) => onChange({ partnershipIds })}
          searchable
          clearable
          hidePickedOptions
          error={errorAt("partnershipIds")}
        />
        <MultiSelect
          label={label("research.field.networks")}
          data={(links?.networks.nodes ?? []).map((n) => ({ value: n.id, label: n.name }))}
          value={draft.networkIds}
          onChange={(networkIds) => onChange({ networkIds })}
          searchable
          clearable
          hidePickedOptions
          error={errorAt("networkIds")}
        />
      </SimpleGrid>
      <BudgetRows
        rows={draft.budget}
        years={Math.max(1, Math.ceil((durationOf(draft) ?? 12) / 12))}
        onChange={(budget) => onChange({ budget })}
        errorAt={errorAt}
      />
    </Stack>
  );
}

interface BudgetProps {
  rows: BudgetRow[];
  years: number;
  onChange: (rows: BudgetRow[]) => void;
  errorAt: (path: string) => string | undefined;
}

/** The budget by year and cost category, in SEK, with its total. */
function BudgetRows({ rows, years, onChange, errorAt }: BudgetProps) {
  const intl = useIntl();
  const format = useFormat();
  const set = (n: number, changes: Partial<BudgetRow>) =>
    onChange(rows.map((row, i) => (i === n ? { ...row, ...changes } : row)));
  const total = rows.reduce((sum, row) => {
    const amount = parseAmount(row.amount, intl.locale);
    return amount.kind === "amount" ? sum + amount.minor : sum;
  }, 0n);
  const yearOptions = Array.from({ length: Math.max(years, ...rows.map((r) => Number(r.year))) }, (_, i) => ({
    value: String(i + 1),
    label: intl.formatMessage({ id: "applications.budget.year" }, { year: i + 1 }),
  }));
  const budgetError = errorAt("budget");

  return (
    <Fieldset legend={intl.formatMessage({ id: "research.section.budget" })} p="sm">
      <Stack gap="sm">
        {budgetError && (
          <Text c="red.8" size="sm" role="alert" tabIndex={-1} data-error-anchor>
            {budgetError}
          </Text>
        )}
        {rows.map((row, n) => (
          <Group key={n} align="end" gap="xs" wrap="wrap">
            <NativeSelect
              label={intl.formatMessage({ id: "research.budget.year" }, { number: n + 1 })}
              value={row.year}
              onChange={(event) => set(n, { year: event.currentTarget.value })}
              data={yearOptions}
              error={errorAt(`budget.${n}.year`)}
            />
            <NativeSelect
              label={intl.formatMessage({ id: "research.budget.category" }, { number: n + 1 })}
              value={row.category}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isCostCategory(value)) set(n, { category: value });
              }}
              data={COST_CATEGORIES.map((c) => ({
                value: c,
                label: format.enumValue("CostCategory", c),
              }))}
            />
            <TextInput
              label={intl.formatMessage({ id: "research.budget.amount" }, { number: n + 1 })}
              inputMode="decimal"
              value={row.amount}
              onChange={(event) => set(n, { amount: event.currentTarget.value })}
              error={errorAt(`budget.${n}.amount`)}
              style={{ flex: "1 1 140px" }}
            />
            <Button
              variant="default"
              onClick={() => onChange(rows.filter((_, i) => i !== n))}
              aria-label={intl.formatMessage({ id: "research.budget.remove" }, { number: n + 1 })}
            >
              <FormattedMessage id="research.budget.removeShort" />
            </Button>
          </Group>
        ))}
        <Group justify="space-between">
          <Button
            variant="default"
            disabled={rows.length >= MAX_LINES}
            onClick={() =>
              onChange([...rows, { year: "1", category: "WORKING_HOURS", amount: "" }])
            }
          >
            <FormattedMessage id="research.budget.add" />
          </Button>
          <Text fw={700}>
            <FormattedMessage
              id="research.budget.total"
              values={{ total: format.money({ amount: fromMinor(total), currency: "SEK" }) }}
            />
          </Text>
        </Group>
      </Stack>
    </Fieldset>
  );
}

