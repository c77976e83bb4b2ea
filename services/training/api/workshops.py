"""Queries and mutations for workshops. Staff schedule, change, cost, complete and cancel them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from services.common.countries import country_code
from services.common.errors import BadUserInput, NotFound
from services.common.idempotency import new_id, replaying
from services.common.inputs import CheckedInput
from services.common.money import BUDGET_CURRENCY, money
from services.common.mongo import Document
from services.common.pagination import Connection, paginate
from services.common.vocabulary import CostCategory

from ..bookings import Bookkeeper
from ..domain.booking import Span
from ..domain.cohort import Cohort
from ..domain.registration import RegistrationStatus
from ..domain.workshop import (
    CostLine,
    Workshop,
    WorkshopKind,
    WorkshopStatus,
    cancel,
    change_details,
    complete,
    record_costs,
    schedule,
)
from .context import TrainingInfo, caller, now, repos, staff, today, usable_network
from .types import WorkshopType


@strawberry.input
class WorkshopFilter(CheckedInput):
    kind: WorkshopKind | None = None
    network_id: strawberry.ID | None = None
    cohort_id: strawberry.ID | None = None
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2")
    status: WorkshopStatus | None = None
    from_date: date | None = strawberry.field(
        default=None, description="Taking place (at least partly) on or after this day"
    )
    to_date: date | None = strawberry.field(
        default=None, description="Taking place (at least partly) on or before this day"
    )


@strawberry.input
class CostLineInput(CheckedInput):
    category: CostCategory
    amount: Decimal
    currency: str = BUDGET_CURRENCY
    description: str = ""


@strawberry.input
class ScheduleWorkshopInput(CheckedInput):
    kind: WorkshopKind
    title: str
    city: str
    country: str = strawberry.field(description="ISO 3166-1 alpha-2")
    starts_on: date
    ends_on: date
    capacity: int | None = strawberry.field(
        default=None, description="Required, except for an ITP phase (its cohort's by default)"
    )
    network_id: strawberry.ID | None = strawberry.field(
        default=None, description="Required for a network joint workshop"
    )
    cohort_id: strawberry.ID | None = strawberry.field(
        default=None, description="Required for an ITP phase"
    )
    costs: list[CostLineInput] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateWorkshopInput(CheckedInput):
    id: strawberry.ID
    version: int
    title: str | None = None
    city: str | None = None
    capacity: int | None = strawberry.field(
        default=None, description="Never below the seats held; new seats go to the waitlist"
    )


@strawberry.input
class RecordWorkshopCostsInput(CheckedInput):
    id: strawberry.ID
    version: int
    costs: list[CostLineInput] = strawberry.field(description="Replaces the cost lines")


@strawberry.input
class CompleteWorkshopInput(CheckedInput):
    id: strawberry.ID
    version: int
    attended_person_ids: list[strawberry.ID] = strawberry.field(
        description="Who attended: enrolled participants (of the cohort, for a phase)"
    )
    costs: list[CostLineInput] | None = strawberry.field(
        default=None, description="The final costs, when they differ from those recorded"
    )


@strawberry.input
class CancelWorkshopInput(CheckedInput):
    id: strawberry.ID
    version: int
    note: str | None = None


@strawberry.type
class WorkshopPayload:
    workshop: WorkshopType


def cost_lines(lines: list[CostLineInput]) -> list[CostLine]:
    return [
        CostLine(
            category=line.category,
            amount=money(line.amount, line.currency, f"costs[{i}].amount"),
            description=line.description,
        )
        for i, line in enumerate(lines)
    ]


def _workshop_query(where: WorkshopFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.kind is not None:
        query["kind"] = where.kind.value
    if where.network_id is not None:
        query["network_id"] = str(where.network_id)
    if where.cohort_id is not None:
        query["cohort_id"] = str(where.cohort_id)
    if where.country is not None:
        query["country"] = country_code(where.country, "filter.country")
    if where.status is not None:
        query["status"] = where.status.value
    if where.from_date and where.to_date and where.to_date < where.from_date:
        raise BadUserInput("toDate is before fromDate", field="filter.toDate")
    if where.from_date is not None:
        query["ends_on"] = {"$gte": where.from_date.isoformat()}
    if where.to_date is not None:
        query["starts_on"] = {"$lte": where.to_date.isoformat()}
    return query


def _enrolled(cohort: Cohort | None) -> list[str]:
    if cohort is None:
        return []
    return [r.person_id for r in cohort.registrations if r.status is RegistrationStatus.ENROLLED]


async def _check_phase(
    info: TrainingInfo, cohort: Cohort, starts_on: date, ends_on: date, title: str
) -> None:
    """A new phase overlaps neither the cohort's other phases nor its participants' other
    enrolments (read when scheduled: see services/training/bookings.py)."""
    span = Span("new", title, starts_on, ends_on)
    for phase in (await repos(info).phases([cohort.id])).get(cohort.id, []):
        other = Span(phase.id, phase.title, phase.starts_on, phase.ends_on)
        if span.overlaps(other):
            raise BadUserInput(
                f"the cohort's phase {other.describe()} overlaps these dates", field="startsOn"
            )
    clashing = await Bookkeeper(repos(info)).clashes(_enrolled(cohort), span, cohort.id)
    if clashing:
        raise BadUserInput(
            f"participants enrolled elsewhere at these dates: {', '.join(clashing)}",
            field="startsOn",
        )


async def _release_withdrawn(info: TrainingInfo, before: Workshop, after: Workshop) -> None:
    """Frees the bookings of the enrolments a change ended (best effort)."""
    enrolled = {r.id for r in before.registrations if r.status is RegistrationStatus.ENROLLED}
    bookkeeper = Bookkeeper(repos(info))
    for registration in after.registrations:
        if registration.id in enrolled and registration.status is RegistrationStatus.WITHDRAWN:
            await bookkeeper.release(registration.person_id, registration.id)


async def _workshops(
    info: TrainingInfo,
    first: int | None = 20,
    after: str | None = None,
    filter: Annotated[WorkshopFilter | None, strawberry.argument(name="filter")] = None,
) -> Connection[WorkshopType]:
    caller(info)
    store = repos(info).workshops
    return await paginate(
        store.collection,
        _workshop_query(filter),
        sort=["starts_on"],
        first=first,
        after=after,
        to_node=lambda doc: WorkshopType.of(store.load(doc)),
    )


@strawberry.type
class WorkshopQueries:
    @strawberry.field
    async def workshop(self, info: TrainingInfo, id: strawberry.ID) -> WorkshopType | None:
        caller(info)
        found = await repos(info).workshops.get(str(id))
        return None if found is None else WorkshopType.of(found)

    workshops: Connection[WorkshopType] = strawberry.field(
        resolver=_workshops, description="Workshops by start"
    )


async def _complete_workshop(info: TrainingInfo, input: CompleteWorkshopInput) -> WorkshopPayload:
    principal = staff(info)
    costs = cost_lines(input.costs) if input.costs is not None else None
    before = await repos(info).workshops.require(str(input.id))
    participants = None
    if before.cohort_id is not None:
        participants = _enrolled(await repos(info).cohorts.get(before.cohort_id))
    change = complete(
        principal.sub,
        now(),
        today(),
        [str(i) for i in input.attended_person_ids],
        costs,
        participants,
    )
    workshop = await repos(info).workshops.update(str(input.id), change, input.version)
    await _release_withdrawn(info, before, workshop)
    return WorkshopPayload(workshop=WorkshopType.of(workshop))


async def _cancel_workshop(info: TrainingInfo, input: CancelWorkshopInput) -> WorkshopPayload:
    principal = staff(info)
    before = await repos(info).workshops.require(str(input.id))
    participants = 0
    if before.cohort_id is not None:
        participants = len(_enrolled(await repos(info).cohorts.get(before.cohort_id)))
    change = cancel(principal.sub, now(), today(), input.note, participants)
    workshop = await repos(info).workshops.update(str(input.id), change, input.version)
    await _release_withdrawn(info, before, workshop)
    return WorkshopPayload(workshop=WorkshopType.of(workshop))


@strawberry.type
class WorkshopMutations:
    @strawberry.mutation
    async def schedule_workshop(
        self, info: TrainingInfo, input: ScheduleWorkshopInput
    ) -> WorkshopPayload:
        principal = staff(info)
        cohort = None
        if input.cohort_id is not None:
            cohort = await repos(info).cohorts.get(str(input.cohort_id))
            if cohort is None:
                raise NotFound(f"cohort {input.cohort_id!r} does not exist", field="cohortId")
        workshop, events = schedule(
            new_id(),
            kind=input.kind,
            title=input.title,
            network_id=str(input.network_id) if input.network_id is not None else None,
            cohort=cohort,
            city=input.city,
            country=country_code(input.country),
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            capacity=input.capacity,
            costs=cost_lines(input.costs),
            participants=len(_enrolled(cohort)),
            actor=principal.sub,
        )
        if workshop.network_id is not None:
            await usable_network(info, workshop.network_id)
        if cohort is not None and not replaying():  # on a retry, the phase is there itself
            await _check_phase(info, cohort, workshop.starts_on, workshop.ends_on, workshop.title)
        workshop = await repos(info).workshops.create(workshop, events)
        return WorkshopPayload(workshop=WorkshopType.of(workshop))

    @strawberry.mutation
    async def update_workshop(
        self, info: TrainingInfo, input: UpdateWorkshopInput
    ) -> WorkshopPayload:
        principal = staff(info)
        change = change_details(
            principal.sub, now(), title=input.title, city=input.city, capacity=input.capacity
        )
        workshop = await repos(info).workshops.update(str(input.id), change, input.version)
        return WorkshopPayload(workshop=WorkshopType.of(workshop))

    @strawberry.mutation
    async def record_workshop_costs(
        self, info: TrainingInfo, input: RecordWorkshopCostsInput
    ) -> WorkshopPayload:
        principal = staff(info)
        change = record_costs(principal.sub, cost_lines(input.costs))
        workshop = await repos(info).workshops.update(str(input.id), change, input.version)
        return WorkshopPayload(workshop=WorkshopType.of(workshop))

    complete_workshop: WorkshopPayload = strawberry.mutation(
        resolver=_complete_workshop,
        description="The workshop took place: attendance and costs are final",
    )

    cancel_workshop: WorkshopPayload = strawberry.mutation(
        resolver=_cancel_workshop,
        description="Cancels the workshop; its registrations are withdrawn",
    )
