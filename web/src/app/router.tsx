import { createBrowserRouter } from "react-router";

import { OidcCallback } from "../auth/OidcCallback";
import { RequireAuth } from "../auth/RequireAuth";
import { SignInPage } from "../auth/SignInPage";
import { applicationRoutes } from "../features/applications/routes";
import { dashboardRoutes } from "../features/dashboard/routes";
import { partnershipRoutes } from "../features/partnerships/routes";
import { researchRoutes } from "../features/research/routes";
import { visitRoutes } from "../features/visits/routes";
import { PageLoader } from "../ui/PageLoader";
import { Layout } from "./Layout";
import { NotFoundPage } from "./NotFoundPage";

/** Each feature declares its own routes; its pages load when first opened. */
export function createRouter() {
  return createBrowserRouter([
    { path: "/sign-in", element: <SignInPage /> },
    { path: "/auth/callback", element: <OidcCallback /> },
    {
      path: "/",
      // Shown while the first page's code loads.
      hydrateFallbackElement: <PageLoader />,
      element: (
        <RequireAuth>
          <Layout />
        </RequireAuth>
      ),
      children: [
        ...dashboardRoutes,
        ...partnershipRoutes,
        ...applicationRoutes,
        ...researchRoutes,
        ...visitRoutes,
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
