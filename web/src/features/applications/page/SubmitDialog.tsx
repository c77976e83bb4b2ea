import { Alert, Anchor, Text, Textarea } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import { FormattedMessage, useIntl } from "react-intl";
import { Link } from "react-router";

import type { ApplicationKind } from "../../../gql/graphql";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useFieldError } from "../../../ui/FieldMessage";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { forgetApplicationLists } from "../common/cache";
import { MAX_LENGTH } from "../common/rules";
import { SUBMIT_APPLICATION } from "../draft/operations";
import { placeOf } from "../draft/problemPlaces";

interface Props {
  application: {
    id: string;
    version: number;
    partnershipId: string;
    type: ApplicationKind;
    caseNumber?: string | null;
  };
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<void>;
  /** After a submission, with the case number it was given. */
  onSubmitted: (caseNumber: string | null) => void;
}

/** Hands a draft or returned application in as it is saved, with a note to ICLD. */
export function SubmitDialog({ application, opened, onClose, onReload, onSubmitted }: Props) {
  const intl = useIntl();
  const [note, setNote, clear] = usePersistentState(
    `applications.submitNote.${application.id}`,
    "",
  );
  const { problem, attempt, recover } = useSaving();
  const [submit, { loading }] = useMutation(SUBMIT_APPLICATION);
  const generic = useFieldError(problem);
  const refusal =
    problem?.kind === "field" ? placeOf(problem.field, "submit", application.type) : null;
  const refusalText = refusal
    ? refusal.check
      ? intl.formatMessage({ id: refusal.check.id }, refusal.check.values)
      : (generic(refusal.path) ?? "")
    : null;

  const confirm = async () => {
    await attempt(async () => {
      const result = await submit({
        variables: {
          input: { id: application.id, version: application.version, note: note.trim() || null },
        },
        update: (cache) => forgetApplicationLists(cache, application.partnershipId),
      });
      clear();
      onSubmitted(result.data.submitApplication.application.caseNumber ?? null);
    });
  };

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: "applications.submit.title" })}
      opened={opened}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmLabel={intl.formatMessage({
        id: application.caseNumber ? "applications.submit.resubmit" : "applications.submit.action",
      })}
      busy={loading}
      problem={problem}
      onReload={() => void recover(onReload)}
      fields={problem?.kind === "field" ? [problem.field] : []}
      size="lg"
    >
      <Text size="sm">
        <FormattedMessage id="applications.submit.explain" />
      </Text>
      <Textarea
        label={intl.formatMessage({ id: "applications.submit.note" })}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={MAX_LENGTH.note}
      />
      {refusalText !== null && (
        <Alert
          color="red"
          role="alert"
          title={intl.formatMessage({ id: "applications.submit.refused" })}
        >
          <Text size="sm">{refusalText}</Text>
          {refusal?.path === "steeringGroup" && (
            <Anchor
              component={Link}
              to={`/partnerships/${application.partnershipId}/steering-group`}
              size="sm"
            >
              <FormattedMessage id="applications.submit.steeringGroupLink" />
            </Anchor>
          )}
          <Anchor
            component={Link}
            to={`/applications/${application.id}/edit`}
            size="sm"
            display="block"
          >
            <FormattedMessage id="applications.submit.toEdit" />
          </Anchor>
        </Alert>
      )}
    </ConfirmDialog>
  );
}
