"""The gateway's credential: a shared secret (`SUBGRAPH_SECRET`) the gateway sends with every
subgraph request, so that a service's /graphql answers the gateway and nobody else. While it
is rotated, a service accepts its previous value too (`SUBGRAPH_SECRET_PREVIOUS`)."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from .settings import Settings, refuse_development_subgraph_secret

log = logging.getLogger(__name__)

HEADER = "x-subgraph-secret"


def credential_headers(secret: str) -> dict[str, str]:
    """The header the gateway adds to its subgraph requests."""
    return {HEADER: secret}


@dataclass(frozen=True)
class Credential:
    """The gateway's credential as the request being answered presented it, and every one the
    service accepts (the current one first)."""

    presented: bytes
    accepted: tuple[bytes, ...]


_request_credential: ContextVar[Credential] = ContextVar("gateway_credential")


def request_credential() -> Credential:
    """The credential of the request being answered (what paging cursors are signed with)."""
    try:
        return _request_credential.get()
    except LookupError:
        raise RuntimeError("no request admitted by GatewayOnly is being answered") from None


@contextmanager
def answering(credential: Credential) -> Iterator[None]:
    """Makes `credential` the request credential of the code run within."""
    token = _request_credential.set(credential)
    try:
        yield
    finally:
        _request_credential.reset(token)


class GatewayOnly:
    """ASGI wrapper: lets through only HTTP requests that carry the secret (constant-time
    compare); anything else is a 401 with an `UNAUTHENTICATED` GraphQL error."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        refuse_development_subgraph_secret(
            settings.environment, settings.subgraph_secret, settings.subgraph_secret_previous
        )
        self._app = app
        self._secrets = tuple(secret.encode() for secret in settings.subgraph_secrets)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (presented := self._presented(scope)) is not None:
            with answering(Credential(presented, self._secrets)):
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

    def _presented(self, scope: Scope) -> bytes | None:
        """The accepted secret the request carries, if it carries one (and only one)."""
        presented = [value for name, value in scope["headers"] if name == HEADER.encode()]
        if len(presented) != 1:
            return None
        # Compared with every accepted secret: the time taken tells nothing of which matched.
        matches = [hmac.compare_digest(presented[0], secret) for secret in self._secrets]
        return presented[0] if any(matches) else None
