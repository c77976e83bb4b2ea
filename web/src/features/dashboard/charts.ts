import { lazy } from "react";

// The charts (recharts, most of the dashboard's code) start loading as soon as the dashboard
// does, alongside its query, rather than once the data has arrived and a chart first renders.
const statusDonut = import("./StatusDonut");
const countBars = import("./CountBars");

export const StatusDonut = lazy(() => statusDonut);
export const CountBars = lazy(() => countBars);
