import type { RouteObject } from "react-router";

import { page } from "../../ui/lazyPage";

export const researchRoutes: RouteObject[] = [
  { path: "research", lazy: page(() => import("./list/ResearchPage")) },
  // One page for both: the first save of a new application moves it to its edit address
  // without the form being rebuilt.
  { path: "research/new", lazy: page(() => import("./draft/ResearchDraftPage")) },
  { path: "research/applications/:id", lazy: page(() => import("./page/ResearchApplicationPage")) },
  { path: "research/applications/:id/edit", lazy: page(() => import("./draft/ResearchDraftPage")) },
];
