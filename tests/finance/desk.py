"""The finance commands without HTTP: the service's stores on a database of the test's own,
with no relay, so the events a command queued stay in the documents' outboxes to read."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from pymongo.asynchronous.database import AsyncDatabase

from services.common.auth import Principal, Role
from services.common.errors import DomainError
from services.common.events.envelope import Event
from services.common.mongo import Document
from services.contracts.partnerships import (
    APPLICATION_DECIDED,
    PARTNERSHIP_CREATED,
    ApplicationDecidedV1,
)
from services.finance.commands.grants import agree_grant, open_grant
from services.finance.domain.grant import Grant, grant_id_for
from services.finance.handlers import decision_of, handlers
from services.finance.repositories import COLLECTIONS, Repositories

from .builders import DECIDED_ON, PROJECT_BUDGET, Partnership, at, budget

OFFICER = Principal(sub="officer-1", roles=frozenset({Role.OFFICER}))
VIEWER = Principal(sub="viewer-1", roles=frozenset({Role.VIEWER}))


def coordinator_of(partnership: Partnership, partner: int = 0) -> Principal:
    org = partnership.organisation_ids[partner]
    return Principal(sub=f"coordinator-{org}", roles=frozenset({Role.COORDINATOR}), org=org)


@dataclass
class Desk:
    db: AsyncDatabase[Document]
    repos: Repositories

    async def partnership(self, countries: tuple[str, ...] = ("SE", "TZ")) -> Partnership:
        """A partnership in finance's projection, as its PARTNERSHIP_CREATED leaves it."""
        tag = uuid.uuid4().hex[:6]
        partnership = Partnership(
            id=f"p-{tag}",
            countries=list(countries),
            themes=["gender_equality"],
            swedish_partner_id=f"org-se-{tag}",
            partner_ids=[f"org-{c.lower()}-{tag}" for c in countries[1:]],
        )
        await self.handle(PARTNERSHIP_CREATED.new(partnership.id, partnership.snapshot()))
        return partnership

    async def handle(self, event: Event) -> None:
        await handlers(self.repos)[event.type](event)

    def decision(self, partnership: Partnership, outcome: str = "approved") -> Event:
        data = ApplicationDecidedV1(
            id=f"app-{uuid.uuid4().hex[:8]}",
            version=4,
            case_number="2024-0001",
            partnership_id=partnership.id,
            partnership_kind=partnership.kind,
            countries=partnership.countries,
            type="project",
            outcome=outcome,
            conditions=None,
            duration_months=24,
            approved_budget=budget(PROJECT_BUDGET) if outcome != "rejected" else [],
        )
        return at(DECIDED_ON, APPLICATION_DECIDED.new(data.id, data))

    async def opened(self, partnership: Partnership) -> Grant:
        """A grant opened by the command from an approval decided on DECIDED_ON."""
        decided = self.decision(partnership)
        await open_grant(self.repos, decided, decision_of(decision_data(decided)))
        return await self.repos.grants.require(grant_id_for(decided.subject))

    async def agreed(self, partnership: Partnership, starts_on: date = DECIDED_ON) -> Grant:
        grant = await self.opened(partnership)
        return await agree_grant(self.repos, OFFICER, grant.id, grant.version, starts_on)

    async def queued(self, grant_id: str) -> list[tuple[str, dict[str, Any]]]:
        """The events waiting in the grant's outbox, oldest first: (type, data)."""
        doc = await self.repos.grants.collection.find_one({"_id": grant_id})
        assert doc is not None
        return [(e["type"], e["data"]) for e in doc["_outbox"]]

    async def documents(self) -> dict[str, list[Document]]:
        return {name: await self.db[name].find({}).sort("_id", 1).to_list() for name in COLLECTIONS}

    async def refused(
        self, command: Callable[[], Awaitable[object]], code: str, field: str | None = None
    ) -> DomainError:
        """The command fails with `code` (naming `field`) and nothing is written or queued."""
        before = await self.documents()
        with pytest.raises(DomainError) as raised:
            await command()
        assert raised.value.code == code, raised.value
        if field is not None:
            assert raised.value.extensions.get("field") == field, raised.value.extensions
        assert await self.documents() == before
        return raised.value


def decision_data(event: Event) -> ApplicationDecidedV1:
    return ApplicationDecidedV1.model_validate(event.data)
