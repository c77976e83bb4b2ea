import type { RouteObject } from "react-router";

import { page } from "../../ui/lazyPage";

export const dashboardRoutes: RouteObject[] = [
  { index: true, lazy: page(() => import("./DashboardPage")) },
];
