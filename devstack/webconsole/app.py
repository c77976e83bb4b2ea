"""The console server's ASGI app: /config.json, the development sign-in when allowed, and
the built console for every other path."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Mount, Route

from . import sign_in
from .files import ConsoleFiles
from .settings import ConsoleSettings

ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def create_app(settings: ConsoleSettings) -> Starlette:
    async def config(_request: Request) -> JSONResponse:
        """What the single-page app reads first: where the API is and how to sign in."""
        auth = settings.auth
        if auth is None:
            reason = settings.production_reason or "CONSOLE_DEV_SIGN_IN is off"
            return sign_in.error(
                503, f"no sign-in is configured: set OIDC_ISSUER and OIDC_CLIENT_ID ({reason})"
            )
        body = {"gatewayUrl": settings.gateway_url, "auth": auth}
        return JSONResponse(body, headers={"Cache-Control": "no-cache"})

    async def not_found(_request: Request) -> JSONResponse:
        return sign_in.error(404, "not found")

    routes: list[BaseRoute] = [Route("/config.json", config, methods=["GET"])]
    if settings.dev_sign_in:
        routes += sign_in.routes(settings)
    # Whatever else is under /dev is a 404, never the app's index.html: in production no
    # path there answers at all.
    routes += [
        Route("/dev", not_found, methods=ANY_METHOD),
        Route("/dev/{rest:path}", not_found, methods=ANY_METHOD),
        Mount("/", app=ConsoleFiles(str(settings.dist_dir))),
    ]
    return Starlette(routes=routes)
