import { Button, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";
import { Link } from "react-router";

import { graphql } from "../../../gql";
import type { SteeringGroupSection_PartnershipFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { Section } from "../../../ui/Section";
import { HiddenNote } from "../common/HiddenNote";
import { Verdict } from "../common/Verdict";
import { readGaps } from "../steering/apiGaps";
import { personName, personStanding } from "../steering/memberLabel";
import { SeatLines } from "../steering/SeatLines";

graphql(`
  fragment SteeringGroupSection_partnership on Partnership {
    id
    swedishPartner {
      id
      name
      country
    }
    partners {
      id
      name
      country
    }
    steeringGroup {
      personId
      organisationId
      role
      politicalSide
      senior
      person {
        id
        givenName
        familyName
        position
      }
    }
    steeringGroupGaps
  }
`);

interface Props {
  partnership: SteeringGroupSection_PartnershipFragment;
  /** Offered to those who may change it. */
  editable: boolean;
  hidden: boolean;
}

/** The steering group per partner, with what the API says each partner still lacks. */
export function SteeringGroupSection({ partnership, editable, hidden }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const gaps = readGaps(partnership.steeringGroupGaps);
  const organisations = [
    ...(partnership.swedishPartner ? [partnership.swedishPartner] : []),
    ...partnership.partners,
  ];
  const complete = partnership.steeringGroupGaps.length === 0;
  return (
    <Section title={intl.formatMessage({ id: "partnerships.page.steeringGroup" })}>
      {hidden && <HiddenNote id="partnerships.page.sectionHidden" />}
      <Verdict
        ok={complete}
        title={intl.formatMessage({
          id: complete ? "partnerships.steering.complete" : "partnerships.steering.gaps",
        })}
      >
        <Text size="sm">
          <FormattedMessage
            id="partnerships.steering.gapCount"
            values={{ count: partnership.steeringGroupGaps.length }}
          />
        </Text>
        {gaps.unknown.length > 0 && (
          <List size="sm">
            {gaps.unknown.map((gap) => (
              <List.Item key={gap}>
                <FormattedMessage id="error.serverSaid" values={{ detail: gap }} />
              </List.Item>
            ))}
          </List>
        )}
      </Verdict>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {organisations.map((organisation) => {
          const members = partnership.steeringGroup.filter(
            (m) => m.organisationId === organisation.id,
          );
          return (
            <Stack key={organisation.id} gap="xs">
              <Title order={3} size="h4">
                {organisation.name} ({format.country(organisation.country)})
              </Title>
              {members.length === 0 ? (
                <Text size="sm">
                  <FormattedMessage id="partnerships.steering.noMembers" />
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {members.map((member) => {
                    const person = { ...member, ...member.person };
                    return (
                      <List.Item key={member.personId}>
                        <Text span fw={600} size="sm">
                          {personName(intl, person)}
                        </Text>
                        {" — "}
                        {personStanding(intl, person)}
                      </List.Item>
                    );
                  })}
                </List>
              )}
              <SeatLines
                state={gaps.seatsOf(organisation.id)}
                label={intl.formatMessage(
                  { id: "partnerships.steering.seatsOf" },
                  { organisation: organisation.name },
                )}
              />
            </Stack>
          );
        })}
      </SimpleGrid>
      {editable && (
        <Group>
          <Button component={Link} to={`/partnerships/${partnership.id}/steering-group`} variant="light">
            <FormattedMessage id="partnerships.steering.edit" />
          </Button>
        </Group>
      )}
    </Section>
  );
}
