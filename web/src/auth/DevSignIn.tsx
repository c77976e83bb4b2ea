import { Alert, Button, NativeSelect, Radio, Stack, Text } from "@mantine/core";
import { useEffect, useState, type SyntheticEvent } from "react";
import { FormattedMessage, useIntl } from "react-intl";

import type { Role, Session } from "./session";

interface OrganisationChoice {
  id: string;
  name: string;
  country: string;
}

const ROLES: Role[] = ["officer", "coordinator", "viewer", "admin"];

/** The local runner's development sign-in: choose a role (and a coordinator's organisation). */
export function DevSignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const intl = useIntl();
  const [role, setRole] = useState<Role>("officer");
  const [organisations, setOrganisations] = useState<OrganisationChoice[]>([]);
  const [organisationId, setOrganisationId] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch("/dev/sign-in/options")
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status}`);
        const body = (await response.json()) as { organisations: OrganisationChoice[] };
        setOrganisations(body.organisations);
      })
      .catch((error: unknown) => setFailure(String(error)));
  }, []);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const response = await fetch("/dev/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ role, organisationId: role === "coordinator" ? organisationId : null }),
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

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
      <Stack>
        <Text size="sm" c="dimmed">
          <FormattedMessage id="signIn.devNotice" />
        </Text>
        <Radio.Group
          label={intl.formatMessage({ id: "signIn.role" })}
          value={role}
          onChange={setRole}
        >
          <Stack gap="xs" mt="xs">
            {ROLES.map((r) => (
              <Radio key={r} value={r} label={intl.formatMessage({ id: `role.${r}` })} />
            ))}
          </Stack>
        </Radio.Group>
        {role === "coordinator" && (
          <NativeSelect
            label={intl.formatMessage({ id: "signIn.organisation" })}
            description={intl.formatMessage({ id: "signIn.organisationHint" })}
            required
            value={organisationId}
            onChange={(event) => setOrganisationId(event.currentTarget.value)}
            data={[
              { value: "", label: intl.formatMessage({ id: "signIn.chooseOrganisation" }) },
              ...organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.country})` })),
            ]}
          />
        )}
        {failure !== null && (
          <Alert color="red" role="alert">
            <FormattedMessage id="signIn.failed" values={{ detail: failure }} />
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={role === "coordinator" && !organisationId}>
          <FormattedMessage id="signIn.submit" />
        </Button>
      </Stack>
    </form>
  );
}
