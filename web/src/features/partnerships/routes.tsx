import { lazy } from "react";
import type { RouteObject } from "react-router";

const PartnershipsPage = lazy(() => import("./list/PartnershipsPage"));
const PartnershipPage = lazy(() => import("./page/PartnershipPage"));
const CreatePartnershipPage = lazy(() => import("./form/CreatePartnershipPage"));
const EditPartnershipPage = lazy(() => import("./form/EditPartnershipPage"));
const SteeringGroupPage = lazy(() => import("./steering/SteeringGroupPage"));

export const partnershipRoutes: RouteObject[] = [
  { path: "partnerships", element: <PartnershipsPage /> },
  { path: "partnerships/new", element: <CreatePartnershipPage /> },
  { path: "partnerships/:id", element: <PartnershipPage /> },
  { path: "partnerships/:id/edit", element: <EditPartnershipPage /> },
  { path: "partnerships/:id/steering-group", element: <SteeringGroupPage /> },
];
