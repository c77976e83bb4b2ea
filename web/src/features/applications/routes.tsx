import { lazy } from "react";
import type { RouteObject } from "react-router";

const ApplicationsPage = lazy(() => import("./ApplicationsPage"));

export const applicationRoutes: RouteObject[] = [
  { path: "applications", element: <ApplicationsPage /> },
];
