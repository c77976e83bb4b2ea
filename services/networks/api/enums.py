"""The domain's enums as GraphQL enums, each registered with its name once, before types.py
or inputs.py uses it (strawberry would otherwise name an enum it meets first by itself)."""

from __future__ import annotations

import strawberry

from services.common.vocabulary import Theme

from ..domain.membership import LeaveReason, MembershipStatus
from ..domain.network import NetworkStatus

strawberry.enum(Theme)
strawberry.enum(NetworkStatus)
strawberry.enum(MembershipStatus)
strawberry.enum(LeaveReason)

__all__ = ["LeaveReason", "MembershipStatus", "NetworkStatus", "Theme"]
