import { useEffect, useState } from "react";

type Charts = typeof import("./chartComponents");

// The charts (recharts, most of the dashboard's code) start loading as soon as the dashboard
// does, alongside its query. A hook rather than React.lazy: lazy suspends on a chart's first
// render even when the code is in, and React holds a suspended boundary back ~300 ms.
let loaded: Charts | null = null;
const loading = import("./chartComponents").then((charts) => (loaded = charts));

/** The chart components once their code is in (null until then). */
export function useCharts(): Charts | null {
  const [charts, setCharts] = useState(loaded);
  useEffect(() => {
    if (charts === null) void loading.then(setCharts);
  }, [charts]);
  return charts;
}
