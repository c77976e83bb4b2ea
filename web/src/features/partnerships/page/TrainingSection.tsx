import { Stack, Text, Title } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import { graphql } from "../../../gql";
import type { TrainingSection_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { Section } from "../../../ui/Section";
import { HiddenNote } from "../common/HiddenNote";
import { ResponsiveTable } from "../common/ResponsiveTable";
import { personName } from "../steering/memberLabel";

graphql(`
  fragment TrainingSection_partnership on Partnership {
    id
    workshops {
      id
      title
      kind
      city
      country
      startsOn
      endsOn
    }
    participants {
      id
      status
      person {
        id
        role
        senior
        givenName
        familyName
      }
      organisation {
        id
        name
      }
      workshop {
        id
        title
      }
      cohort {
        id
      }
    }
  }
`);

interface Props {
  partnership: TrainingSection_PartnershipFragment;
  /** Participants are personal data: the user sees only some (or none) of them. */
  participantsLimited: boolean;
  failed: ReadonlySet<string>;
}

/** Workshops its people attend and the registrations made through it (training service). */
export function TrainingSection({ partnership, participantsLimited, failed }: Props) {
  const intl = useIntl();
  const format = useFormat();
  return (
    <Section title={intl.formatMessage({ id: "partnerships.page.training" })}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          <FormattedMessage id="partnerships.training.workshops" />
        </Title>
        {failed.has("workshops") && <HiddenNote id="partnerships.page.sectionHidden" />}
        {partnership.workshops.length === 0 ? (
          <Text size="sm">
            <FormattedMessage id="partnerships.training.noWorkshops" />
          </Text>
        ) : (
          <ResponsiveTable
            label={intl.formatMessage({ id: "partnerships.training.workshops" })}
            rows={partnership.workshops}
            rowKey={(row) => row.id}
            columns={[
              {
                key: "title",
                header: intl.formatMessage({ id: "partnerships.field.title" }),
                cell: (row) => row.title,
              },
              {
                key: "place",
                header: intl.formatMessage({ id: "partnerships.field.place" }),
                cell: (row) => `${row.city}, ${format.country(row.country)}`,
              },
              {
                key: "dates",
                header: intl.formatMessage({ id: "partnerships.field.dates" }),
                cell: (row) => `${format.date(row.startsOn)} – ${format.date(row.endsOn)}`,
              },
            ]}
          />
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h4">
          <FormattedMessage id="partnerships.training.participants" />
        </Title>
        {(participantsLimited || failed.has("participants")) && (
          <HiddenNote id="partnerships.training.participantsHidden" />
        )}
        {partnership.participants.length === 0 ? (
          <Text size="sm">
            <FormattedMessage id="partnerships.training.noParticipants" />
          </Text>
        ) : (
          <ResponsiveTable
            label={intl.formatMessage({ id: "partnerships.training.participants" })}
            rows={partnership.participants}
            rowKey={(row) => row.id}
            columns={[
              {
                key: "name",
                header: intl.formatMessage({ id: "partnerships.field.name" }),
                cell: (row) => personName(intl, row.person),
              },
              {
                key: "organisation",
                header: intl.formatMessage({ id: "partnerships.field.organisation" }),
                cell: (row) => row.organisation.name,
              },
              {
                key: "training",
                header: intl.formatMessage({ id: "partnerships.field.training" }),
                cell: (row) =>
                  row.workshop?.title ?? intl.formatMessage({ id: "partnerships.training.cohort" }),
              },
              {
                key: "status",
                header: intl.formatMessage({ id: "partnerships.field.status" }),
                cell: (row) => format.enumValue("RegistrationStatus", row.status),
              },
            ]}
          />
        )}
      </Stack>
    </Section>
  );
}
