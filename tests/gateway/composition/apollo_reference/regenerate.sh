#!/bin/sh
# Regenerates every case's supergraph.graphql / errors.txt with @apollo/composition.
# Installs into a scratch folder under /tmp (nothing is installed into the repository).
# The cases made from the services' own SDL (service_variants.py) are written there first.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
scratch=${SCRATCH:-/tmp/apollo-composition-reference}
mkdir -p "$scratch"
cp "$here/package.json" "$here/compose.js" "$scratch/"
(cd "$scratch" && npm install --no-audit --no-fund --silent)
rm -rf "$scratch/variants"
(cd "$root" && .venv/bin/python -m tests.gateway.composition.service_variants "$scratch/variants")
for case in "$here"/../cases/*/; do
  input=$case
  variant="$scratch/variants/$(basename "$case")"
  if [ -d "$variant" ]; then
    input=$variant
  fi
  rm -f "$case/supergraph.graphql" "$case/errors.txt"
  if node "$scratch/compose.js" "$input" > "$scratch/out"; then
    mv "$scratch/out" "$case/supergraph.graphql"
  else
    mv "$scratch/out" "$case/errors.txt"
  fi
done
