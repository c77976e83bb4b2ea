// Composes subgraph SDLs into a supergraph with @apollo/composition.
// stdin: JSON [{"name": ..., "url": ..., "sdl": ...}]; stdout: the supergraph SDL.
import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

const subgraphs = JSON.parse(readFileSync(0, "utf8"));
const result = composeServices(
  subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
);
if (result.errors) {
  for (const error of result.errors) console.error(error.toString());
  process.exit(1);
}
for (const hint of result.hints ?? []) console.error(`hint: ${hint.toString()}`);
process.stdout.write(result.supergraphSdl);
