// Hive Gateway (createGatewayRuntime of @graphql-hive/gateway-runtime) on node:http,
// serving a supergraph file; no usage reporting, no CDN, no response cache.
// --dedup: its default in-flight deduplication of identical subgraph requests (concurrent
// client requests that need the same fetch share one subgraph response); without it, off.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { exitOnSignals, gatewayArgs } from "./args.mjs";

const { supergraph, port, host, dedup } = gatewayArgs({
  dedup: { type: "boolean", default: false },
});
const gateway = createGatewayRuntime({
  supergraph: readFileSync(supergraph, "utf8"),
  graphqlEndpoint: "/graphql",
  graphiql: false,
  landingPage: false,
  logging: "warn",
  // With --dedup the transport keeps its default (deduplicateInflightRequests: true).
  ...(dedup ? {} : { transportEntries: { "*": { options: { deduplicateInflightRequests: false } } } }),
});
const server = createServer(gateway);
server.listen(port, host, () =>
  console.log(`hive gateway ready at http://${host}:${port}/graphql (dedup ${dedup ? "on" : "off"})`),
);
exitOnSignals();
