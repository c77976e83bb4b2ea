import { lazy } from "react";
import type { RouteObject } from "react-router";

const ApplicationsPage = lazy(() => import("./list/ApplicationsPage"));
const ApplicationPage = lazy(() => import("./page/ApplicationPage"));
// One page for both: the first save of a new application moves it to its edit address
// without the form being rebuilt.
const ApplicationDraftPage = lazy(() => import("./draft/ApplicationDraftPage"));

export const applicationRoutes: RouteObject[] = [
  { path: "applications", element: <ApplicationsPage /> },
  { path: "applications/new", element: <ApplicationDraftPage /> },
  { path: "applications/:id", element: <ApplicationPage /> },
  { path: "applications/:id/edit", element: <ApplicationDraftPage /> },
];
