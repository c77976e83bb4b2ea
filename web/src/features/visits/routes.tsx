import type { RouteObject } from "react-router";

import { page } from "../../ui/lazyPage";

export const visitRoutes: RouteObject[] = [
  { path: "partnerships/:partnershipId/visits/new", lazy: page(() => import("./PlanVisitPage")) },
  { path: "visits/:id/edit", lazy: page(() => import("./EditVisitPage")) },
];
