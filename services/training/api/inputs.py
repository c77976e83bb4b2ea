"""GraphQL input types of the training subgraph."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from services.common.inputs import CheckedInput
from services.common.money import BUDGET_CURRENCY

from ..domain import cohort as cohorts
from .enums import CostCategory, Decision, Theme, WorkshopKind, WorkshopStatus


@strawberry.input
class ProgrammeFilter(CheckedInput):
    theme: Theme | None = None
    search: str | None = strawberry.field(default=None, description="Part of the title")


@strawberry.input
class CohortFilter(CheckedInput):
    programme_id: strawberry.ID | None = None
    network_id: strawberry.ID | None = None
    open_for_applications: bool | None = strawberry.field(
        default=None, description="Whose application window includes today"
    )


@strawberry.input
class CreateProgrammeInput(CheckedInput):
    title: str
    theme: Theme
    target_group: str
    language: str = strawberry.field(default="en", description="ISO 639-1")
    description: str = ""


@strawberry.input
class UpdateProgrammeInput(CheckedInput):
    id: strawberry.ID
    version: int
    title: str | None = None
    theme: Theme | None = None
    target_group: str | None = None
    language: str | None = None
    description: str | None = None


@strawberry.input
class CreateCohortInput(CheckedInput):
    programme_id: strawberry.ID
    number: int
    starts_on: date
    ends_on: date
    applications_open_on: date
    applications_close_on: date
    capacity: int = cohorts.DEFAULT_CAPACITY
    network_id: strawberry.ID | None = strawberry.field(
        default=None, description="For a network's ITP"
    )


@strawberry.input
class UpdateCohortInput(CheckedInput):
    id: strawberry.ID
    version: int
    capacity: int | None = strawberry.field(
        default=None, description="Never below the seats held; new seats go to the waitlist"
    )
    applications_open_on: date | None = None
    applications_close_on: date | None = None


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


@strawberry.input
class RegisterParticipantInput(CheckedInput):
    person_id: strawberry.ID
    workshop_id: strawberry.ID | None = strawberry.field(
        default=None, description="A network joint workshop or tailored training, or…"
    )
    cohort_id: strawberry.ID | None = strawberry.field(
        default=None, description="…an ITP cohort (an application, or a network's nomination)"
    )
    partnership_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The partnership the person takes part through (required for a network's ITP)",
    )
    change_project_outline: str | None = strawberry.field(
        default=None, description="Required when applying to a cohort"
    )


@strawberry.input
class RegistrationActionInput(CheckedInput):
    registration_id: strawberry.ID
    version: int


@strawberry.input
class DecideRegistrationInput(CheckedInput):
    registration_id: strawberry.ID
    version: int
    decision: Decision
    note: str | None = None


@strawberry.input
class WithdrawRegistrationInput(CheckedInput):
    registration_id: strawberry.ID
    version: int
    note: str | None = None


@strawberry.input
class ReportChangeProjectInput(CheckedInput):
    registration_id: strawberry.ID
    version: int
    text: str
    final: bool = strawberry.field(
        default=False, description="The final report: the change project is reported"
    )
