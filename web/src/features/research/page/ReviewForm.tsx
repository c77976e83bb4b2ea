import { Button, Group, Radio, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";

import type { ResearchDetail_ApplicationFragment } from "../../../gql/graphql";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useFieldError } from "../../../ui/FieldMessage";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { forgetResearchLists } from "../common/cache";
import { DECLARE_CONFLICT, SUBMIT_REVIEW } from "./operations";

export const CRITERIA = [
  "scientificQuality",
  "relevance",
  "feasibility",
  "partnershipValue",
] as const;
type Criterion = (typeof CRITERIA)[number];
const SCORES = ["1", "2", "3", "4", "5"];

interface Input {
  scores: Record<Criterion, string>;
  comment: string;
}

interface Props {
  application: ResearchDetail_ApplicationFragment;
  reviewerId: string;
  onReload: () => Promise<unknown>;
}

/** An assigned reviewer's review: the four published criteria, 1 to 5 each, and a comment. */
export function ReviewForm({ application, reviewerId, onReload }: Props) {
  const intl = useIntl();
  const own = application.reviews?.find((r) => r.reviewerId === reviewerId) ?? null;
  const [input, setInput, clear] = usePersistentState<Input>(
    `research.review.${application.id}.${reviewerId}`,
    () => ({
      scores: {
        scientificQuality: own ? String(own.scores.scientificQuality) : "",
        relevance: own ? String(own.scores.relevance) : "",
        feasibility: own ? String(own.scores.feasibility) : "",
        partnershipValue: own ? String(own.scores.partnershipValue) : "",
      },
      comment: own?.comment ?? "",
    }),
  );
  const [attempted, setAttempted] = useState(false);
  const [saved, setSaved] = useState(false);
  const [conflictOpen, setConflictOpen] = useState(false);
  const { problem, attempt, recover } = useSaving();
  const conflict = useSaving();
  const [submitReview, submitting] = useMutation(SUBMIT_REVIEW);
  const [declareConflict, declaring] = useMutation(DECLARE_CONFLICT);
  const fieldError = useFieldError(problem);
  const missing = (value: string) =>
    attempted && value.trim() === "" ? intl.formatMessage({ id: "common.required" }) : undefined;

  const submit = () =>
    attempt(async () => {
      setAttempted(true);
      setSaved(false);
      if (CRITERIA.some((c) => input.scores[c] === "") || input.comment.trim() === "") return;
      await submitReview({
        variables: {
          input: {
            id: application.id,
            version: application.version,
            reviewerId,
            scientificQuality: Number(input.scores.scientificQuality),
            relevance: Number(input.scores.relevance),
            feasibility: Number(input.scores.feasibility),
            partnershipValue: Number(input.scores.partnershipValue),
            comment: input.comment.trim(),
          },
        },
      });
      clear();
      setAttempted(false);
      setSaved(true);
    });

  const declare = () =>
    conflict.attempt(async () => {
      await declareConflict({
        variables: { input: { id: application.id, version: application.version, reviewerId } },
        update: forgetResearchLists,
      });
      setConflictOpen(false);
    });

  // The dialog stays outside the form: React carries a submit event up through portals.
  return (
    <>
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          <FormattedMessage id="research.review.scale" />
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {CRITERIA.map((criterion) => (
            <Radio.Group
              key={criterion}
              label={intl.formatMessage({ id: `research.criterion.${criterion}` })}
              value={input.scores[criterion]}
              onChange={(value) =>
                setInput((previous) => ({
                  ...previous,
                  scores: { ...previous.scores, [criterion]: value },
                }))
              }
              error={missing(input.scores[criterion]) ?? fieldError(`scores.${criterion}`)}
              required
            >
              <Group gap="md" mt="xs">
                {SCORES.map((score) => (
                  <Radio key={score} value={score} label={score} />
                ))}
              </Group>
            </Radio.Group>
          ))}
        </SimpleGrid>
        <Textarea
          label={intl.formatMessage({ id: "research.review.comment" })}
          value={input.comment}
          onChange={(event) => {
            const comment = event.currentTarget.value;
            setInput((previous) => ({ ...previous, comment }));
          }}
          error={missing(input.comment) ?? fieldError("comment")}
          required
          autosize
          minRows={3}
          maxLength={4000}
        />
        {problem !== null && problem.kind !== "field" && (
          <ProblemAlert problem={problem} onRetry={() => void submit()} onReload={() => void recover(onReload)} />
        )}
        {problem?.kind === "field" && !problem.field.startsWith("scores") && problem.field !== "comment" && (
          <ProblemAlert problem={problem} />
        )}
        {saved && (
          <Text size="sm" role="status" c="teal.9">
            <FormattedMessage id="research.review.saved" />
          </Text>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={() => setConflictOpen(true)}>
            <FormattedMessage id="research.review.declareConflict" />
          </Button>
          <Button type="submit" loading={submitting.loading}>
            <FormattedMessage id={own ? "research.review.update" : "research.review.submit"} />
          </Button>
        </Group>
      </Stack>
    </form>
      <ConfirmDialog
        title={intl.formatMessage({ id: "research.review.conflictTitle" })}
        opened={conflictOpen}
        onClose={() => setConflictOpen(false)}
        onConfirm={() => void declare()}
        confirmLabel={intl.formatMessage({ id: "research.review.conflictConfirm" })}
        busy={declaring.loading}
        problem={conflict.problem}
        onReload={() => void conflict.recover(onReload)}
        fields={[]}
      >
        <Text size="sm">
          <FormattedMessage id="research.review.conflictBody" />
        </Text>
      </ConfirmDialog>
    </>
  );
}
