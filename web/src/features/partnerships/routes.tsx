import type { RouteObject } from "react-router";

import { page } from "../../ui/lazyPage";

export const partnershipRoutes: RouteObject[] = [
  { path: "partnerships", lazy: page(() => import("./list/PartnershipsPage")) },
  { path: "partnerships/new", lazy: page(() => import("./form/CreatePartnershipPage")) },
  { path: "partnerships/:id", lazy: page(() => import("./page/PartnershipPage")) },
  { path: "partnerships/:id/edit", lazy: page(() => import("./form/EditPartnershipPage")) },
  {
    path: "partnerships/:id/steering-group",
    lazy: page(() => import("./steering/SteeringGroupPage")),
  },
];
