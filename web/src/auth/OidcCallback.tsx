import { Alert, Center, Loader, Stack, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { FormattedMessage } from "react-intl";
import { useNavigate } from "react-router";

import { useAuth } from "./AuthContext";
import { safeNext } from "./SignInPage";

/** The provider redirects here with the authorization code; PKCE completes the exchange. */
export function OidcCallback() {
  const { config, signIn } = useAuth();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (config.mode !== "oidc" || started.current) return;
    started.current = true; // the code can be exchanged once; StrictMode mounts twice
    import("./oidc")
      .then(async ({ sessionFromUser, userManager }) => {
        const user = await userManager(config).signinRedirectCallback();
        signIn(sessionFromUser(user));
        const state = typeof user.state === "string" ? user.state : null;
        void navigate(safeNext(state), { replace: true });
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, [config, signIn, navigate]);

  return (
    <Center mih="100vh" component="main">
      {failure === null ? (
        <Stack align="center">
          <Loader aria-hidden />
          <Text>
            <FormattedMessage id="signIn.completing" />
          </Text>
        </Stack>
      ) : (
        <Alert color="red" role="alert">
          <FormattedMessage id="signIn.failed" values={{ detail: failure }} />
        </Alert>
      )}
    </Center>
  );
}
