import { Anchor, Button, Group, Paper, Stack, Title } from "@mantine/core";
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage } from "react-intl";
import { Link, useParams, useSearchParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { actsForPartnership, isStaff } from "../../../auth/session";
import { RecordUnavailable } from "../../../ui/RecordUnavailable";
import { mayApply, mayChangeStatus, mayEdit } from "../common/access";
import { ApplicationsSection } from "./ApplicationsSection";
import { AuditTimeline } from "./AuditTimeline";
import { failedFields } from "./failedFields";
import { FinanceSection } from "./FinanceSection";
import { NetworksSection } from "./NetworksSection";
import { OverviewSection } from "./OverviewSection";
import { PartnersSection } from "./PartnersSection";
import { PARTNERSHIP_PAGE } from "./query";
import { StatusChange } from "./StatusChange";
import { SteeringGroupSection } from "./SteeringGroupSection";
import { TrainingSection } from "./TrainingSection";
import { VisitsSection } from "../../visits/VisitsSection";
import { visitsYearOf } from "../../visits/visitsYear";

export default function PartnershipPage() {
  const { id = "" } = useParams();
  const { user } = useSession();
  const [params] = useSearchParams();
  // The year the address asks for when the page opens comes in the page's one query; a year
  // chosen later in the visits section comes from that section's own query.
  const [year] = useState(() => visitsYearOf(params));
  const { data, error, loading, refetch } = useQuery(PARTNERSHIP_PAGE, {
    variables: { id, year },
  });
  const partnership = data?.partnership;

  if (partnership === undefined || partnership === null) {
    return (
      <RecordUnavailable
        loading={loading}
        error={error}
        titleId="partnerships.page.notFoundTitle"
        onRetry={() => void refetch()}
        before={<BackLink />}
      />
    );
  }

  const failed = failedFields(error);
  const staff = isStaff(user);
  const own = actsForPartnership(user, partnership);
  const reload = () => refetch();
  return (
    <Stack>
      <BackLink />
      <Group justify="space-between" align="start">
        <Title order={1}>{partnership.title}</Title>
        <Group>
          {mayEdit(user, partnership) && (
            <Button component={Link} to={`/partnerships/${partnership.id}/edit`} variant="default">
              <FormattedMessage id="common.edit" />
            </Button>
          )}
          {mayChangeStatus(user, partnership) && (
            <StatusChange partnership={partnership} onReload={reload} />
          )}
        </Group>
      </Group>
      <OverviewSection partnership={partnership} />
      <PartnersSection partnership={partnership} hidden={failed.has("partners")} />
      <SteeringGroupSection
        partnership={partnership}
        editable={mayEdit(user, partnership)}
        hidden={failed.has("steeringGroup") || failed.has("steeringGroupGaps")}
      />
      <ApplicationsSection
        partnership={partnership}
        mayApply={mayApply(user, partnership)}
        restricted={!staff && !user.roles.includes("viewer") && !own}
        hidden={failed.has("applications")}
      />
      <Paper withBorder p="md">
        <VisitsSection partnership={partnership} />
      </Paper>
      <NetworksSection partnership={partnership} hidden={failed.has("networks")} />
      <TrainingSection partnership={partnership} participantsLimited={!staff} failed={failed} />
      <FinanceSection
        partnership={partnership}
        hidden={failed.has("grants") || failed.has("funding")}
      />
      <AuditTimeline partnership={partnership} />
    </Stack>
  );
}

function BackLink() {
  return (
    <Anchor component={Link} to="/partnerships" size="sm">
      <FormattedMessage id="partnerships.page.back" />
    </Anchor>
  );
}
