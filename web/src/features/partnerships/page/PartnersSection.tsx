import { useIntl } from "react-intl";

import { graphql } from "../../../gql";
import type { PartnersSection_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { Section } from "../../../ui/Section";
import { HiddenNote } from "../common/HiddenNote";
import { ResponsiveTable } from "../common/ResponsiveTable";

graphql(`
  fragment PartnersSection_partnership on Partnership {
    id
    swedishPartner {
      id
      name
      country
      kind
    }
    partners {
      id
      name
      country
      kind
    }
  }
`);

interface Props {
  partnership: PartnersSection_PartnershipFragment;
  hidden: boolean;
}

export function PartnersSection({ partnership, hidden }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const rows = [
    ...(partnership.swedishPartner ? [{ ...partnership.swedishPartner, swedish: true }] : []),
    ...partnership.partners.map((p) => ({ ...p, swedish: false })),
  ];
  const title = intl.formatMessage({ id: "partnerships.page.partners" });
  return (
    <Section title={title}>
      {hidden && <HiddenNote id="partnerships.page.partnersHidden" />}
      <ResponsiveTable
        label={title}
        rows={rows}
        rowKey={(row) => row.id}
        columns={[
          {
            key: "name",
            header: intl.formatMessage({ id: "partnerships.field.organisation" }),
            cell: (row) => row.name,
          },
          {
            key: "country",
            header: intl.formatMessage({ id: "partnerships.field.country" }),
            cell: (row) => format.country(row.country),
          },
          {
            key: "kind",
            header: intl.formatMessage({ id: "partnerships.field.organisationKind" }),
            cell: (row) => format.enumValue("OrganisationKind", row.kind),
          },
          {
            key: "side",
            header: intl.formatMessage({ id: "partnerships.field.partnerSide" }),
            cell: (row) =>
              intl.formatMessage({
                id: row.swedish ? "partnerships.field.swedishPartner" : "partnerships.field.partnerAbroad",
              }),
          },
        ]}
      />
    </Section>
  );
}
