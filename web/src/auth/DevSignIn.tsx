import { Alert, Button, NativeSelect, Radio, Stack, Text } from "@mantine/core";
import { useEffect, useState, type SyntheticEvent } from "react";
import { FormattedMessage, useIntl } from "react-intl";

import type { Role, Session } from "./session";

interface OrganisationChoice {
  id: string;
  name: string;
  country: string;
}

interface PersonChoice {
  id: string;
  name: string;
}

const ROLES: Role[] = ["officer", "coordinator", "viewer", "admin", "researcher", "advisor"];
/** Roles that act for an organisation: the token carries it. */
const ORGANISATION_ROLES: readonly Role[] = ["coordinator", "researcher"];
/** Roles that act as a person (a reviewer of the advisory group): the token's subject. */
const PERSON_ROLES: readonly Role[] = ["advisor"];

/**
 * The local runner's development sign-in: choose a role, and the organisation a coordinator
 * or researcher acts for, or the person an advisor is.
 */
export function DevSignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const intl = useIntl();
  const [role, setRole] = useState<Role>("officer");
  const [organisations, setOrganisations] = useState<OrganisationChoice[]>([]);
  const [organisationId, setOrganisationId] = useState("");
  const [people, setPeople] = useState<PersonChoice[]>([]);
  const [personId, setPersonId] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forOrganisation = ORGANISATION_ROLES.includes(role);
  const asPerson = PERSON_ROLES.includes(role);

  useEffect(() => {
    fetch("/dev/sign-in/options")
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status}`);
        const body = (await response.json()) as { organisations: OrganisationChoice[] };
        setOrganisations(body.organisations);
      })
      .catch((error: unknown) => setFailure(String(error)));
  }, []);

  useEffect(() => {
    if (!asPerson || organisationId === "") return;
    let current = true;
    fetch(`/dev/sign-in/people?${new URLSearchParams({ organisationId }).toString()}`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status}`);
        const body = (await response.json()) as { people: PersonChoice[] };
        if (current) setPeople(body.people);
      })
      .catch((error: unknown) => setFailure(String(error)));
    return () => {
      current = false;
    };
  }, [asPerson, organisationId]);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const response = await fetch("/dev/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          role,
          organisationId: forOrganisation ? organisationId : null,
          personId: asPerson ? personId : null,
        }),
      });
      const body = (await response.json()) as Session | { error: string };
      if (!response.ok || "error" in body) {
        throw new Error("error" in body ? body.error : `${response.status}`);
      }
      onSignedIn(body);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  const incomplete = (forOrganisation && !organisationId) || (asPerson && !personId);
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
      <Stack>
        <Text size="sm" c="dimmed">
          <FormattedMessage id="signIn.devNotice" />
        </Text>
        <Radio.Group
          label={intl.formatMessage({ id: "signIn.role" })}
          value={role}
          onChange={(value) => {
            setRole(value);
            setPersonId("");
          }}
        >
          <Stack gap="xs" mt="xs">
            {ROLES.map((r) => (
              <Radio key={r} value={r} label={intl.formatMessage({ id: `role.${r}` })} />
            ))}
          </Stack>
        </Radio.Group>
        {(forOrganisation || asPerson) && (
          <NativeSelect
            label={intl.formatMessage({ id: "signIn.organisation" })}
            description={intl.formatMessage({
              id: asPerson
                ? "signIn.advisorOrganisationHint"
                : role === "researcher"
                  ? "signIn.researcherOrganisationHint"
                  : "signIn.organisationHint",
            })}
            required
            value={organisationId}
            onChange={(event) => {
              setOrganisationId(event.currentTarget.value);
              setPersonId("");
              setPeople([]);
            }}
            data={[
              { value: "", label: intl.formatMessage({ id: "signIn.chooseOrganisation" }) },
              ...organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.country})` })),
            ]}
          />
        )}
        {asPerson && (
          <NativeSelect
            label={intl.formatMessage({ id: "signIn.person" })}
            description={intl.formatMessage({ id: "signIn.personHint" })}
            required
            disabled={organisationId === ""}
            value={personId}
            onChange={(event) => setPersonId(event.currentTarget.value)}
            data={[
              { value: "", label: intl.formatMessage({ id: "signIn.choosePerson" }) },
              ...people.map((p) => ({ value: p.id, label: p.name || p.id })),
            ]}
          />
        )}
        {failure !== null && (
          <Alert color="red" role="alert">
            <FormattedMessage id="signIn.failed" values={{ detail: failure }} />
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={incomplete}>
          <FormattedMessage id="signIn.submit" />
        </Button>
      </Stack>
    </form>
  );
}
