import type { RouteObject } from "react-router";

import { page } from "../../app/routePage";

export const dashboardRoutes: RouteObject[] = [
  { index: true, lazy: page(() => import("./DashboardPage")) },
];
