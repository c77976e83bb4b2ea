import { Anchor, Stack, Title } from "@mantine/core";
import { useMutation, useQuery } from "@apollo/client/react";
import type { SyntheticEvent } from "react";
import { FormattedMessage } from "react-intl";
import { Link, useNavigate, useParams } from "react-router";

import { useSession } from "../../../auth/AuthContext";
import { fieldProblem, problemOf } from "../../../errors/problem";
import type { PartnershipDetailsQuery } from "../../../gql/graphql";
import { useFieldError } from "../../../ui/FieldMessage";
import { PageLoader } from "../../../ui/PageLoader";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { mayEdit } from "../common/access";
import { FormButtons } from "../common/FormButtons";
import { DetailsFields, type Details } from "./DetailsFields";
import { changedDetails, keepChanges, pick } from "./detailsChanges";
import { PARTNERSHIP_DETAILS, UPDATE_PARTNERSHIP } from "./queries";

type Partnership = NonNullable<PartnershipDetailsQuery["partnership"]>;

/** The inputs the API may name in a refusal, each shown at its control. */
const FIELDS = ["title", "themes", "focus"];

/** Title, themes and focus of a partnership: staff, and coordinators of its partners. */
export default function EditPartnershipPage() {
  const { id = "" } = useParams();
  const { user } = useSession();
  const { data, loading, error, refetch } = useQuery(PARTNERSHIP_DETAILS, {
    variables: { id },
    // The form starts from the latest version, not from what the cache last saw.
    fetchPolicy: "network-only",
  });
  const partnership = data?.partnership;
  if (!partnership && loading) return <PageLoader />;
  return (
    <Stack maw={720}>
      <Anchor component={Link} to={`/partnerships/${id}`} size="sm">
        <FormattedMessage id="partnerships.form.backToPage" />
      </Anchor>
      <Title order={1}>
        <FormattedMessage id="partnerships.edit.title" />
      </Title>
      {!partnership ? (
        <ProblemAlert
          problem={error ? problemOf(error) : { kind: "notFound" }}
          onRetry={() => void refetch()}
        />
      ) : mayEdit(user, partnership) ? (
        <EditForm
          partnership={partnership}
          reload={async () => (await refetch()).data?.partnership ?? undefined}
        />
      ) : (
        <ProblemAlert problem={{ kind: "forbidden" }} />
      )}
    </Stack>
  );
}

interface EditInput {
  /** The version the user's edit starts from: the API refuses the save if it changed since. */
  version: number;
  /** The details of that version, to tell what the user changed. */
  base: Details;
  value: Details;
}

interface FormProps {
  partnership: Partnership;
  /** Loads the latest version from the API. */
  reload: () => Promise<Partnership | undefined>;
}

function EditForm({ partnership, reload }: FormProps) {
  const navigate = useNavigate();
  const [input, setInput, clear] = usePersistentState<EditInput>(
    `partnerships.edit.${partnership.id}`,
    () => ({ version: partnership.version, base: pick(partnership), value: pick(partnership) }),
  );
  const { problem, attempt, recover } = useSaving();
  const fieldError = useFieldError(problem);
  const [update, { loading }] = useMutation(UPDATE_PARTNERSHIP);

  const save = () =>
    attempt(async () => {
      const changes = changedDetails(input.base, input.value);
      if (Object.keys(changes).length > 0) {
        await update({
          variables: { input: { id: partnership.id, version: input.version, ...changes } },
        });
      }
      clear();
      void navigate(`/partnerships/${partnership.id}`);
    });

  const reloadKeepingInput = () =>
    recover(async () => {
      const latest = await reload();
      if (latest !== undefined) {
        setInput((current) => ({
          version: latest.version,
          base: pick(latest),
          value: keepChanges(current.base, current.value, pick(latest)),
        }));
      }
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
        <DetailsFields
          value={input.value}
          onChange={(value) => setInput((current) => ({ ...current, value }))}
          fieldError={fieldError}
        />
        {fieldProblem(problem, ...FIELDS) === null && (
          <ProblemAlert
            problem={problem}
            onRetry={() => void save()}
            onReload={() => void reloadKeepingInput()}
          />
        )}
        <FormButtons
          cancelTo={`/partnerships/${partnership.id}`}
          onCancel={clear}
          submitId="common.save"
          busy={loading}
        />
      </Stack>
    </form>
  );
}
