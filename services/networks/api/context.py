"""What every networks resolver needs: the typed info, the caller, the clock, loaders."""

from __future__ import annotations

from datetime import UTC, date, datetime

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from services.common.auth import Principal
from services.common.graphql import Context

from ..domain.membership import Membership
from ..domain.network import Network
from ..domain.practice import Practice
from ..projection import ResearchOutputView
from ..repositories import Repositories

NetworksInfo = Info[Context[Repositories], None]


def caller(info: NetworksInfo) -> Principal:
    return info.context.require_principal()


def repos(info: NetworksInfo) -> Repositories:
    return info.context.repos


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().date()


def network_loader(info: NetworksInfo) -> DataLoader[str, Network | None]:
    return info.context.loader("networks", repos(info).networks.get_many)


def memberships_loader(info: NetworksInfo) -> DataLoader[str, list[Membership] | None]:
    """Memberships by partnership id."""
    return info.context.loader("memberships", repos(info).memberships_of_partnerships)


def practices_loader(info: NetworksInfo) -> DataLoader[str, list[Practice] | None]:
    """Practices by contributing partnership id."""
    return info.context.loader("practices", repos(info).practices_of_partnerships)


def research_output_loader(info: NetworksInfo) -> DataLoader[str, ResearchOutputView | None]:
    return info.context.loader("research_outputs", repos(info).research_outputs.get_many)


def network_outputs_loader(
    info: NetworksInfo,
) -> DataLoader[str, list[ResearchOutputView] | None]:
    """Research outputs by related network id."""
    return info.context.loader("network_outputs", repos(info).outputs_of_networks)
