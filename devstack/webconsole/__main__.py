"""`python -m devstack.webconsole`: the console server (the runner starts it as a child).

CONSOLE_HOST / CONSOLE_PORT (127.0.0.1 / 4005), CONSOLE_DIST_DIR (web/dist),
CONSOLE_GATEWAY_URL, CONSOLE_DEV_SIGN_IN (off), DEVSTACK_TOKEN_TTL_S (8 h), OIDC_ISSUER,
OIDC_CLIENT_ID, OIDC_SCOPE, OIDC_RESOURCE, ENVIRONMENT and the services' JWT_* variables.
"""

from __future__ import annotations

import os
import sys

import uvicorn

from .app import create_app
from .files import INDEX
from .settings import ConsoleSettings, DevSignInRefused, SettingsError


def main() -> int:
    try:
        settings = ConsoleSettings.from_env(os.environ)
    except (DevSignInRefused, SettingsError) as exc:
        print(f"console: refusing to start: {exc}", file=sys.stderr, flush=True)
        return 2
    if not (settings.dist_dir / INDEX).is_file():
        print(f"console: no built console in {settings.dist_dir}", file=sys.stderr, flush=True)
        return 2
    auth = settings.auth or {"mode": "none (/config.json answers 503)"}
    print(
        f"console: serving {settings.dist_dir} on http://{settings.host}:{settings.port}/,"
        f" sign-in {auth['mode']}, API {settings.gateway_url}",
        flush=True,
    )
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
