// The command line shared by the gateway scripts: --supergraph FILE --port N [--host H], plus
// the options a script adds (`extra`, node:util parseArgs options).
import { parseArgs } from "node:util";

export function gatewayArgs(extra = {}) {
  const { values } = parseArgs({
    options: {
      supergraph: { type: "string" },
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      ...extra,
    },
  });
  if (!values.supergraph || !values.port) {
    const flags = Object.keys(extra).map((name) => ` [--${name}]`).join("");
    console.error(`usage: node SCRIPT --supergraph FILE --port N [--host H]${flags}`);
    process.exit(2);
  }
  return { ...values, port: Number(values.port) };
}

// SIGTERM from the benchmark: stop at once (no request is in flight by then).
export function exitOnSignals() {
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
}
