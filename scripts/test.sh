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
echo "== pytest"
exec .venv/bin/pytest "$@"
