import { useEffect, useState } from "react";

type Charts = typeof import("./chartComponents");

let loaded: Charts | null = null;
let loading: Promise<Charts> | null = null;

/**
 * Starts loading the charts (recharts, most of the dashboard's code). The dashboard calls it
 * once its query is on its way, so that the charts load alongside the query without their
 * evaluation holding up the request.
 */
export function preloadCharts(): Promise<Charts> {
  loading ??= import("./chartComponents").then((charts) => (loaded = charts));
  return loading;
}

/**
 * The chart components once their code is in (null until then). A hook rather than
 * React.lazy: lazy suspends on a chart's first render even when the code is in, and React
 * holds a suspended boundary back for ~300 ms.
 */
export function useCharts(): Charts | null {
  const [charts, setCharts] = useState(loaded);
  useEffect(() => {
    if (charts === null) void preloadCharts().then(setCharts);
  }, [charts]);
  return charts;
}
