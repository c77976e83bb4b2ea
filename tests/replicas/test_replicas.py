"""Several replicas working together, as real processes (`python -m devstack` with three
finance and two partnerships replicas and two gateways): under a burst of mutations whose
events finance consumes, every replica takes part, one replica killed with SIGKILL mid-burst
loses nothing, the gateways keep answering queries and never send a mutation twice."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.common.auth import Role
from services.common.mongo import connect
from services.common.settings import Settings
from services.common.tokens import mint
from services.contracts.partnerships import ORGANISATION_CREATED
from tests.support.gateway_api import GatewayAPI
from tests.support.placeholder_console import placeholder_dist
from tests.support.runner import devstack
from tests.support.waiting import eventually

from .platform import REPLICAS, Platform, free_ports, spec

CREATE = """
mutation Create($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name } }
}"""
QUERY = """
query Both($id: ID!) {
  organisations(first: 1) { totalCount }
  financeKnownOrganisation(id: $id) { id sourceVersion }
}"""
WORKERS = 6
AFTER_KILL = 60
"""Mutations sent once the replica is dead: the burst goes on around the hole."""
BOUND_S = 180.0
"""Generous bound on every wait: a 2-core machine shared by several engineers."""


@dataclass
class Burst:
    """Mutations sent by concurrent workers through both gateways until told to stop."""

    gateways: list[GatewayAPI]
    token: str
    prefix: str
    answered: dict[str, str] = field(default_factory=dict)
    """name → organisation id, for mutations answered with data."""
    unavailable: list[str] = field(default_factory=list)
    """Names whose mutation got SUBGRAPH_UNAVAILABLE: not retried, it may have been written."""
    sent_after_kill: int = 0
    killed: bool = False
    _numbers: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def done(self) -> bool:
        return self.killed and self.sent_after_kill >= AFTER_KILL

    async def worker(self, index: int) -> None:
        gateway = self.gateways[index % len(self.gateways)]
        while not self.done:
            name = f"{self.prefix} {next(self._numbers):05d}"
            counts_after_kill = self.killed
            variables = {"input": {"name": name, "kind": "MUNICIPALITY", "country": "SE"}}
            body = await gateway.execute(CREATE, variables, token=self.token)
            if counts_after_kill:
                self.sent_after_kill += 1
            if body.get("errors"):
                codes = {e.get("extensions", {}).get("code") for e in body["errors"]}
                assert codes == {"SUBGRAPH_UNAVAILABLE"}, body
                self.unavailable.append(name)
            else:
                self.answered[name] = body["data"]["createOrganisation"]["organisation"]["id"]


@dataclass
class Queries:
    """Queries to both subgraphs through both gateways, every answer kept."""

    gateways: list[GatewayAPI]
    token: str
    answers: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    async def run(self, stop: asyncio.Event, burst: Burst) -> None:
        for turn in itertools.count():
            if stop.is_set():
                return
            known = next(iter(burst.answered.values()), "none")
            body = await self.gateways[turn % 2].execute(QUERY, {"id": known}, token=self.token)
            self.answers += 1
            if body.get("errors") or body["data"]["organisations"]["totalCount"] < 0:
                self.failures.append(body)


@pytest.fixture
async def platform(tmp_path: Path) -> AsyncIterator[Platform]:
    env = {
        "DEVSTACK_REPLICAS": spec(REPLICAS),
        "DEVSTACK_WEB_DIST": str(placeholder_dist(tmp_path / "dist")),
        # The killed replica stays down for the rest of the test (its restart would come
        # after it): the others must do its work, and the gateways meet refused connections.
        "DEVSTACK_RESTART_BACKOFF_S": "600",
        # A killed relay's leased outbox documents are taken over sooner than the default.
        "OUTBOX_LEASE_MS": "3000",
    }
    async with devstack(tmp_path, demo=False, extra_env=env, ports=free_ports(REPLICAS)) as run:
        yield Platform(run, tmp_path / "data")


@pytest.mark.parametrize("victim", ["finance-2", "partnerships-2"])
async def test_replicas_share_the_work_and_one_killed_mid_burst_loses_nothing(
    platform: Platform, victim: str
) -> None:
    token = mint(Settings(), Role.OFFICER)
    created = ORGANISATION_CREATED.type
    async with httpx.AsyncClient(timeout=60) as http:
        gateways = [GatewayAPI(http, platform.graphql_url(g)) for g in platform.replicas("gateway")]
        burst = Burst(gateways, token, f"Replica test {victim}")
        queries = Queries(gateways, token)
        stop_queries = asyncio.Event()
        workers = [asyncio.create_task(burst.worker(i)) for i in range(WORKERS)]
        querying = asyncio.create_task(queries.run(stop_queries, burst))

        async def every_replica_took_part() -> bool:
            for replica in platform.replicas("finance"):
                if not await platform.counter(
                    http, replica, "icld_events_consumed_total", type=created, outcome="applied"
                ):
                    return False
            for replica in platform.replicas("partnerships"):
                served = await platform.counter(
                    http, replica, "icld_http_request_seconds_count", path="/graphql"
                )
                published = await platform.counter(
                    http, replica, "icld_events_published_total", type=created
                )
                if not (served and published):
                    return False
            return True

        # Competing consumers and balanced gateways, seen on each replica's own counters.
        await eventually(every_replica_took_part, timeout_s=BOUND_S, what="every replica works")
        victim_url = platform.graphql_url(victim)
        os.kill(platform.running.pid_of(victim), signal.SIGKILL)
        burst.killed = True

        def failed_fetches() -> int:
            logs = platform.log("gateway") + platform.log("gateway-2")
            return sum(
                "subgraph fetch failed" in line and victim_url in line for line in logs.splitlines()
            )

        async def gateways_met_the_dead_replica() -> bool:
            return failed_fetches() > 0

        await eventually(gateways_met_the_dead_replica, timeout_s=BOUND_S, what="failover")
        await asyncio.wait_for(asyncio.gather(*workers), BOUND_S)
        stop_queries.set()
        await asyncio.wait_for(querying, BOUND_S)

        # Queries alone, the replica still dead: taking turns, each gateway starts some of
        # them at the dead replica, and every one is answered by another.
        before = failed_fetches()
        known = next(iter(burst.answered.values()))
        for gateway in gateways:
            for _ in range(2 * REPLICAS[victim.split("-")[0]]):
                body = await gateway.execute(QUERY, {"id": known}, token=token)
                queries.answers += 1
                if body.get("errors"):
                    queries.failures.append(body)
        assert failed_fetches() >= before + len(gateways)

    # The gateways kept answering queries, through the failure and after it.
    assert queries.failures == []
    assert queries.answers > 0

    client = connect(platform.mongodb_url)
    try:
        partnerships = client["icld_partnerships"]["organisations"]
        finance = client["icld_finance"]["organisations"]
        stored = [doc async for doc in partnerships.find({"name": {"$regex": f"^{burst.prefix} "}})]
        names = [doc["name"] for doc in stored]
        # Each mutation was sent once: no name twice, every answered one stored, and one that
        # was cut short stored at most once.
        assert len(names) == len(set(names))
        assert set(burst.answered) <= set(names)
        assert set(names) <= set(burst.answered) | set(burst.unavailable)
        ids = {doc["_id"] for doc in stored}

        async def finance_has_them_all() -> bool:
            return await finance.count_documents({"_id": {"$in": list(ids)}}) == len(ids)

        # Nothing lost: every organisation written reaches finance's projection ...
        await eventually(finance_has_them_all, timeout_s=BOUND_S, what="every event consumed")
        views = [doc async for doc in finance.find({"_id": {"$in": list(ids)}})]
        # ... each applied exactly once, whatever was delivered or published again.
        assert sorted(len(view["_applied"]) for view in views) == [1] * len(ids)
        assert {view["source_version"] for view in views} == {1}
    finally:
        await client.close()
