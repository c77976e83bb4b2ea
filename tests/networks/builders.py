"""Builds networks, memberships and practices through the API, and feeds the partnership
projection with the partnerships service's events, published on the real broker."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from prometheus_client import REGISTRY

from services.common.auth import Role
from services.common.events.bus import EventBus
from services.common.events.envelope import Event
from services.contracts.partnerships import (
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_CREATED,
    PARTNERSHIP_STATUS_CHANGED,
    PARTNERSHIP_UPDATED,
    PartnershipStatusChangedV1,
    PartnershipV1,
)

from ..support.services import RunningService
from ..support.waiting import eventually
from ..support.writes import assert_refused

AUDIT = "auditTrail { actor action fromStatus toStatus note version }"
NETWORK_FIELDS = f"""
  id name theme countries startsOn endsOn description status closedOn version
  mentors {{ country affiliation name email phone }}
  {AUDIT}
"""
MEMBERSHIP_FIELDS = f"""
  id networkId partnershipId status joinedOn leftOn version
  periods {{ joinedOn leftOn leftReason }}
  {AUDIT}
"""
PRACTICE_FIELDS = f"""
  id networkId partnershipId title challenge solution results lessonsLearned tags language
  publishedAt version endorsementCount
  comments {{ partnershipId text }}
  endorsements {{ partnershipId }}
  {AUDIT}
"""
CREATE_NETWORK = f"""
mutation($input: CreateNetworkInput!) {{
  createNetwork(input: $input) {{ network {{ {NETWORK_FIELDS} }} }}
}}"""
UPDATE_NETWORK = f"""
mutation($input: UpdateNetworkInput!) {{
  updateNetwork(input: $input) {{ network {{ {NETWORK_FIELDS} }} }}
}}"""
CHANGE_NETWORK_STATUS = f"""
mutation($input: ChangeNetworkStatusInput!) {{
  changeNetworkStatus(input: $input) {{ network {{ {NETWORK_FIELDS} }} }}
}}"""
SET_MENTORS = f"""
mutation($input: SetNetworkMentorsInput!) {{
  setNetworkMentors(input: $input) {{ network {{ {NETWORK_FIELDS} }} }}
}}"""
NETWORK = f"query($id: ID!) {{ network(id: $id) {{ {NETWORK_FIELDS} }} }}"
JOIN = f"""
mutation($input: JoinNetworkInput!) {{
  joinNetwork(input: $input) {{ membership {{ {MEMBERSHIP_FIELDS} }} }}
}}"""
LEAVE = f"""
mutation($input: LeaveNetworkInput!) {{
  leaveNetwork(input: $input) {{ membership {{ {MEMBERSHIP_FIELDS} }} }}
}}"""
MEMBERSHIP = f"""
query($n: ID!, $p: ID!) {{
  membership(networkId: $n, partnershipId: $p) {{ {MEMBERSHIP_FIELDS} }}
}}"""
PUBLISH = f"""
mutation($input: PublishPracticeInput!) {{
  publishPractice(input: $input) {{ practice {{ {PRACTICE_FIELDS} }} }}
}}"""
COMMENT = f"""
mutation($input: CommentOnPracticeInput!) {{
  commentOnPractice(input: $input) {{ practice {{ {PRACTICE_FIELDS} }} }}
}}"""
ENDORSE = f"""
mutation($input: EndorsePracticeInput!) {{
  endorsePractice(input: $input) {{ practice {{ {PRACTICE_FIELDS} }} }}
}}"""
KNOWN = """
query($id: ID!) {
  networksKnownPartnership(id: $id) {
    title status themes countries organisationIds sourceVersion statusVersion
  }
}"""


@dataclass
class Partnership:
    """A partnership as the partnerships service announced it."""

    id: str
    swedish_partner_id: str
    partner_ids: list[str]
    countries: list[str]
    themes: list[str]
    status: str = "active"
    version: int = 1
    title: str = "A partnership"
    started_on: date = date(2020, 1, 1)

    @property
    def organisation_ids(self) -> list[str]:
        return [self.swedish_partner_id, *self.partner_ids]

    def snapshot(self) -> PartnershipV1:
        return PartnershipV1(
            id=self.id,
            version=self.version,
            title=self.title,
            swedish_partner_id=self.swedish_partner_id,
            partner_ids=self.partner_ids,
            organisation_ids=self.organisation_ids,
            countries=self.countries,
            kind="bilateral" if len(self.partner_ids) == 1 else "tripartite",
            themes=self.themes,
            focus="",
            status=self.status,
            started_on=self.started_on,
        )


def consumed(event_type: str) -> float:
    """How many events of the type this process's consumers have handled successfully."""
    value = REGISTRY.get_sample_value(
        "icld_events_consumed_total", {"type": event_type, "outcome": "applied"}
    )
    return value or 0.0


def network_input(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Gender equality network Colombia and Guatemala",
        "theme": "GENDER_EQUALITY",
        "countries": ["SE", "CO", "GT"],
        "startsOn": "2023-01-01",
        "endsOn": "2026-12-31",
        "description": "Partnerships working on gender equality in local democracy",
        **overrides,
    }


def mentor(country: str, **overrides: Any) -> dict[str, Any]:
    return {
        "country": country,
        "name": f"Mentor {country}",
        "affiliation": f"University of {country}",
        "email": f"mentor.{country.lower()}@example.org",
        "phone": "+57 1 234 5678",
        **overrides,
    }


def practice_input(network_id: str, partnership_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "networkId": network_id,
        "partnershipId": partnership_id,
        "title": "Women's councils in the budget hearings",
        "challenge": "Few women took part in the municipality's budget hearings",
        "solution": "Neighbourhood women's councils prepared proposals before each hearing",
        "results": "Twice as many women spoke at the hearings",
        "lessonsLearned": "Childcare during the hearings mattered more than the invitation",
        "tags": ["Participatory budgeting", "women"],
        "language": "en",
        **overrides,
    }


@dataclass
class World:
    service: RunningService
    bus: EventBus
    partnerships: list[Partnership] = field(default_factory=list)

    # --- the partnerships service's side, as events ---------------------------------------

    async def publish(self, event: Event) -> None:
        await self.bus.publish(event)

    async def partnership(
        self,
        countries: tuple[str, ...] = ("SE", "CO"),
        themes: tuple[str, ...] = ("gender_equality",),
        **overrides: Any,
    ) -> Partnership:
        """A partnership announced by PARTNERSHIP_CREATED, once the projection has it."""
        n = len(self.partnerships)
        partnership = Partnership(
            id=f"p{n}-{uuid.uuid4().hex[:6]}",
            swedish_partner_id=f"org-se-{n}",
            partner_ids=[f"org-{c.lower()}-{n}" for c in countries[1:]],
            countries=list(countries),
            themes=list(themes),
            **{"title": f"Partnership {n}", **overrides},
        )
        self.partnerships.append(partnership)
        await self.publish(PARTNERSHIP_CREATED.new(partnership.id, partnership.snapshot()))
        await self.projected(partnership.id, source_version=partnership.version)
        return partnership

    def update(self, partnership: Partnership, **changes: Any) -> Event:
        """The next version of the partnership, as PARTNERSHIP_UPDATED (not yet published)."""
        for name, value in changes.items():
            setattr(partnership, name, value)
        partnership.version += 1
        return PARTNERSHIP_UPDATED.new(partnership.id, partnership.snapshot())

    async def close(self, partnership: Partnership) -> Event:
        """Closes the partnership as the partnerships service does: both events, published."""
        from_status, partnership.status = partnership.status, "closed"
        partnership.version += 1
        changed = PartnershipStatusChangedV1(
            id=partnership.id,
            version=partnership.version,
            from_status=from_status,
            to_status="closed",
            note=None,
        )
        closed = PARTNERSHIP_CLOSED.new(partnership.id, partnership.snapshot())
        await self.publish(PARTNERSHIP_STATUS_CHANGED.new(partnership.id, changed))
        await self.publish(closed)
        return closed

    async def known(self, partnership_id: str) -> dict[str, Any] | None:
        data = await self.service.data(KNOWN, {"id": partnership_id})
        known: dict[str, Any] | None = data["networksKnownPartnership"]
        return known

    async def projected(
        self, partnership_id: str, *, source_version: int | None = None, status: str | None = None
    ) -> dict[str, Any]:
        async def arrived() -> bool:
            known = await self.known(partnership_id)
            return (
                known is not None
                and (source_version is None or known["sourceVersion"] == source_version)
                and (status is None or known["status"] == status)
            )

        await eventually(arrived, what=f"partnership {partnership_id} projected")
        known = await self.known(partnership_id)
        assert known is not None
        return known

    # --- the networks API -----------------------------------------------------------------

    async def network(self, *, activate: bool = True, **overrides: Any) -> dict[str, Any]:
        data = await self.service.data(CREATE_NETWORK, {"input": network_input(**overrides)})
        network: dict[str, Any] = data["createNetwork"]["network"]
        if activate:
            network = await self.change_status(network, "ACTIVE")
        return network

    async def change_status(self, network: dict[str, Any], status: str) -> dict[str, Any]:
        variables = {
            "input": {"id": network["id"], "version": network["version"], "status": status}
        }
        data = await self.service.data(CHANGE_NETWORK_STATUS, variables)
        changed: dict[str, Any] = data["changeNetworkStatus"]["network"]
        return changed

    async def join(
        self, network_id: str, partnership_id: str, joined_on: str = "2024-01-15"
    ) -> dict[str, Any]:
        variables = {
            "input": {
                "networkId": network_id,
                "partnershipId": partnership_id,
                "joinedOn": joined_on,
            }
        }
        data = await self.service.data(JOIN, variables)
        membership: dict[str, Any] = data["joinNetwork"]["membership"]
        return membership

    async def membership(self, network_id: str, partnership_id: str) -> dict[str, Any] | None:
        data = await self.service.data(MEMBERSHIP, {"n": network_id, "p": partnership_id})
        membership: dict[str, Any] | None = data["membership"]
        return membership

    async def practice(
        self, network_id: str, partnership: Partnership, **overrides: Any
    ) -> dict[str, Any]:
        """Published by a coordinator of the partnership's Swedish organisation."""
        data = await self.service.data(
            PUBLISH,
            {"input": practice_input(network_id, partnership.id, **overrides)},
            **as_coordinator(partnership),
        )
        practice: dict[str, Any] = data["publishPractice"]["practice"]
        return practice

    async def assert_refused(
        self,
        query: str,
        variables: dict[str, Any],
        code: str,
        field: str | None = None,
        **auth: Any,
    ) -> dict[str, Any]:
        return await assert_refused(self.service, query, variables, code, field, **auth)


def as_coordinator(partnership: Partnership, partner: int = 0) -> dict[str, Any]:
    """Auth of a coordinator of one of the partnership's organisations (0: the Swedish)."""
    return {"role": Role.COORDINATOR, "org": partnership.organisation_ids[partner]}
