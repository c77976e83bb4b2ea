import { MantineProvider } from "@mantine/core";
import { useState } from "react";
import { RouterProvider } from "react-router";

import { AuthProvider } from "../auth/AuthProvider";
import type { RuntimeConfig } from "../config/runtime";
import { LocaleProvider } from "../i18n/LocaleProvider";
import { GraphqlProvider } from "./GraphqlProvider";
import { createRouter } from "./router";
import { cssVariablesResolver, theme } from "./theme";

export function App({ config }: { config: RuntimeConfig }) {
  const [router] = useState(createRouter);
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
