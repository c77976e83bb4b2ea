import { lazy } from "react";
import type { RouteObject } from "react-router";

const PlanVisitPage = lazy(() => import("./PlanVisitPage"));
const EditVisitPage = lazy(() => import("./EditVisitPage"));

export const visitRoutes: RouteObject[] = [
  { path: "partnerships/:partnershipId/visits/new", element: <PlanVisitPage /> },
  { path: "visits/:id/edit", element: <EditVisitPage /> },
];
