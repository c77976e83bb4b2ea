"""What every partnerships resolver needs: the typed info, the caller, access rules."""

from __future__ import annotations

from datetime import date

from strawberry.types import Info

from services.common.auth import Principal, Role
from services.common.clock import clock
from services.common.graphql import Context
from services.common.mongo import Document

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


def reads_everything(principal: Principal) -> bool:
    """Staff and viewers read every partnership's applications and figures."""
    return principal.is_staff or Role.VIEWER in principal.roles


def partnerships_of(principal: Principal) -> Document:
    """A partnerships query for those the caller's organisation takes part in (a coordinator
    of one of its organisations); matches nothing for anyone else."""
    if Role.COORDINATOR not in principal.roles or principal.org is None:
        return {"_id": {"$in": []}}
    org = principal.org
    # `$in` on the array field: the embedded server misses element equality there.
    return {"$or": [{"swedish_partner_id": org}, {"partner_ids": {"$in": [org]}}]}


def today() -> date:
    """Today in UTC, from the service clock (which tests can pin)."""
    return clock.today()
