"""One trace across the platform: an application approved through the gateway opens its
grant in finance, and the gateway, partnerships and finance processes export one trace of it
over OTLP/HTTP to a receiver in the test: gateway operation → subgraph fetch → partnerships
request → … → relay publish and finance's apply of the event, with their MongoDB commands."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint
from services.contracts.partnerships import APPLICATION_DECIDED
from services.finance.domain.grant import grant_id_for

from ..finance.builders import GRANT
from ..partnerships.applying import World, create_call
from ..partnerships.applying import world as partnerships_world
from ..support.otlp_receiver import OtlpReceiver, ReceivedSpan
from ..support.servers import delete_broker_objects, free_port
from ..support.services import GraphQLError
from ..support.uvicorn_process import uvicorn_process
from ..support.waiting import eventually

SERVICES = ("partnerships", "finance")
RETRY_DELAYS_MS = [50, 100]


@dataclass
class Gateway:
    """The gateway's API with the tokens of `applying.World`'s callers (same `data` call as a
    test's RunningService, so the world is built through the gateway)."""

    http: httpx.AsyncClient

    async def data(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        role: Role = Role.OFFICER,
        org: str | None = None,
    ) -> Any:
        token = mint(Settings(), role, org=org)
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        if body.get("errors"):
            raise GraphQLError(body["errors"])
        return body["data"]


@asynccontextmanager
async def platform(
    receiver: OtlpReceiver, mongo_url: str, broker_url: str, unique: str, logs: Path
) -> AsyncIterator[Gateway]:
    """partnerships, finance and a gateway in front of them, each its own process exporting
    to `receiver`; the batch exporter sends every 100 ms instead of every 5 s."""
    prefix = f"test-{unique}"
    telemetry = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint,
        "OTEL_BSP_SCHEDULE_DELAY": "100",
    }
    ports = {name: free_port() for name in (*SERVICES, "gateway")}
    async with AsyncExitStack() as stack:
        stack.push_async_callback(
            delete_broker_objects, broker_url, prefix, list(SERVICES), RETRY_DELAYS_MS
        )
        for name in SERVICES:
            env = telemetry | {
                "MONGODB_URL": mongo_url,
                "MONGODB_DATABASE": f"t_trace_{unique}_{name}",
                "AMQP_URL": broker_url,
                "EVENTS_PREFIX": prefix,
                "EVENT_RETRY_DELAYS_MS": str(RETRY_DELAYS_MS),
                "OUTBOX_POLL_MS": "50",
                "PORT": str(ports[name]),
            }
            await stack.enter_async_context(
                uvicorn_process([f"services.{name}"], env, logs / f"{name}.log")
            )
        subgraphs = [
            arg
            for name in SERVICES
            for arg in ("--subgraph", f"{name}=http://127.0.0.1:{ports[name]}/graphql")
        ]
        await stack.enter_async_context(
            uvicorn_process(
                ["gateway", *subgraphs, "--port", str(ports["gateway"])],
                telemetry,
                logs / "gateway.log",
            )
        )
        http = await stack.enter_async_context(
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{ports['gateway']}", timeout=30)
        )

        async def composed() -> bool:
            return (await http.get("/health")).status_code == 200

        await eventually(composed, what="the gateway composed partnerships and finance")
        yield Gateway(http)


async def approved_application(w: World) -> dict[str, Any]:
    """`World.in_status("APPROVED")` under a call open today: these processes run on the real
    clock, not the day the world's own call is pinned to."""
    today = datetime.now(UTC).date()
    call = await create_call(
        w.service,
        opensOn=(today - timedelta(days=2)).isoformat(),
        closesOn=(today + timedelta(days=30)).isoformat(),
    )
    w.call = call["id"]
    application: dict[str, Any] = await w.in_status("APPROVED")
    return application


def ancestors(span: ReceivedSpan, spans: list[ReceivedSpan]) -> list[ReceivedSpan]:
    """`span`'s parent, its parent's parent … up to the root, each of which must be there."""
    by_id = {s.span_id: s for s in spans}
    chain = []
    while span.parent_id:
        assert span.parent_id in by_id, f"the parent of {span.name} ({span.service}) is missing"
        span = by_id[span.parent_id]
        chain.append(span)
    return chain


async def test_an_approval_and_the_grant_it_opens_are_one_trace(
    mongo_url: str, broker_url: str, unique: str, tmp_path: Path
) -> None:
    with OtlpReceiver().serving() as receiver:
        async with platform(receiver, mongo_url, broker_url, unique, tmp_path) as gateway:
            # The world needs only `data`: built through the gateway, as any client would.
            w = await partnerships_world(gateway)  # type: ignore[arg-type]
            application = await approved_application(w)
            grant_id = grant_id_for(application["id"])

            async def opened() -> bool:
                return (await gateway.data(GRANT, {"id": grant_id}))["grant"] is not None

            await eventually(opened, what="finance opened the grant of the approval")

            def applied() -> ReceivedSpan | None:
                for span in receiver.spans:
                    if (
                        span.service == "finance"
                        and span.kind == "consumer"
                        and span.attributes.get("cloudevents.event_type")
                        == APPLICATION_DECIDED.type
                        and span.attributes.get("cloudevents.event_subject") == application["id"]
                    ):
                        return span
                return None

            async def apply_exported() -> bool:
                return applied() is not None

            await eventually(apply_exported, what="finance's apply span exported")
            apply = applied()
            assert apply is not None

            async def trace_complete() -> bool:
                spans = receiver.trace(apply.trace_id)
                ids = {s.span_id for s in spans}
                return all(not s.parent_id or s.parent_id in ids for s in spans)

            await eventually(trace_complete, what="every span of the trace exported")

    spans = receiver.trace(apply.trace_id)
    assert {s.service for s in spans} == {"gateway", "partnerships", "finance"}
    chain = ancestors(apply, spans)
    root = chain[-1]
    assert (root.service, root.kind, root.name) == ("gateway", "server", "mutation")
    assert root.attributes["graphql.operation.type"] == "mutation"
    fetch = chain[-2]
    assert (fetch.service, fetch.kind, fetch.name) == ("gateway", "client", "fetch partnerships")
    assert fetch.attributes["graphql.federation.subgraph"] == "partnerships"
    assert fetch.attributes["icld.fetch.attempt"] == 1
    request = chain[-3]
    assert (request.service, request.kind) == ("partnerships", "server")
    assert request.name.startswith("POST /graphql")
    # Between the request and finance's apply only partnerships' own spans: the event was
    # made inside the request and carried its context through the outbox and RabbitMQ.
    assert {s.service for s in chain[:-3]} <= {"partnerships"}
    publishes = [
        s
        for s in spans
        if s.kind == "producer"
        and s.attributes.get("cloudevents.event_id") == apply.attributes["cloudevents.event_id"]
    ]
    assert [(s.service, s.parent_id) for s in publishes] == [("partnerships", apply.parent_id)]
    mongo = [
        s
        for s in spans
        if s.attributes.get("db.system") == "mongodb"
        or s.attributes.get("db.system.name") == "mongodb"
    ]
    assert {s.service for s in mongo} == {"partnerships", "finance"}
    assert any(s.parent_id == apply.span_id for s in mongo if s.service == "finance")
    # One operation, one trace: the gateway made no other root in it.
    assert [s for s in spans if not s.parent_id] == [root]
    # Whatever the services did, they did for an operation of the gateway: their start, the
    # relay's polls, the gateway's SDL polls make no traces of their own.
    roots = [s for s in receiver.spans if not s.parent_id]
    assert {(s.service, s.kind) for s in roots} == {("gateway", "server")}
