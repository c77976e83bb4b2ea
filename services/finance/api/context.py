"""What every finance resolver needs: the typed info, the caller, loaders, access rules.

Who may do what (docs/architecture.md, Security): staff everything; a coordinator
records expenses and opens and submits financial reports for the grants of partnerships
their organisation takes part in, and reads those grants (others are FORBIDDEN, or left out
of lists); viewers read everything; officers agree, revise, suspend and close grants,
control and approve reports, approve and pay disbursements, publish budget rules. Which
organisations take part in a partnership comes from the local projection, fed by the
partnerships service's events.
"""

from __future__ import annotations

from datetime import date

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from services.common.auth import Principal, Role
from services.common.clock import clock
from services.common.errors import Forbidden
from services.common.graphql import Context

from ..domain.grant import Grant
from ..projection import PartnershipView
from ..repositories import Repositories

FinanceInfo = Info[Context[Repositories], None]


def caller(info: FinanceInfo) -> Principal:
    return info.context.require_principal()


def repos(info: FinanceInfo) -> Repositories:
    return info.context.repos


def today() -> date:
    """Today in UTC, from the service clock (which tests can pin)."""
    return clock.today()


def grant_loader(info: FinanceInfo) -> DataLoader[str, Grant | None]:
    return info.context.loader("grants", repos(info).grants.get_many)


def grants_by_partnership_loader(info: FinanceInfo) -> DataLoader[str, list[Grant] | None]:
    return info.context.loader("grants_by_partnership", repos(info).grants_of_partnerships)


def view_loader(info: FinanceInfo) -> DataLoader[str, PartnershipView | None]:
    return info.context.loader("partnership_views", repos(info).partnerships.get_many)


def reads_everything(principal: Principal) -> bool:
    return principal.is_staff or Role.VIEWER in principal.roles


def acts_for(principal: Principal, view: PartnershipView | None) -> bool:
    """Staff, or a coordinator of one of the partnership's organisations."""
    if principal.is_staff:
        return True
    return view is not None and principal.acts_for(*view.organisation_ids)


async def may_read(info: FinanceInfo, partnership_id: str) -> bool:
    principal = caller(info)
    if reads_everything(principal):
        return True
    return acts_for(principal, await view_loader(info).load(partnership_id))


async def require_read(info: FinanceInfo, grant: Grant) -> None:
    if not await may_read(info, grant.partnership_id):
        raise Forbidden("you may read only the grants of your organisation's partnerships")


async def require_acts_for(info: FinanceInfo, grant: Grant) -> Principal:
    """The caller, when staff or a coordinator of the grant's partnership."""
    principal = caller(info)
    if not acts_for(principal, await view_loader(info).load(grant.partnership_id)):
        raise Forbidden("you may act only for your own organisation and its partnerships")
    return principal
