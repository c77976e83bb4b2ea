// Apollo Gateway (@apollo/gateway + @apollo/server) serving a supergraph file: the oracle the
// federation tests are written against during development.
// Usage: node tools/federation/apollo-gateway.mjs --supergraph FILE --port N
// Serves POST /graphql and GET /health (200 once the supergraph is loaded), like the Python one.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, HeaderMap } from "@apollo/server";

const { values } = parseArgs({
  options: { supergraph: { type: "string" }, port: { type: "string" }, host: { type: "string" } },
});
if (!values.supergraph || !values.port) {
  console.error("usage: node apollo-gateway.mjs --supergraph FILE --port N [--host H]");
  process.exit(2);
}

const FORWARDED = ["authorization", "x-request-id"];

class ForwardingDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    for (const name of FORWARDED) {
      const value = context.headers?.[name];
      if (value) request.http.headers.set(name, value);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(values.supergraph, "utf8"),
  buildService: ({ url }) => new ForwardingDataSource({ url }),
});
const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
await server.start();

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

// A bare node:http front instead of startStandaloneServer so /health answers like our gateway.
const http = createServer(async (request, response) => {
  const url = new URL(request.url, "http://localhost");
  if (url.pathname === "/health") {
    response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  if (url.pathname !== "/graphql") {
    response.writeHead(404).end();
    return;
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const text = await readBody(request);
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: request.method,
      headers,
      search: url.search,
      body: text ? JSON.parse(text) : undefined,
    },
    context: async () => ({ headers: request.headers }),
  });
  const outHeaders = Object.fromEntries(result.headers);
  response.writeHead(result.status ?? 200, outHeaders);
  if (result.body.kind === "complete") {
    response.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }
});

const host = values.host ?? "127.0.0.1";
http.listen(Number(values.port), host, () => {
  console.error(`apollo gateway on http://${host}:${values.port}/graphql`);
});
process.on("SIGTERM", async () => {
  http.close();
  await server.stop();
  process.exit(0);
});
