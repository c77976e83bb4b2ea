import { Anchor } from "@mantine/core";
import type { ReactNode } from "react";
import { useIntl } from "react-intl";
import { Link } from "react-router";

import type { ApplicationDetail_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { TermList } from "../../../ui/TermList";
import { StatusBadge } from "../common/StatusBadge";

/** The application's particulars as a description list. */
export function DetailsView({
  application,
}: {
  application: ApplicationDetail_ApplicationFragment;
}) {
  const intl = useIntl();
  const format = useFormat();
  const label = (id: string) => intl.formatMessage({ id });
  const none = label("common.none");
  const rows: [string, ReactNode][] = [
    [
      label("applications.field.caseNumber"),
      application.caseNumber ?? label("applications.noCaseNumber"),
    ],
    [label("applications.field.status"), <StatusBadge key="status" status={application.status} />],
    [label("applications.field.type"), format.enumValue("ApplicationKind", application.type)],
    [label("applications.field.call"), application.call?.title ?? "—"],
    [
      label("applications.field.partnership"),
      application.partnership ? (
        <Anchor component={Link} to={`/partnerships/${application.partnershipId}`}>
          {application.partnership.title}
        </Anchor>
      ) : (
        "—"
      ),
    ],
    [
      label("applications.field.durationMonths"),
      intl.formatMessage({ id: "applications.months" }, { months: application.durationMonths }),
    ],
    [label("applications.field.theme"), format.enumValue("Theme", application.theme)],
    [
      label("applications.field.sdgs"),
      application.sdgs.length === 0
        ? none
        : application.sdgs
            .map((goal) =>
              intl.formatMessage(
                { id: "applications.sdg.label" },
                { goal, name: label(`applications.sdg.${goal}`) },
              ),
            )
            .join("; "),
    ],
    [label("applications.field.projectArea"), application.projectArea || none],
    [
      label("applications.field.submittedOn"),
      application.submittedOn
        ? format.date(application.submittedOn)
        : label("applications.notSubmitted"),
    ],
    [label("applications.field.requestedTotal"), format.money(application.requestedTotal)],
  ];
  return (
    <TermList terms={rows} cols={{ base: 1, sm: 2 }} spacing="sm" />
  );
}
