import { MultiSelect, NativeSelect, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery } from "@apollo/client/react";
import type { SyntheticEvent } from "react";
import { FormattedMessage, useIntl } from "react-intl";
import { useNavigate } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { fieldProblem } from "../../../errors/problem";
import { useFormat } from "../../../i18n/format";
import { useFieldError } from "../../../ui/FieldMessage";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { mayCreatePartnership } from "../common/access";
import { forgetPartnershipLists } from "../common/forgetLists";
import { FormButtons } from "../common/FormButtons";
import { DetailsFields, type Details } from "./DetailsFields";
import { CREATE_PARTNERSHIP, PARTNER_OPTIONS } from "./queries";

interface NewPartnership extends Details {
  swedishPartnerId: string;
  partnerIds: string[];
  startedOn: string;
}

const EMPTY: NewPartnership = {
  title: "",
  swedishPartnerId: "",
  partnerIds: [],
  themes: [],
  focus: "",
  startedOn: "",
};

/** The inputs the API may name in a refusal, each shown at its control. */
const FIELDS = ["title", "swedishPartnerId", "partnerIds", "themes", "focus", "startedOn"];

/** Staff register a partnership between a Swedish organisation and partners abroad. */
export default function CreatePartnershipPage() {
  const { user } = useSession();
  return (
    <Stack maw={720}>
      <Title order={1}>
        <FormattedMessage id="partnerships.create.title" />
      </Title>
      {mayCreatePartnership(user) ? (
        <CreateForm />
      ) : (
        <ProblemAlert problem={{ kind: "forbidden" }} />
      )}
    </Stack>
  );
}

function CreateForm() {
  const intl = useIntl();
  const format = useFormat();
  const navigate = useNavigate();
  const [input, setInput, clear] = usePersistentState("partnerships.create", EMPTY);
  const { problem, attempt } = useSaving();
  const fieldError = useFieldError(problem);
  const options = useQuery(PARTNER_OPTIONS).data;
  const [create, { loading }] = useMutation(CREATE_PARTNERSHIP, { update: forgetPartnershipLists });
  const label = (o: { name: string; country: string }) => `${o.name} (${format.country(o.country)})`;

  const save = () =>
    attempt(async () => {
      const result = await create({
        variables: {
          input: {
            title: input.title,
            swedishPartnerId: input.swedishPartnerId,
            partnerIds: input.partnerIds,
            themes: input.themes,
            focus: input.focus,
            startedOn: input.startedOn,
          },
        },
      });
      clear();
      void navigate(`/partnerships/${result.data.createPartnership.partnership.id}`);
    });

  return (
    <form
      noValidate
      onSubmit={(event: SyntheticEvent) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack>
        <DetailsFields value={input} onChange={(details) => setInput({ ...input, ...details })} fieldError={fieldError} />
        <NativeSelect
          label={intl.formatMessage({ id: "partnerships.field.swedishPartner" })}
          withAsterisk
          value={input.swedishPartnerId}
          onChange={(event) => setInput({ ...input, swedishPartnerId: event.currentTarget.value })}
          data={[
            { value: "", label: intl.formatMessage({ id: "partnerships.form.choose" }) },
            ...(options?.swedish.edges ?? []).map(({ node }) => ({ value: node.id, label: label(node) })),
          ]}
          error={fieldError("swedishPartnerId")}
        />
        <MultiSelect
          label={intl.formatMessage({ id: "partnerships.field.partnersAbroad" })}
          withAsterisk
          searchable
          value={input.partnerIds}
          onChange={(partnerIds) => setInput({ ...input, partnerIds })}
          data={(options?.abroad.edges ?? []).map(({ node }) => ({ value: node.id, label: label(node) }))}
          error={fieldError("partnerIds")}
        />
        <TextInput
          type="date"
          label={intl.formatMessage({ id: "partnerships.field.startedOn" })}
          withAsterisk
          value={input.startedOn}
          onChange={(event) => setInput({ ...input, startedOn: event.currentTarget.value })}
          error={fieldError("startedOn")}
        />
        {fieldProblem(problem, ...FIELDS) === null && (
          <ProblemAlert problem={problem} onRetry={() => void save()} />
        )}
        <FormButtons
          cancelTo="/partnerships"
          onCancel={clear}
          submitId="common.create"
          busy={loading}
        />
      </Stack>
    </form>
  );
}
