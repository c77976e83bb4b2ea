// The command line shared by the gateway scripts: --supergraph FILE --port N [--host H].
import { parseArgs } from "node:util";

export function gatewayArgs() {
  const { values } = parseArgs({
    options: {
      supergraph: { type: "string" },
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
    },
  });
  if (!values.supergraph || !values.port) {
    console.error("usage: node SCRIPT --supergraph FILE --port N [--host H]");
    process.exit(2);
  }
  return { supergraph: values.supergraph, port: Number(values.port), host: values.host };
}

// SIGTERM from the benchmark: stop at once (no request is in flight by then).
export function exitOnSignals() {
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
}
