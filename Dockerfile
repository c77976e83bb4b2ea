# One image for every subgraph service and for the gateway. The image runs nothing by
# itself: the command chooses the process, e.g.
#   docker run … icld python -m services.finance
#   docker run … icld python -m gateway --host 0.0.0.0 --port 4000 --subgraph finance=http://finance:8000/graphql …
# (docker-compose.yml passes these). Configuration is by environment variables only
# (services/common/settings.py); nothing is downloaded at run time.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- builder: resolve the locked runtime dependencies into /app/.venv ---------------------
FROM ${PYTHON_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy

RUN pip install "uv==0.13.8"

WORKDIR /app

# Only the lock and the project file: this layer is rebuilt when dependencies change,
# not when the source does. --frozen installs exactly uv.lock; --no-dev leaves out the
# dev group (pytest, ruff, mypy, nx-27017); the project itself is virtual (package = false).
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project

# --- runtime: the venv and the source, no uv, no build tools ------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV VIRTUAL_ENV=/app/.venv \
    PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UV_PYTHON_DOWNLOADS=never \
    HOST=0.0.0.0 \
    PORT=8000

RUN groupadd --gid 10001 app \
    && useradd --uid 10001 --gid app --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin app

WORKDIR /app

# Same base image as the builder, so the venv's interpreter link (/usr/local/bin) holds.
COPY --from=builder /app/.venv /app/.venv
COPY services/ services/
COPY gateway/ gateway/
# Byte-compile the source while still root: the app user cannot write __pycache__.
RUN python -m compileall -q services gateway

# Numeric, so orchestrators can check runAsNonRoot.
USER 10001:10001

# Subgraph services listen on $PORT (8000); the gateway is told its port (4000) by compose.
EXPOSE 8000 4000

# No default process: say what to pass instead of starting a Python REPL.
CMD ["python", "-c", "import sys; sys.exit('icld image: pass a command, e.g. python -m services.partnerships | services.networks | services.training | services.finance, or python -m gateway --subgraph NAME=URL ...')"]
