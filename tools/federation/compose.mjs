// Composes the subgraph SDLs of a scenario directory into <dir>/supergraph.graphql with
// @apollo/composition, the reference composition the Python gateway must accept.
// Usage: node tools/federation/compose.mjs <scenario-dir>
// Each <name>.graphql (except supergraph.graphql) is subgraph <name> at http://<name>.test/graphql;
// tests swap those URLs for the real ports of the subgraphs they start.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node compose.mjs <scenario-dir>");
  process.exit(2);
}

const services = readdirSync(dir)
  .filter((file) => file.endsWith(".graphql") && file !== "supergraph.graphql")
  .sort()
  .map((file) => {
    const name = basename(file, ".graphql");
    return {
      name,
      url: `http://${name}.test/graphql`,
      typeDefs: parse(readFileSync(join(dir, file), "utf8")),
    };
  });

const result = composeServices(services);
if (result.errors) {
  for (const error of result.errors) console.error(`${error.extensions?.code ?? "ERROR"}: ${error.message}`);
  process.exit(1);
}
for (const hint of result.hints ?? []) console.error(`hint ${hint.definition.code}: ${hint.message}`);
writeFileSync(join(dir, "supergraph.graphql"), result.supergraphSdl + "\n");
console.error(`${join(dir, "supergraph.graphql")}: ${services.map((s) => s.name).join(", ")}`);
