"""Bearer tokens checked at the edge with the services' own verifier (development tokens and
an OpenID Connect provider's): a present but invalid token is refused here; a missing one
passes (each subgraph decides what needs a caller)."""

from __future__ import annotations

from services.common.auth import Principal, TokenVerifier
from services.common.errors import Unauthenticated

from ..settings import GatewaySettings
from .errors import RequestError


class BearerCheck:
    def __init__(self, settings: GatewaySettings) -> None:
        self._verifier: TokenVerifier | None = None
        if settings.verifies_tokens:
            self._verifier = TokenVerifier(settings.token_settings())

    async def check(self, authorization: str | None) -> Principal | None:
        """The caller the token names; None without a token or when tokens are not
        verified here."""
        if self._verifier is None or not authorization:
            return None
        try:
            return await self._verifier.principal(authorization)
        except Unauthenticated as exc:
            raise RequestError(
                401, exc.message, "UNAUTHENTICATED", headers={"www-authenticate": "Bearer"}
            ) from exc
