import type { RouteObject } from "react-router";

import { page } from "../../app/routePage";

export const visitRoutes: RouteObject[] = [
  { path: "partnerships/:partnershipId/visits/new", lazy: page(() => import("./PlanVisitPage")) },
  { path: "visits/:id/edit", lazy: page(() => import("./EditVisitPage")) },
];
