"""Events the networks service publishes (schemas versioned; see docs/events.md).

Mentors' names and contact details never travel in events: events reach every consuming
service, personal data only staff (docs/architecture.md, Security).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from services.common.events.catalogue import event_type


class NetworkV1(BaseModel):
    id: str
    version: int
    name: str
    theme: str
    countries: list[str]
    """ISO 3166-1 alpha-2 codes (Kosovo: XK), Sweden included."""
    starts_on: date
    ends_on: date
    """Last day of the network's period (inclusive)."""
    status: str
    """planned, active or closed."""
    closed_on: date | None
    mentor_countries: list[str]
    """Countries that have a national mentor (who they are is for staff only)."""


class MembershipJoinedV1(BaseModel):
    id: str
    """The membership's id: one per (network, partnership)."""
    version: int
    network_id: str
    partnership_id: str
    organisation_ids: list[str]
    """Every organisation of the partnership, the Swedish one first: whose teams to invite."""
    joined_on: date
    theme: str
    """The network's theme."""


class MembershipLeftV1(BaseModel):
    id: str
    version: int
    network_id: str
    partnership_id: str
    organisation_ids: list[str]
    joined_on: date
    left_on: date
    """Last day of the membership (inclusive)."""
    reason: str
    """left (a decision), partnership_closed or network_closed."""


class PracticePublishedV1(BaseModel):
    id: str
    version: int
    network_id: str
    partnership_id: str
    """The contributing partnership."""
    title: str
    tags: list[str]
    language: str
    """ISO 639-1 code."""
    published_at: datetime


NETWORK_CREATED = event_type(
    "networks", "network", "created", 1, NetworkV1, "A thematic network was set up."
)
NETWORK_UPDATED = event_type(
    "networks",
    "network",
    "updated",
    1,
    NetworkV1,
    "A network's details, period, countries, mentors or status (planned → active) changed.",
)
NETWORK_CLOSED = event_type(
    "networks",
    "network",
    "closed",
    1,
    NetworkV1,
    "A network was closed: its active memberships end.",
)
MEMBERSHIP_JOINED = event_type(
    "networks",
    "membership",
    "joined",
    1,
    MembershipJoinedV1,
    "A partnership joined (or rejoined) a network: training invites its team to the network's"
    " upcoming workshops.",
)
MEMBERSHIP_LEFT = event_type(
    "networks",
    "membership",
    "left",
    1,
    MembershipLeftV1,
    "A partnership's membership of a network ended (it left, it was closed, or the network was).",
)
PRACTICE_PUBLISHED = event_type(
    "networks",
    "practice",
    "published",
    1,
    PracticePublishedV1,
    "A member partnership shared a practice (challenge, what was done, lessons) with its network.",
)
