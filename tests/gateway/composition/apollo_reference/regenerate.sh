#!/bin/sh
# Regenerates every case's supergraph.graphql / errors.txt with @apollo/composition.
# Installs into a scratch folder under /tmp (nothing is installed into the repository).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
scratch=${SCRATCH:-/tmp/apollo-composition-reference}
mkdir -p "$scratch"
cp "$here/package.json" "$here/compose.js" "$scratch/"
(cd "$scratch" && npm install --no-audit --no-fund --silent)
for case in "$here"/../cases/*/; do
  rm -f "$case/supergraph.graphql" "$case/errors.txt"
  if node "$scratch/compose.js" "$case" > "$scratch/out"; then
    mv "$scratch/out" "$case/supergraph.graphql"
  else
    mv "$scratch/out" "$case/errors.txt"
  fi
done
