import { skipToken, useQuery } from "@apollo/client/react";
import { Button, Group, Stack, Title } from "@mantine/core";
import { useId } from "react";
import { FormattedMessage } from "react-intl";
import { Link } from "react-router";

import { useSession } from "../../auth/AuthContext";
import { actsForPartnership } from "../../auth/session";
import { problemOf } from "../../errors/problem";
import type { VisitsSection_PartnershipFragment } from "../../gql/graphql";
import { PageLoader } from "../../ui/PageLoader";
import { ProblemAlert } from "../../ui/ProblemAlert";
import { MeetingComplianceSummary } from "./MeetingComplianceSummary";
import { VISITS_SECTION_YEAR } from "./operations";
import { partnershipOrganisations } from "./organisations";
import { VisitList } from "./VisitList";
import { useAskedVisitsYear } from "./visitsYear";
import { YearSelect } from "./YearSelect";

interface Props {
  partnership: VisitsSection_PartnershipFragment;
}

/**
 * A partnership's visits and whether its partners met as the rule asks, year by year. The
 * page's query brings one year; another year chosen here, when the page does not follow the
 * address, comes from the section's own query of the same fragment.
 */
export function VisitsSection({ partnership }: Props) {
  const { user } = useSession();
  const titleId = useId();
  const [asked, chooseYear] = useAskedVisitsYear();
  const pageYear = partnership.yearCompliance.year;
  const year = asked ?? pageYear;
  const other = useQuery(
    VISITS_SECTION_YEAR,
    year === pageYear ? skipToken : { variables: { id: partnership.id, year } },
  );
  const shown = year === pageYear ? partnership : (other.data?.partnership ?? null);
  const organisations = partnershipOrganisations(partnership);
  const mayAct = actsForPartnership(user, partnership);

  return (
    <Stack component="section" aria-labelledby={titleId} gap="md" data-testid="visits-section">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} id={titleId}>
          <FormattedMessage id="visits.title" />
        </Title>
        <Group align="flex-end" wrap="wrap">
          <YearSelect year={year} startedOn={partnership.startedOn} onChange={chooseYear} />
          {mayAct && partnership.status !== "CLOSED" && (
            <Button component={Link} to={`/partnerships/${partnership.id}/visits/new`}>
              <FormattedMessage id="visits.plan" />
            </Button>
          )}
        </Group>
      </Group>
      {shown !== null ? (
        <>
          <MeetingComplianceSummary
            compliance={shown.yearCompliance}
            organisations={organisations}
          />
          <VisitList
            year={year}
            visits={shown.yearVisits.nodes}
            total={shown.yearVisits.totalCount}
            mayAct={mayAct}
          />
        </>
      ) : other.error ? (
        <ProblemAlert problem={problemOf(other.error)} onRetry={() => void other.refetch()} />
      ) : (
        <PageLoader />
      )}
    </Stack>
  );
}
