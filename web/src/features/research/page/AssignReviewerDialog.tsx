import { NativeSelect, Text } from "@mantine/core";
import { skipToken, useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { FormattedMessage, useIntl } from "react-intl";

import { useFormat } from "../../../i18n/format";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useFieldError } from "../../../ui/FieldMessage";
import { useSaving } from "../../../ui/useSaving";
import { forgetResearchLists } from "../common/cache";
import { ORGANISATION_PEOPLE } from "../common/fragments";
import { personLabel } from "../common/PersonName";
import { ASSIGN_REVIEWER, REVIEWER_ORGANISATIONS } from "./operations";

interface Props {
  application: { id: string; version: number };
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

/**
 * Officers assign a reviewer of the advisory group. A conflict of interest (the applicants'
 * own university, an applicant, a declared conflict) is the API's to refuse, at the field.
 */
export function AssignReviewerDialog({ application, opened, onClose, onReload }: Props) {
  const intl = useIntl();
  const format = useFormat();
  const [organisationId, setOrganisationId] = useState("");
  const [reviewerId, setReviewerId] = useState("");
  const [attempted, setAttempted] = useState(false);
  const organisations = useQuery(REVIEWER_ORGANISATIONS, opened ? {} : skipToken).data
    ?.organisations.nodes;
  const people = useQuery(
    ORGANISATION_PEOPLE,
    organisationId === "" ? skipToken : { variables: { organisationId } },
  ).data?.people.nodes;
  const { problem, attempt, recover } = useSaving();
  const [assign, assigning] = useMutation(ASSIGN_REVIEWER);
  const fieldError = useFieldError(problem);

  const confirm = () =>
    attempt(async () => {
      setAttempted(true);
      if (reviewerId === "") return;
      await assign({
        variables: { input: { id: application.id, version: application.version, reviewerId } },
        update: forgetResearchLists,
      });
      setReviewerId("");
      setAttempted(false);
      onClose();
    });

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: "research.assign.title" })}
      opened={opened}
      onClose={onClose}
      onConfirm={() => void confirm()}
      confirmLabel={intl.formatMessage({ id: "research.assign.confirm" })}
      busy={assigning.loading}
      problem={problem}
      onReload={() => void recover(onReload)}
      fields={["reviewerId"]}
    >
      <Text size="sm">
        <FormattedMessage id="research.assign.rules" />
      </Text>
      <NativeSelect
        label={intl.formatMessage({ id: "research.assign.organisation" })}
        value={organisationId}
        onChange={(event) => {
          setOrganisationId(event.currentTarget.value);
          setReviewerId("");
        }}
        data={[
          { value: "", label: intl.formatMessage({ id: "research.assign.chooseOrganisation" }) },
          ...[...(organisations ?? [])]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((o) => ({
              value: o.id,
              label: `${o.name} (${format.enumValue("OrganisationKind", o.kind)}, ${format.country(o.country)})`,
            })),
        ]}
      />
      <NativeSelect
        label={intl.formatMessage({ id: "research.assign.reviewer" })}
        value={reviewerId}
        required
        disabled={organisationId === ""}
        onChange={(event) => setReviewerId(event.currentTarget.value)}
        data={[
          { value: "", label: intl.formatMessage({ id: "research.draft.choosePerson" }) },
          ...(people ?? []).map((p) => ({ value: p.id, label: personLabel(p) })),
        ]}
        error={
          attempted && reviewerId === ""
            ? intl.formatMessage({ id: "common.required" })
            : fieldError("reviewerId")
        }
      />
    </ConfirmDialog>
  );
}
