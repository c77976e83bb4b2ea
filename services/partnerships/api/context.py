"""What every partnerships resolver needs: the typed info, the caller, access rules."""

from __future__ import annotations

from datetime import date

from strawberry.types import Info

from services.common.auth import Principal
from services.common.clock import clock
from services.common.graphql import Context

from ..domain.partnership import Partnership
from ..repositories import Repositories

PartnershipsInfo = Info[Context[Repositories], None]


def caller(info: PartnershipsInfo) -> Principal:
    return info.context.require_principal()


def repos(info: PartnershipsInfo) -> Repositories:
    return info.context.repos


def require_acts_for_partnership(principal: Principal, partnership: Partnership) -> None:
    """Staff, or a coordinator of one of the partnership's organisations."""
    principal.require_acts_for(*partnership.organisation_ids)


def today() -> date:
    """Today in UTC, from the service clock (which tests can pin)."""
    return clock.today()
