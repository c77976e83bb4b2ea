import { Anchor, List, Stack, Text } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { useIntl } from "react-intl";
import { Link } from "react-router";

import type { ResearchDetail_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { TermList } from "../../../ui/TermList";
import { PersonName } from "../common/PersonName";
import { RESEARCH_LINK_OPTIONS } from "../draft/operations";

/** The proposal as submitted (or as drafted so far). */
export function DetailsView({ application }: { application: ResearchDetail_ApplicationFragment }) {
  const intl = useIntl();
  const format = useFormat();
  const links = useQuery(RESEARCH_LINK_OPTIONS).data;
  const label = (id: string) => intl.formatMessage({ id });
  const none = label("common.none");
  const list = (items: readonly ReactNode[]) =>
    items.length === 0 ? none : <>{items.map((item, i) => (i === 0 ? item : [", ", item]))}</>;
  const partnerships = application.partnershipIds.map((id) => (
    <Anchor key={id} component={Link} to={`/partnerships/${id}`}>
      {links?.partnerships.nodes.find((p) => p.id === id)?.title ?? id}
    </Anchor>
  ));
  const networks = application.networkIds.map(
    (id) => links?.networks.nodes.find((n) => n.id === id)?.name ?? id,
  );
  const terms: [string, ReactNode][] = [
    [label("research.field.kind"), format.enumValue("ResearchKind", application.kind)],
    [
      label("research.field.principalInvestigator"),
      <PersonName key="pi" person={application.principalInvestigator} />,
    ],
    [
      label("research.field.coApplicants"),
      list(application.coApplicants.map((p) => <PersonName key={p.id} person={p} />)),
    ],
    [
      label("research.field.declaredDegree"),
      format.enumValue("ResearchDegree", application.declaredDegree),
    ],
    [
      label("research.field.durationMonths"),
      intl.formatMessage({ id: "research.months" }, { months: application.durationMonths }),
    ],
    [label("research.field.requested"), format.money(application.requested)],
    [
      label("research.field.maxAmount"),
      application.maxAmount ? format.money(application.maxAmount) : none,
    ],
    [
      label("research.field.submittedOn"),
      application.submittedOn ? format.date(application.submittedOn) : none,
    ],
    [label("research.field.countries"), list(application.countries.map(format.country))],
    [
      label("research.field.themes"),
      list(application.themes.map((t) => format.enumValue("Theme", t))),
    ],
    [label("research.field.sdgs"), list(application.sdgs.map(String))],
    [
      label("research.field.ethicalApproval"),
      format.enumValue("EthicalApproval", application.ethicalApproval),
    ],
    [label("research.field.partnerships"), list(partnerships)],
    [label("research.field.networks"), list(networks)],
  ];
  return (
    <Stack gap="md">
      <TermList terms={terms} cols={{ base: 1, sm: 2, lg: 3 }} />
      <Stack gap={4}>
        <Text fw={700} size="sm">
          {label("research.field.abstract")}
        </Text>
        <Text style={{ whiteSpace: "pre-line" }}>{application.abstract || none}</Text>
      </Stack>
      <Stack gap={4}>
        <Text fw={700} size="sm">
          {label("research.field.researchQuestions")}
        </Text>
        {application.researchQuestions.length === 0 ? (
          <Text>{none}</Text>
        ) : (
          <List>
            {application.researchQuestions.map((q, i) => (
              <List.Item key={i}>{q}</List.Item>
            ))}
          </List>
        )}
      </Stack>
      <Stack gap={4}>
        <Text fw={700} size="sm">
          {label("research.field.methods")}
        </Text>
        <Text style={{ whiteSpace: "pre-line" }}>{application.methods || none}</Text>
      </Stack>
    </Stack>
  );
}
