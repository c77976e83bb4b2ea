"""Real service replicas in the test process, reached over HTTP through their ASGI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from services.common.app import create_app
from services.common.auth import Role
from services.common.gateway_credential import credential_headers
from services.common.mongo import connect
from services.common.runtime import ServiceRuntime
from services.common.service import ServiceSpec
from services.common.settings import Settings
from services.common.tokens import mint

from .servers import delete_broker_objects

TEST_RETRY_DELAYS_MS = [50, 100]


class GraphQLError(AssertionError):
    """The response had errors where the test expected data."""


@dataclass
class RunningService:
    runtime: ServiceRuntime[Any]
    http: httpx.AsyncClient

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    def token(self, role: Role, org: str | None = None, sub: str | None = None) -> str:
        return mint(self.settings, role, org=org, sub=sub)

    async def graphql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        role: Role | None = Role.OFFICER,
        org: str | None = None,
        token: str | None = None,
    ) -> dict[str, Any]:
        """The whole response body (data and errors)."""
        headers = {}
        bearer = token or (self.token(role, org) if role is not None else None)
        if bearer:
            headers["authorization"] = f"Bearer {bearer}"
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None, **auth: Any) -> Any:
        """`data` of a response that must have no errors."""
        body = await self.graphql(query, variables, **auth)
        if body.get("errors"):
            raise GraphQLError(body["errors"])
        return body["data"]


def as_gateway(runtime: ServiceRuntime[Any]) -> httpx.AsyncClient:
    """A client of the replica's app that calls it as the gateway does: with its credential."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(runtime)),
        base_url="http://test",
        headers=credential_headers(runtime.settings.subgraph_secret),
    )


def error_codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors", [])]


@asynccontextmanager
async def running_service(
    spec: ServiceSpec[Any], mongo_url: str, broker_url: str, prefix: str, **overrides: Any
) -> AsyncIterator[RunningService]:
    """`overrides`: further settings (e.g. `oidc_issuer`)."""
    settings = Settings(
        service_name=spec.name,
        mongodb_url=mongo_url,
        mongodb_database=f"t_{prefix.replace('-', '_')}_{spec.name}",
        amqp_url=broker_url,
        events_prefix=prefix,
        event_retry_delays_ms=TEST_RETRY_DELAYS_MS,
        outbox_poll_ms=50,
        **overrides,
    )
    runtime: ServiceRuntime[Any] = ServiceRuntime(spec, settings)
    await runtime.start()
    try:
        async with as_gateway(runtime) as http:
            yield RunningService(runtime, http)
    finally:
        await runtime.stop()
        cleanup = connect(mongo_url)
        await cleanup.drop_database(settings.database_name)
        await cleanup.close()
        await delete_broker_objects(broker_url, prefix, [spec.name], TEST_RETRY_DELAYS_MS)
