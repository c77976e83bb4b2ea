import { SimpleGrid, Stack } from "@mantine/core";
import { useMutation } from "@apollo/client/react";
import type { SyntheticEvent } from "react";

import type { SteeringGroupEditorQuery } from "../../../gql/graphql";
import { ProblemAlert } from "../../../ui/ProblemAlert";
import { usePersistentState } from "../../../ui/usePersistentState";
import { useSaving } from "../../../ui/useSaving";
import { FormButtons } from "../common/FormButtons";
import { PartnerMembers } from "./PartnerMembers";
import { SET_STEERING_GROUP } from "./queries";

type Partnership = NonNullable<SteeringGroupEditorQuery["partnership"]>;

interface Membership {
  /** The version the edit started from: the API refuses the save if it changed since. */
  version: number;
  personIds: string[];
}

interface Props {
  partnership: Partnership;
  /** Loads the latest version from the API; resolves to its version number. */
  reload: () => Promise<number | undefined>;
  /** After a save: the API's gaps of the group as saved. */
  onSaved: (gaps: string[]) => void;
}

/** Members ticked per partner, the rule shown live, saved with `setSteeringGroup`. */
export function SteeringGroupEditor({ partnership, reload, onSaved }: Props) {
  const [input, setInput, clear] = usePersistentState<Membership>(
    `partnerships.steering.${partnership.id}`,
    () => ({
      version: partnership.version,
      personIds: partnership.steeringGroup.map((m) => m.personId),
    }),
  );
  const { problem, attempt, recover } = useSaving();
  const [setGroup, { loading }] = useMutation(SET_STEERING_GROUP);
  const organisations = [
    ...(partnership.swedishPartner ? [partnership.swedishPartner] : []),
    ...partnership.partners,
  ];

  const save = () =>
    attempt(async () => {
      const result = await setGroup({
        variables: {
          input: {
            partnershipId: partnership.id,
            version: input.version,
            personIds: input.personIds,
          },
        },
      });
      clear();
      onSaved(result.data.setSteeringGroup.partnership.steeringGroupGaps);
    });

  const reloadKeepingInput = () =>
    recover(async () => {
      const version = await reload();
      if (version !== undefined) setInput((current) => ({ ...current, version }));
    });

  return (
    <form
      onSubmit={(event: SyntheticEvent) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          {organisations.map((organisation) => (
            <PartnerMembers
              key={organisation.id}
              organisation={organisation}
              selected={input.personIds}
              onChange={(listed, ticked) =>
                setInput((current) => ({
                  ...current,
                  personIds: [...current.personIds.filter((id) => !listed.includes(id)), ...ticked],
                }))
              }
            />
          ))}
        </SimpleGrid>
        {/* A refused member (personIds) has no single control to show it at. */}
        <ProblemAlert
          problem={problem}
          onRetry={() => void save()}
          onReload={() => void reloadKeepingInput()}
        />
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
