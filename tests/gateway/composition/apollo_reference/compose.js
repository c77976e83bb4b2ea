// Composes one corpus case with @apollo/composition (the reference our compose() must match).
// usage: node compose.js CASE_DIR  -> the supergraph on stdout (exit 0), or CODE<TAB>message
// lines (exit 2). Each CASE_DIR/<subgraph>.graphql is one subgraph, URL http://<name>.example/graphql.
// Regenerate the corpus: see regenerate.sh beside this file.
const fs = require('fs'); const path = require('path');
const { composeServices } = require('@apollo/composition');
const { parse } = require('graphql');
const dir = process.argv[2];
const files = fs.readdirSync(dir).filter(f => f.endsWith('.graphql') && f !== 'supergraph.graphql').sort();
let services;
try {
  services = files.map(f => {
    const name = f.replace(/\.graphql$/, '');
    return { name, url: `http://${name}.example/graphql`, typeDefs: parse(fs.readFileSync(path.join(dir, f), 'utf8')) };
  });
} catch (e) {
  console.log(`INVALID_GRAPHQL\t${e.message.replace(/\n/g, ' ')}`);
  process.exit(2);
}
const result = composeServices(services);
if (result.errors) {
  for (const e of result.errors) console.log(`${e.extensions && e.extensions.code}\t${e.message.replace(/\n/g, ' ')}`);
  process.exit(2);
}
const version = require('@apollo/composition/package.json').version;
process.stdout.write(`# Composed by @apollo/composition ${version} (tests/gateway/composition reference)\n` + result.supergraphSdl);
