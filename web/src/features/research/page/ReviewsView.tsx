import { Stack, Text } from "@mantine/core";
import { FormattedMessage, useIntl } from "react-intl";

import type { ResearchDetail_ApplicationFragment } from "../../../gql/graphql";
import { useFormat } from "../../../i18n/format";
import { TermList } from "../../../ui/TermList";
import { ResponsiveTable, type Column } from "../../partnerships/common/ResponsiveTable";
import { PersonName } from "../common/PersonName";

type Review = NonNullable<ResearchDetail_ApplicationFragment["reviews"]>[number];

/** The advisory group's reviewers, their scores and comments, and the ranking. */
export function ReviewsView({ application }: { application: ResearchDetail_ApplicationFragment }) {
  const intl = useIntl();
  const format = useFormat();
  const reviews = application.reviews ?? [];
  const reviewers = application.reviewers ?? [];
  const header = (id: string) => intl.formatMessage({ id });
  const columns: Column<Review>[] = [
    {
      key: "reviewer",
      header: header("research.review.reviewer"),
      cell: (r) => <PersonName person={r.reviewer} />,
    },
    {
      key: "scientificQuality",
      header: header("research.criterion.scientificQuality"),
      cell: (r) => r.scores.scientificQuality,
    },
    {
      key: "relevance",
      header: header("research.criterion.relevance"),
      cell: (r) => r.scores.relevance,
    },
    {
      key: "feasibility",
      header: header("research.criterion.feasibility"),
      cell: (r) => r.scores.feasibility,
    },
    {
      key: "partnershipValue",
      header: header("research.criterion.partnershipValue"),
      cell: (r) => r.scores.partnershipValue,
    },
    { key: "total", header: header("research.review.total"), cell: (r) => r.scores.total },
    { key: "comment", header: header("research.review.comment"), cell: (r) => r.comment },
    {
      key: "submittedAt",
      header: header("research.review.submittedAt"),
      cell: (r) => format.dateTime(r.submittedAt),
    },
  ];
  const { ranking } = application;
  return (
    <Stack gap="sm">
      <Text size="sm">
        <FormattedMessage id="research.review.reviewers" />{" "}
        {reviewers.length === 0 ? (
          <FormattedMessage id="common.none" />
        ) : (
          reviewers.map((reviewer, i) => (
            <span key={reviewer.id}>
              {i > 0 && ", "}
              <PersonName person={reviewer} />
            </span>
          ))
        )}
      </Text>
      {reviews.length === 0 ? (
        <Text size="sm" c="gray.7">
          <FormattedMessage id="research.review.none" />
        </Text>
      ) : (
        <ResponsiveTable
          label={header("research.review.caption")}
          columns={columns}
          rows={reviews}
          rowKey={(r) => r.reviewerId}
        />
      )}
      {ranking && (
        <TermList
          cols={{ base: 1, sm: 3 }}
          terms={[
            [header("research.ranking.position"), format.number(ranking.position)],
            [header("research.ranking.meanTotal"), ranking.meanTotal],
            [header("research.ranking.meanRelevance"), ranking.meanRelevance],
          ]}
        />
      )}
    </Stack>
  );
}
