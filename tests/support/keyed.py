"""Mutations sent straight to a service with an `Idempotency-Key`, as a retrying client does."""

from __future__ import annotations

from typing import Any

from services.common.auth import Role
from services.common.gateway_credential import credential_headers

from .services import RunningService


async def keyed(
    service: RunningService,
    query: str,
    variables: dict[str, Any],
    key: str | None,
    *,
    role: Role = Role.OFFICER,
    org: str | None = None,
    sub: str | None = None,
) -> dict[str, Any]:
    """The whole response body; `key` None sends none."""
    headers = {
        "authorization": f"Bearer {service.token(role, org, sub)}",
        **credential_headers(service.settings.subgraph_secret),
    }
    if key is not None:
        headers["idempotency-key"] = key
    response = await service.http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def twice(
    service: RunningService,
    query: str,
    variables: dict[str, Any],
    key: str,
    **auth: Any,
) -> dict[str, Any]:
    """Sends the mutation twice with one key; asserts both answers are the same success."""
    first = await keyed(service, query, variables, key, **auth)
    assert "errors" not in first, first
    again = await keyed(service, query, variables, key, **auth)
    assert again == first
    return first
