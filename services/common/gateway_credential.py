"""The gateway's credential: a shared secret (`SUBGRAPH_SECRET`) the gateway sends with every
subgraph request, so that a service's /graphql answers the gateway and nobody else."""

from __future__ import annotations

import hmac
import logging

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from .settings import Environment, refuse_development_subgraph_secret

log = logging.getLogger(__name__)

HEADER = "x-subgraph-secret"


def credential_headers(secret: str) -> dict[str, str]:
    """The header the gateway adds to its subgraph requests."""
    return {HEADER: secret}


class GatewayOnly:
    """ASGI wrapper: lets through only HTTP requests that carry the secret (constant-time
    compare); anything else is a 401 with an `UNAUTHENTICATED` GraphQL error."""

    def __init__(self, app: ASGIApp, secret: str, environment: Environment) -> None:
        refuse_development_subgraph_secret(environment, secret)
        self._app = app
        self._secret = secret.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._admits(scope):
            await self._app(scope, receive, send)
            return
        log.info("request without the gateway's credential refused", extra={"path": scope["path"]})
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1008})
            return
        response = JSONResponse(
            {
                "errors": [
                    {
                        "message": "This service answers only the gateway: the request lacks "
                        f"the gateway's credential (the {HEADER} header is missing or "
                        "wrong). Send your requests to the gateway.",
                        "extensions": {"code": "UNAUTHENTICATED"},
                    }
                ]
            },
            status_code=401,
        )
        await response(scope, receive, send)

    def _admits(self, scope: Scope) -> bool:
        presented = [value for name, value in scope["headers"] if name == HEADER.encode()]
        return len(presented) == 1 and hmac.compare_digest(presented[0], self._secret)
