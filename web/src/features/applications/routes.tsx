import type { RouteObject } from "react-router";

import { page } from "../../ui/lazyPage";

export const applicationRoutes: RouteObject[] = [
  { path: "applications", lazy: page(() => import("./list/ApplicationsPage")) },
  // One page for both: the first save of a new application moves it to its edit address
  // without the form being rebuilt.
  { path: "applications/new", lazy: page(() => import("./draft/ApplicationDraftPage")) },
  { path: "applications/:id", lazy: page(() => import("./page/ApplicationPage")) },
  { path: "applications/:id/edit", lazy: page(() => import("./draft/ApplicationDraftPage")) },
];
