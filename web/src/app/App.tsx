import { MantineProvider } from "@mantine/core";
import { RouterProvider } from "react-router";

import { AuthProvider } from "../auth/AuthProvider";
import type { RuntimeConfig } from "../config/runtime";
import { LocaleProvider } from "../i18n/LocaleProvider";
import { GraphqlProvider } from "./GraphqlProvider";
import type { createRouter } from "./router";
import { cssVariablesResolver, theme } from "./theme";

interface Props {
  config: RuntimeConfig;
  router: ReturnType<typeof createRouter>;
}

export function App({ config, router }: Props) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <LocaleProvider>
        <AuthProvider config={config.auth}>
          <GraphqlProvider gatewayUrl={config.gatewayUrl}>
            <RouterProvider router={router} />
          </GraphqlProvider>
        </AuthProvider>
      </LocaleProvider>
    </MantineProvider>
  );
}
