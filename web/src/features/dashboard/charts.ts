import { lazy } from "react";

/**
 * The charts (recharts, most of the dashboard's code) load in parallel with the dashboard's
 * query instead of before it: the page itself is small and asks for its data at once.
 */
export const StatusDonut = lazy(() => import("./StatusDonut"));
export const CountBars = lazy(() => import("./CountBars"));
