import { Anchor, Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { Link, useParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { problemOf } from "../../../errors/problem";
import { useFormat } from "../../../i18n/format";
import { PageLoader } from "../../../ui/PageLoader";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { mayEdit } from "../common/access";
import { Verdict } from "../common/Verdict";
import { readGaps } from "./apiGaps";
import { STEERING_GROUP_EDITOR } from "./queries";
import { SeatLines } from "./SeatLines";
import { SteeringGroupEditor } from "./SteeringGroupEditor";

/** The steering-group editor: staff, and coordinators of the partnership's partners. */
export default function SteeringGroupPage() {
  const { id = "" } = useParams();
  const { user } = useSession();
  const { data, loading, error, refetch } = useQuery(STEERING_GROUP_EDITOR, {
    variables: { id },
    fetchPolicy: "network-only",
  });
  const [savedGaps, setSavedGaps] = useState<string[] | null>(null);
  const partnership = data?.partnership;
  if (!partnership && loading) return <PageLoader />;
  return (
    <Stack>
      <Anchor component={Link} to={`/partnerships/${id}`} size="sm">
        <FormattedMessage id="partnerships.form.backToPage" />
      </Anchor>
      <Title order={1}>
        <FormattedMessage id="partnerships.steering.editorTitle" />
      </Title>
      {partnership && (
        <Text>
          {partnership.title}
        </Text>
      )}
      {!partnership ? (
        <ProblemAlert
          problem={error ? problemOf(error) : { kind: "notFound" }}
          onRetry={() => void refetch()}
        />
      ) : !mayEdit(user, partnership) ? (
        <ProblemAlert problem={{ kind: "forbidden" }} />
      ) : savedGaps !== null ? (
        <SavedGaps
          gaps={savedGaps}
          organisations={[
            ...(partnership.swedishPartner ? [partnership.swedishPartner] : []),
            ...partnership.partners,
          ]}
          partnershipId={partnership.id}
          onEditAgain={() => setSavedGaps(null)}
        />
      ) : (
        <>
          <Text size="sm">
            <FormattedMessage id="partnerships.steering.ruleHint" />
          </Text>
          <SteeringGroupEditor
            partnership={partnership}
            reload={async () => (await refetch()).data?.partnership?.version}
            onSaved={setSavedGaps}
          />
        </>
      )}
    </Stack>
  );
}

interface SavedProps {
  gaps: string[];
  organisations: { id: string; name: string; country: string }[];
  partnershipId: string;
  onEditAgain: () => void;
}

/** What the platform says of the group as saved: its `steeringGroupGaps`, per partner. */
function SavedGaps({ gaps, organisations, partnershipId, onEditAgain }: SavedProps) {
  const intl = useIntl();
  const format = useFormat();
  const read = readGaps(gaps);
  return (
    <Stack>
      <Verdict
        role="status"
        ok={gaps.length === 0}
        title={intl.formatMessage({ id: "partnerships.steering.saved" })}
      >
        <Text size="sm">
          <FormattedMessage id="partnerships.steering.gapCount" values={{ count: gaps.length }} />
        </Text>
      </Verdict>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {organisations.map((organisation) => (
          <Stack key={organisation.id} gap="xs">
            <Title order={2} size="h3">
              {organisation.name} ({format.country(organisation.country)})
            </Title>
            <SeatLines
              state={read.seatsOf(organisation.id)}
              label={intl.formatMessage(
                { id: "partnerships.steering.seatsOf" },
                { organisation: organisation.name },
              )}
            />
          </Stack>
        ))}
      </SimpleGrid>
      {read.unknown.map((gap) => (
        <Text key={gap} size="sm">
          <FormattedMessage id="error.serverSaid" values={{ detail: gap }} />
        </Text>
      ))}
      <Group>
        <Button component={Link} to={`/partnerships/${partnershipId}`}>
          <FormattedMessage id="partnerships.form.backToPage" />
        </Button>
        <Button variant="default" onClick={onEditAgain}>
          <FormattedMessage id="partnerships.steering.editAgain" />
        </Button>
      </Group>
    </Stack>
  );
}
