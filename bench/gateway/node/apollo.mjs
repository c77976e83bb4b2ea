// Apollo Gateway (@apollo/gateway + @apollo/server standalone) serving a supergraph file.
import { readFileSync } from "node:fs";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginSchemaReportingDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { exitOnSignals, gatewayArgs } from "./args.mjs";

// The gateway otherwise exports anonymous metrics to Apollo; the benchmark runs offline.
process.env.APOLLO_TELEMETRY_DISABLED = "1";

const { supergraph, port, host } = gatewayArgs();
const gateway = new ApolloGateway({ supergraphSdl: readFileSync(supergraph, "utf8") });
const server = new ApolloServer({
  gateway,
  plugins: [
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
  ],
});
const { url } = await startStandaloneServer(server, { listen: { port, host } });
exitOnSignals();
console.log(`apollo gateway ready at ${url}`);
