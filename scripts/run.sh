#!/usr/bin/env bash
# Runs the whole platform locally (MongoDB-compatible server, RabbitMQ, services, gateway).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m devstack "$@"
