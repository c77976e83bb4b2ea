"""Entities of other subgraphs that finance extends, each with only `id` and its fields here:
`Partnership.grants`/`funding`, `Application.grant`, `Network.funding`, `Workshop.costs`.

`resolve_reference` returns a stub; the fields load through per-request loaders, so any
number of representations cost one database query per type (docs/architecture.md).
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from services.common.auth import STAFF
from services.common.money import BUDGET_CURRENCY, Money, MoneyType
from services.common.vocabulary import CostCategory

from ..domain.expenses import GRANT_PRIORITY
from ..domain.funding import (
    CostLine,
    Funding,
    FundingKind,
    WorkshopBooking,
    funding_id,
    new_funding,
    totals,
)
from ..domain.grant import Grant, GrantStatus, grant_id_for, total_of
from ..projection import PartnershipView, UnfundedVisit
from .context import (
    FinanceInfo,
    caller,
    grant_loader,
    grants_by_partnership_loader,
    may_read,
    repos,
    view_loader,
)
from .types import GrantObject, money

strawberry.enum(FundingKind, name="TrainingFundingKind")


# --- partnerships -------------------------------------------------------------------------


@strawberry.type(name="UnfundedVisit", description="A completed visit no grant took yet")
class UnfundedVisitType:
    visit_id: strawberry.ID
    starts_on: date
    ends_on: date
    host_country: str
    participants: int
    reason: str

    @classmethod
    def of(cls, unfunded: UnfundedVisit) -> UnfundedVisitType:
        visit = unfunded.visit
        return cls(
            visit_id=strawberry.ID(visit.visit_id),
            starts_on=visit.starts_on,
            ends_on=visit.ends_on,
            host_country=visit.host_country,
            participants=len(visit.participant_ids),
            reason=unfunded.reason,
        )


@strawberry.type(name="PartnershipFunding", description="A partnership's grants in sum, in SEK")
class PartnershipFundingType:
    approved: MoneyType = strawberry.field(description="Budgets in force (cancelled grants aside)")
    spent: MoneyType = strawberry.field(description="Recorded expenses")
    disbursed: MoneyType = strawberry.field(description="Paid disbursements")
    remaining: MoneyType = strawberry.field(
        description="Approved less disbursements approved or paid"
    )
    grants: int
    active_grant_id: strawberry.ID | None = strawberry.field(
        description="The grant in implementation that takes visits' travel costs first"
    )
    unfunded_visits: list[UnfundedVisitType]


def funding_summary(grants: list[Grant], view: PartnershipView | None) -> PartnershipFundingType:
    counted = [g for g in grants if g.status is not GrantStatus.CANCELLED]
    active = sorted(
        (g for g in grants if g.status is GrantStatus.IMPLEMENTATION),
        key=lambda g: (GRANT_PRIORITY[g.type], g.starts_on, g.id),
    )
    drafted = {v for g in grants for v in g.drafted_visit_ids}
    waiting = [] if view is None else [u for u in view.unfunded if u.visit.visit_id not in drafted]
    return PartnershipFundingType(
        approved=money(total_of(g.approved for g in counted)),
        spent=money(total_of(g.spent for g in grants)),
        disbursed=money(total_of(g.disbursed for g in grants)),
        remaining=money(total_of(g.remaining for g in counted)),
        grants=len(grants),
        active_grant_id=strawberry.ID(active[0].id) if active else None,
        unfunded_visits=[UnfundedVisitType.of(u) for u in waiting],
    )


async def _partnership_grants(root: PartnershipEntity, info: FinanceInfo) -> list[GrantObject]:
    if not await may_read(info, str(root.id)):
        return []
    found = await grants_by_partnership_loader(info).load(str(root.id))
    return [GrantObject.of(g) for g in found or []]


async def _partnership_funding(
    root: PartnershipEntity, info: FinanceInfo
) -> PartnershipFundingType | None:
    if not await may_read(info, str(root.id)):
        return None
    grants = await grants_by_partnership_loader(info).load(str(root.id))
    view = await view_loader(info).load(str(root.id))
    return funding_summary(grants or [], view)


@strawberry.federation.type(
    name="Partnership",
    keys=["id"],
    description="A partnership (owned by the partnerships subgraph); here its grants and funding",
)
class PartnershipEntity:
    id: strawberry.ID

    grants: list[GrantObject] = strawberry.field(
        resolver=_partnership_grants,
        description="Its grants by case number (empty for those who may not read them)",
    )
    funding: PartnershipFundingType | None = strawberry.field(
        resolver=_partnership_funding,
        description="Its grants in sum (null for those who may not read them)",
    )

    @classmethod
    def resolve_reference(cls, info: FinanceInfo, id: strawberry.ID) -> PartnershipEntity:
        return cls(id=id)


# --- applications -------------------------------------------------------------------------


async def _application_grant(root: ApplicationEntity, info: FinanceInfo) -> GrantObject | None:
    found = await grant_loader(info).load(grant_id_for(str(root.id)))
    if found is None or not await may_read(info, found.partnership_id):
        return None
    return GrantObject.of(found)


@strawberry.federation.type(
    name="Application",
    keys=["id"],
    description="An application (owned by the partnerships subgraph); here its grant",
)
class ApplicationEntity:
    id: strawberry.ID

    grant: GrantObject | None = strawberry.field(
        resolver=_application_grant,
        description="The grant opened when it was approved (null before, or for those who may"
        " not read it)",
    )

    @classmethod
    def resolve_reference(cls, info: FinanceInfo, id: strawberry.ID) -> ApplicationEntity:
        return cls(id=id)


# --- networks and workshops ---------------------------------------------------------------


# Not training's WorkshopCostLine: the booked line has no description (the completion event
# carries none), and a type shared across subgraphs must resolve the same fields in each.
@strawberry.type(name="BookedCostLine", description="A cost of a completed workshop as booked")
class CostLineType:
    category: CostCategory
    amount: MoneyType

    @classmethod
    def of(cls, line: CostLine) -> CostLineType:
        return cls(category=line.category, amount=money(line.amount))


@strawberry.type(name="WorkshopCosts", description="A completed workshop's costs as booked")
class WorkshopCostsType:
    workshop_id: strawberry.ID
    title: str
    kind: str
    city: str
    country: str
    starts_on: date
    ends_on: date
    participants: int
    network_id: strawberry.ID | None
    cohort_id: strawberry.ID | None
    programme_id: strawberry.ID | None
    funding_kind: FundingKind
    funding_id: strawberry.ID
    lines: list[CostLineType]
    totals: list[MoneyType] = strawberry.field(description="Per currency, SEK first")
    booked_at: datetime

    @classmethod
    def of(cls, funding: Funding, booking: WorkshopBooking) -> WorkshopCostsType:
        return cls(
            workshop_id=strawberry.ID(booking.workshop_id),
            title=booking.title,
            kind=booking.kind,
            city=booking.city,
            country=booking.country,
            starts_on=booking.starts_on,
            ends_on=booking.ends_on,
            participants=booking.participants,
            network_id=None if booking.network_id is None else strawberry.ID(booking.network_id),
            cohort_id=None if booking.cohort_id is None else strawberry.ID(booking.cohort_id),
            programme_id=(
                None if booking.programme_id is None else strawberry.ID(booking.programme_id)
            ),
            funding_kind=funding.kind,
            funding_id=strawberry.ID(funding.id),
            lines=[CostLineType.of(line) for line in booking.lines],
            totals=[MoneyType.of(m) for m in totals(booking.lines)],
            booked_at=booking.booked_at,
        )


@strawberry.type(
    name="TrainingFunding",
    description="What a network, programme or cohort has funded: its workshops' costs",
)
class TrainingFundingType:
    id: strawberry.ID
    kind: FundingKind
    ref_id: strawberry.ID
    name: str = strawberry.field(description="The network's name, from its events")
    theme: str | None
    countries: list[str]
    starts_on: date | None
    ends_on: date | None
    status: str
    workshops: list[WorkshopCostsType]
    totals: list[MoneyType] = strawberry.field(description="Per currency, SEK first")
    total_sek: MoneyType = strawberry.field(description="The costs booked in SEK")

    @classmethod
    def of(cls, funding: Funding) -> TrainingFundingType:
        sums = funding.totals
        zero = Money(minor=0, currency=BUDGET_CURRENCY)
        sek = next((m for m in sums if m.currency == BUDGET_CURRENCY), zero)
        return cls(
            id=strawberry.ID(funding.id),
            kind=funding.kind,
            ref_id=strawberry.ID(funding.ref_id),
            name=funding.name,
            theme=funding.theme,
            countries=funding.countries,
            starts_on=funding.starts_on,
            ends_on=funding.ends_on,
            status=funding.status,
            workshops=[WorkshopCostsType.of(funding, b) for b in funding.bookings],
            totals=[MoneyType.of(m) for m in sums],
            total_sek=MoneyType.of(sek),
        )


async def _network_funding(root: NetworkEntity, info: FinanceInfo) -> TrainingFundingType:
    caller(info)
    target = funding_id(FundingKind.NETWORK, str(root.id))
    found = await info.context.loader("fundings", repos(info).fundings.get_many).load(target)
    return TrainingFundingType.of(found or new_funding(FundingKind.NETWORK, str(root.id)))


@strawberry.federation.type(
    name="Network",
    keys=["id"],
    description="A network (owned by the networks subgraph); here its funding",
)
class NetworkEntity:
    id: strawberry.ID

    funding: TrainingFundingType = strawberry.field(
        resolver=_network_funding, description="Its workshops' booked costs"
    )

    @classmethod
    def resolve_reference(cls, info: FinanceInfo, id: strawberry.ID) -> NetworkEntity:
        return cls(id=id)


async def _workshop_costs(root: WorkshopEntity, info: FinanceInfo) -> WorkshopCostsType | None:
    caller(info)
    loader = info.context.loader("workshop_bookings", repos(info).bookings_of_workshops)
    funding = await loader.load(str(root.id))
    booking = None if funding is None else funding.booking(str(root.id))
    return None if funding is None or booking is None else WorkshopCostsType.of(funding, booking)


@strawberry.federation.type(
    name="Workshop",
    keys=["id"],
    description="A workshop (owned by the training subgraph); here its costs",
)
class WorkshopEntity:
    id: strawberry.ID

    costs: WorkshopCostsType | None = strawberry.field(
        resolver=_workshop_costs, description="Its costs once completed and booked"
    )

    @classmethod
    def resolve_reference(cls, info: FinanceInfo, id: strawberry.ID) -> WorkshopEntity:
        return cls(id=id)


# --- diagnostics and direct reads ---------------------------------------------------------


@strawberry.type(
    name="FinancePartnership", description="A partnership as the finance service knows it"
)
class FinancePartnershipType:
    id: strawberry.ID
    title: str
    status: str
    kind: str
    themes: list[str]
    countries: list[str]
    organisation_ids: list[strawberry.ID]
    source_version: int
    status_version: int
    unfunded_visits: list[UnfundedVisitType]


async def _finance_partnership(
    info: FinanceInfo, id: strawberry.ID
) -> FinancePartnershipType | None:
    caller(info).require(*STAFF)
    view = await repos(info).partnerships.get(str(id))
    if view is None:
        return None
    return FinancePartnershipType(
        id=strawberry.ID(view.id),
        title=view.title,
        status=view.status,
        kind=view.kind,
        themes=view.themes,
        countries=view.countries,
        organisation_ids=[strawberry.ID(i) for i in view.organisation_ids],
        source_version=view.source_version,
        status_version=view.status_version,
        unfunded_visits=[UnfundedVisitType.of(u) for u in view.unfunded],
    )


async def _training_funding(
    info: FinanceInfo, kind: FundingKind, ref_id: strawberry.ID
) -> TrainingFundingType:
    caller(info)
    found = await repos(info).fundings.get(funding_id(kind, str(ref_id)))
    return TrainingFundingType.of(found or new_funding(kind, str(ref_id)))


@strawberry.type
class EntityQueries:
    finance_partnership: FinancePartnershipType | None = strawberry.field(
        resolver=_finance_partnership,
        description="Staff diagnostics: this service's projection of a partnership",
    )
    training_funding: TrainingFundingType = strawberry.field(
        resolver=_training_funding, description="What a network, programme or cohort has funded"
    )
