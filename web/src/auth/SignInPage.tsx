import { Alert, Button, Center, Paper, Stack, Title } from "@mantine/core";
import { FormattedMessage } from "react-intl";
import { Navigate, useNavigate, useSearchParams } from "react-router";

import { LanguageSelect } from "../ui/LanguageSelect";
import { useAuth } from "./AuthContext";
import { DevSignIn } from "./DevSignIn";
import type { Session } from "./session";

/** Where a user goes back to after signing in: only paths inside the console. */
export function safeNext(next: string | null): string {
  return next !== null && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function SignInPage() {
  const { config, session, expired, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));
  if (session !== null) return <Navigate to={next} replace />;

  const done = (signedIn: Session) => {
    signIn(signedIn);
    void navigate(next, { replace: true });
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={440} component="main">
        <Stack>
          <Title order={1} id="sign-in-title" size="h2">
            <FormattedMessage id="signIn.title" />
          </Title>
          {expired && (
            <Alert color="yellow" role="status">
              <FormattedMessage id="signIn.expired" />
            </Alert>
          )}
          {config.mode === "development" ? (
            <DevSignIn onSignedIn={done} />
          ) : (
            <Button
              onClick={() =>
                void import("./oidc").then(({ userManager }) =>
                  userManager(config).signinRedirect({ state: next }),
                )
              }
            >
              <FormattedMessage id="signIn.oidc" />
            </Button>
          )}
          <LanguageSelect />
        </Stack>
      </Paper>
    </Center>
  );
}
