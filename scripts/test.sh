#!/usr/bin/env bash
# Sets up everything and runs the checks CI runs: ruff, mypy, then the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/ensure-rabbitmq.sh

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy .
echo "== web console: eslint, TypeScript, message catalogues"
export PATH="$PWD/.tools/node/bin:$PATH"
(
  cd web
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
  npm run --silent check
)
echo "== pytest"
exec .venv/bin/pytest "$@"
