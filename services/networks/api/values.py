"""Value types of the networks subgraph: output types that refer to no other type of its
graph (types.py builds on them)."""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.auth import Principal
from services.common.output_types import from_attributes

from ..domain.membership import Period
from ..domain.network import Mentor
from .enums import LeaveReason

STAFF_ONLY = "Personal data: staff only (null for everyone else)"
MENTOR_PERSONAL_DATA = ("name", "email", "phone")


@strawberry.type(name="Mentor", description="A national mentor of a network's country")
class MentorType:
    country: str = strawberry.field(description="ISO 3166-1 alpha-2")
    affiliation: str = strawberry.field(description="The organisation the mentor works for")
    name: str | None = strawberry.field(description=STAFF_ONLY)
    email: str | None = strawberry.field(description=STAFF_ONLY)
    phone: str | None = strawberry.field(description=STAFF_ONLY)

    @classmethod
    def of(cls, mentor: Mentor, viewer: Principal | None) -> MentorType:
        if viewer is not None and viewer.is_staff:
            return from_attributes(cls, mentor)
        return from_attributes(cls, mentor, **dict.fromkeys(MENTOR_PERSONAL_DATA))


@strawberry.type(name="MembershipPeriod")
class MembershipPeriodType:
    joined_on: date
    left_on: date | None = strawberry.field(description="Last day as a member (inclusive)")
    left_reason: LeaveReason | None

    @classmethod
    def of(cls, period: Period) -> MembershipPeriodType:
        return from_attributes(cls, period)
