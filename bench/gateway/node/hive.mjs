// Hive Gateway (createGatewayRuntime of @graphql-hive/gateway-runtime) on node:http,
// serving a supergraph file; no usage reporting, no CDN, no response cache.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { exitOnSignals, gatewayArgs } from "./args.mjs";

const { supergraph, port, host } = gatewayArgs();
const gateway = createGatewayRuntime({
  supergraph: readFileSync(supergraph, "utf8"),
  graphqlEndpoint: "/graphql",
  graphiql: false,
  landingPage: false,
  logging: "warn",
  // Off: it shares one subgraph response between concurrent client requests that need the
  // same fetch, which the other gateways do not (the benchmark's clients all send one query).
  transportEntries: { "*": { options: { deduplicateInflightRequests: false } } },
});
const server = createServer(gateway);
server.listen(port, host, () => console.log(`hive gateway ready at http://${host}:${port}/graphql`));
exitOnSignals();
