"""What every networks resolver needs: the typed info, the caller, loaders, access rules."""

from __future__ import annotations

from datetime import UTC, date, datetime

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from services.common.auth import Principal
from services.common.errors import NotFound
from services.common.graphql import Context
from services.contracts.partnership_views import PartnershipView

from ..domain.membership import Membership
from ..domain.network import Network
from ..domain.practice import Practice
from ..repositories import Repositories

NetworksInfo = Info[Context[Repositories], None]


def caller(info: NetworksInfo) -> Principal:
    return info.context.require_principal()


def repos(info: NetworksInfo) -> Repositories:
    return info.context.repos


def today() -> date:
    return datetime.now(UTC).date()


def network_loader(info: NetworksInfo) -> DataLoader[str, Network | None]:
    return info.context.loader("networks", repos(info).networks.get_many)


def memberships_loader(info: NetworksInfo) -> DataLoader[str, list[Membership] | None]:
    """Memberships by partnership id."""
    return info.context.loader("memberships", repos(info).memberships_of_partnerships)


def practices_loader(info: NetworksInfo) -> DataLoader[str, list[Practice] | None]:
    """Practices by contributing partnership id."""
    return info.context.loader("practices", repos(info).practices_of_partnerships)


async def known_partnership(info: NetworksInfo, partnership_id: str) -> PartnershipView:
    """The partnership as projected here; NOT_FOUND until its events have arrived."""
    view = await repos(info).partnerships.get(partnership_id)
    if view is None or not view.known:
        raise NotFound(
            f"partnership {partnership_id!r} is not known to the networks service (yet)",
            field="partnershipId",
        )
    return view


def require_acts_for(principal: Principal, partnership: PartnershipView) -> None:
    """Staff, or a coordinator of one of the partnership's organisations."""
    principal.require_acts_for(*partnership.organisation_ids)
