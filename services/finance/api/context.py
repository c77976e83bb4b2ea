"""What every finance resolver needs: the typed info, the caller, loaders, and the access
rules (domain.access) applied through the per-request loaders."""

from __future__ import annotations

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from services.common.auth import Principal, Role
from services.common.graphql import Context

from ..domain import access
from ..domain.funding import Funding
from ..domain.grant import Grant
from ..domain.research_grant import ResearchGrant
from ..projection import PartnershipView
from ..repositories import Repositories

FinanceInfo = Info[Context[Repositories], None]


def caller(info: FinanceInfo) -> Principal:
    return info.context.require_principal()


def repos(info: FinanceInfo) -> Repositories:
    return info.context.repos


def grant_loader(info: FinanceInfo) -> DataLoader[str, Grant | None]:
    return info.context.loader("grants", repos(info).grants.get_many)


def any_grant_loader(info: FinanceInfo) -> DataLoader[str, Grant | ResearchGrant | None]:
    """Grants of either kind (partnership or research) by id."""
    return info.context.loader("any_grants", repos(info).any_grants)


def grants_by_partnership_loader(info: FinanceInfo) -> DataLoader[str, list[Grant] | None]:
    return info.context.loader("grants_by_partnership", repos(info).grants_of_partnerships)


def view_loader(info: FinanceInfo) -> DataLoader[str, PartnershipView | None]:
    return info.context.loader("partnership_views", repos(info).partnerships.get_many)


def funding_loader(info: FinanceInfo) -> DataLoader[str, Funding | None]:
    return info.context.loader("fundings", repos(info).fundings.get_many)


def workshop_booking_loader(info: FinanceInfo) -> DataLoader[str, Funding | None]:
    return info.context.loader("workshop_bookings", repos(info).bookings_of_workshops)


async def organisations_of(info: FinanceInfo, partnership_id: str) -> list[str] | None:
    """The partnership's organisations from the projection (None: not known here)."""
    view = await view_loader(info).load(partnership_id)
    return None if view is None else view.organisation_ids


async def may_read(info: FinanceInfo, partnership_id: str) -> bool:
    principal = caller(info)
    if access.reads_everything(principal):
        return True
    return access.acts_for(principal, await organisations_of(info, partnership_id))


async def require_read(info: FinanceInfo, grant: Grant | ResearchGrant) -> None:
    """A research grant is read by the researchers and coordinators of its university."""
    principal = caller(info)
    if isinstance(grant, ResearchGrant):
        access.require_read_research(principal, grant.organisation_id)
        return
    if access.reads_everything(principal):
        return
    access.require_read(principal, await organisations_of(info, grant.partnership_id))


async def readable_partnerships(info: FinanceInfo) -> list[str] | None:
    """The partnerships whose grants the caller may list: every one (None) for staff and
    viewers, their organisation's for a coordinator, none for anyone else."""
    principal = caller(info)
    if access.reads_everything(principal):
        return None
    if principal.org is not None and Role.COORDINATOR in principal.roles:
        return await repos(info).partnerships_of_organisation(principal.org)
    return []


def readable_university(info: FinanceInfo) -> str | None:
    """The university whose research grants the caller lists besides `readable_partnerships`
    (None for staff and viewers, who list every grant)."""
    principal = caller(info)
    return None if access.reads_everything(principal) else access.reads_research_of(principal)


def require_reads_everything(info: FinanceInfo) -> None:
    access.require_reads_everything(caller(info))
