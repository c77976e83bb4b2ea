import { lazy } from "react";
import type { RouteObject } from "react-router";

const PartnershipsPage = lazy(() => import("./PartnershipsPage"));

export const partnershipRoutes: RouteObject[] = [
  { path: "partnerships", element: <PartnershipsPage /> },
];
