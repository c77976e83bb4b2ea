"""Funding of what is not a partnership grant: networks and training programmes.

A completed workshop's costs (actuals, from training's WORKSHOP_COMPLETED) are booked once
against who funds it: the network of a network workshop; otherwise the programme of an ITP
phase (the cohort noted on the booking); otherwise the cohort; otherwise — a tailored
training outside any network or programme — ICLD's general training funding. Each funder is
one document, created on its first booking or its first network event; network events keep
its name, theme, countries, period and status (newer versions only).

Costs are booked in the currency training reports them in (no exchange rate travels with
the event); totals are per currency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field

from services.common.audit import Audited
from services.common.money import BUDGET_CURRENCY, MINOR_UNIT_EXPONENT, Money
from services.common.vocabulary import CostCategory

from . import SYSTEM_ACTOR, NothingToApply

GENERAL_TRAINING = "general"


class FundingKind(StrEnum):
    NETWORK = "network"
    PROGRAMME = "programme"
    COHORT = "cohort"
    TRAINING = "training"
    """ICLD's general training funding (tailored trainings)."""


def funding_id(kind: FundingKind, ref: str) -> str:
    return f"{kind.value}:{ref}"


@dataclass(frozen=True)
class NetworkDetails:
    """A network as its funding records it; `version` orders the network's updates."""

    id: str
    version: int
    name: str
    theme: str
    countries: Sequence[str]
    starts_on: date
    ends_on: date
    status: str


@dataclass(frozen=True)
class ReportedCost:
    """One cost of a completed workshop, as training reports it (not yet checked)."""

    category: str
    amount_minor: int
    currency: str


class HeldWorkshop(BaseModel):
    """What finance keeps of a completed workshop besides its costs."""

    model_config = ConfigDict(frozen=True)

    kind: str
    title: str
    city: str
    country: str
    starts_on: date
    ends_on: date
    network_id: str | None
    cohort_id: str | None
    programme_id: str | None
    participants: int


@dataclass(frozen=True)
class CompletedWorkshop:
    """A workshop whose actual costs are to be booked against its funder."""

    id: str
    held: HeldWorkshop
    costs: Sequence[ReportedCost]


def funder_of(workshop: CompletedWorkshop) -> tuple[FundingKind, str]:
    held = workshop.held
    if held.network_id:
        return FundingKind.NETWORK, held.network_id
    if held.programme_id:
        return FundingKind.PROGRAMME, held.programme_id
    if held.cohort_id:
        return FundingKind.COHORT, held.cohort_id
    return FundingKind.TRAINING, GENERAL_TRAINING


class CostLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    category: CostCategory
    amount: Money


class WorkshopBooking(HeldWorkshop):
    workshop_id: str
    lines: list[CostLine]
    booked_at: datetime


def totals(lines: Sequence[CostLine]) -> list[Money]:
    """Per currency, SEK first, then alphabetical."""
    sums: dict[str, int] = {}
    for line in lines:
        sums[line.amount.currency] = sums.get(line.amount.currency, 0) + line.amount.minor
    order = sorted(sums, key=lambda c: (c != BUDGET_CURRENCY, c))
    return [Money(minor=sums[c], currency=c) for c in order]


class Funding(Audited):
    kind: FundingKind
    ref_id: str
    name: str = ""
    theme: str | None = None
    countries: list[str] = Field(default_factory=list)
    starts_on: date | None = None
    ends_on: date | None = None
    status: str = ""
    source_version: int = 0
    """The network's version its details come from (0: none seen)."""
    bookings: list[WorkshopBooking] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def workshop_ids(self) -> list[str]:
        """Stored for the lookup of a workshop's costs (never read back)."""
        return [b.workshop_id for b in self.bookings]

    def booking(self, workshop_id: str) -> WorkshopBooking | None:
        for booking in self.bookings:
            if booking.workshop_id == workshop_id:
                return booking
        return None

    @property
    def totals(self) -> list[Money]:
        return totals([line for b in self.bookings for line in b.lines])


def new_funding(kind: FundingKind, ref: str) -> Funding:
    return Funding(id=funding_id(kind, ref), kind=kind, ref_id=ref)


def take_network(data: NetworkDetails) -> Callable[[Funding], None]:
    def apply(funding: Funding) -> None:
        if data.version <= funding.source_version:
            raise NothingToApply  # an older, late event
        funding.name, funding.theme = data.name, data.theme
        funding.countries = list(data.countries)
        funding.starts_on, funding.ends_on = data.starts_on, data.ends_on
        funding.status, funding.source_version = data.status, data.version

    return apply


def _line(category: str, amount_minor: int, currency: str) -> CostLine:
    """A cost line as training reports it; anything else breaks the contract (the event is
    dead-lettered with the reason rather than booked in part)."""
    if currency not in MINOR_UNIT_EXPONENT:
        raise ValueError(f"workshop cost in unsupported currency {currency!r}")
    if amount_minor < 0:
        raise ValueError("a workshop cost is not negative")
    return CostLine(
        category=CostCategory(category), amount=Money(minor=amount_minor, currency=currency)
    )


def book_workshop(data: CompletedWorkshop) -> Callable[[Funding], None]:
    lines = [_line(c.category, c.amount_minor, c.currency) for c in data.costs]

    def apply(funding: Funding) -> None:
        if funding.booking(data.id) is not None:
            raise NothingToApply  # booked before (another delivery or event of the workshop)
        booking = WorkshopBooking(
            **data.held.model_dump(), workshop_id=data.id, lines=lines, booked_at=datetime.now(UTC)
        )
        funding.bookings = [*funding.bookings, booking]
        booked = ", ".join(f"{m.amount} {m.currency}" for m in totals(lines)) or "no costs"
        funding.record(SYSTEM_ACTOR, "workshop booked", note=f"{data.id}: {booked}")

    return apply
