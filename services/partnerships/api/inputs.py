"""The partnerships subgraph's input types: the shape of what callers send; the commands and
the domain check the rest."""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.inputs import CheckedInput
from services.common.money import MoneyInput

from ..domain.call import DEFAULT_PROGRAMME
from .enums import (
    ApplicationKind,
    ApplicationStatus,
    CostCategory,
    DecisionOutcome,
    Eligibility,
    Gender,
    OrganisationKind,
    PartnershipStatus,
    PersonRole,
    PoliticalSide,
    Theme,
    VisitStatus,
)

# --- organisations -------------------------------------------------------------------------


@strawberry.input
class OrganisationFilter(CheckedInput):
    country: str | None = None
    kind: OrganisationKind | None = None
    is_swedish: bool | None = None
    search: str | None = strawberry.field(default=None, description="Part of the name")


@strawberry.input
class CreateOrganisationInput(CheckedInput):
    name: str
    kind: OrganisationKind
    country: str


@strawberry.input
class UpdateOrganisationInput(CheckedInput):
    id: strawberry.ID
    version: int
    name: str | None = None
    kind: OrganisationKind | None = None
    country: str | None = None


# --- people --------------------------------------------------------------------------------


@strawberry.input
class PersonFilter(CheckedInput):
    organisation_id: strawberry.ID | None = None
    role: PersonRole | None = None


@strawberry.input
class PersonProfileInput(CheckedInput):
    given_name: str
    family_name: str
    gender: Gender
    role: PersonRole
    political_side: PoliticalSide | None = None
    senior: bool = False
    position: str = ""
    email: str | None = None
    phone: str | None = None


@strawberry.input
class CreatePersonInput(CheckedInput):
    organisation_id: strawberry.ID
    profile: PersonProfileInput


@strawberry.input
class UpdatePersonInput(CheckedInput):
    id: strawberry.ID
    version: int
    profile: PersonProfileInput


# --- partnerships --------------------------------------------------------------------------


@strawberry.input
class PartnershipFilter(CheckedInput):
    country: str | None = strawberry.field(default=None, description="Any partner's country")
    theme: Theme | None = None
    status: PartnershipStatus | None = None
    swedish_partner_id: strawberry.ID | None = None
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="Partnerships this organisation takes part in"
    )
    search: str | None = strawberry.field(default=None, description="Part of the title")


@strawberry.input
class CreatePartnershipInput(CheckedInput):
    title: str
    swedish_partner_id: strawberry.ID
    partner_ids: list[strawberry.ID]
    themes: list[Theme]
    focus: str = ""
    started_on: date


@strawberry.input
class UpdatePartnershipInput(CheckedInput):
    id: strawberry.ID
    version: int
    title: str | None = None
    themes: list[Theme] | None = None
    focus: str | None = None


@strawberry.input
class ChangePartnershipStatusInput(CheckedInput):
    id: strawberry.ID
    version: int
    status: PartnershipStatus
    note: str | None = None


@strawberry.input
class SetSteeringGroupInput(CheckedInput):
    partnership_id: strawberry.ID
    version: int
    person_ids: list[strawberry.ID]


# --- visits --------------------------------------------------------------------------------


@strawberry.input
class VisitFilter(CheckedInput):
    partnership_id: strawberry.ID | None = None
    status: VisitStatus | None = None
    year: int | None = strawberry.field(default=None, description="Visits starting that year")
    host_organisation_id: strawberry.ID | None = None


@strawberry.input
class PlanVisitInput(CheckedInput):
    partnership_id: strawberry.ID
    host_organisation_id: strawberry.ID
    starts_on: date
    ends_on: date
    participant_ids: list[strawberry.ID]
    purpose: str


@strawberry.input
class UpdateVisitInput(CheckedInput):
    id: strawberry.ID
    version: int
    host_organisation_id: strawberry.ID | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    participant_ids: list[strawberry.ID] | None = None
    purpose: str | None = None


@strawberry.input
class CompleteVisitInput(CheckedInput):
    id: strawberry.ID
    version: int
    note: str | None = None


@strawberry.input
class CancelVisitInput(CheckedInput):
    id: strawberry.ID
    version: int
    note: str = strawberry.field(description="Why the visit will not take place")


# --- calls ---------------------------------------------------------------------------------


@strawberry.input
class CallFilter(CheckedInput):
    open_on: date | None = strawberry.field(default=None, description="Calls open on that day")
    year: int | None = strawberry.field(default=None, description="Calls opening in that year")


@strawberry.input
class CreateCallInput(CheckedInput):
    title: str
    programme: str = DEFAULT_PROGRAMME
    allowed_types: list[ApplicationKind]
    opens_on: date
    closes_on: date
    extended_to: date | None = None


@strawberry.input
class UpdateCallInput(CheckedInput):
    id: strawberry.ID
    version: int
    title: str | None = None
    programme: str | None = None
    allowed_types: list[ApplicationKind] | None = None
    opens_on: date | None = None
    closes_on: date | None = None


@strawberry.input
class ExtendCallInput(CheckedInput):
    id: strawberry.ID
    version: int
    extended_to: date
    note: str | None = None


# --- applications --------------------------------------------------------------------------


@strawberry.input
class IndicatorInput(CheckedInput):
    name: str
    unit: str = ""
    baseline: str = strawberry.field(description="Text, or a decimal written as text")
    target: str = strawberry.field(description="Text, or a decimal written as text")


@strawberry.input
class ResultInput(CheckedInput):
    statement: str
    indicators: list[IndicatorInput] = strawberry.field(default_factory=list)


@strawberry.input
class OutcomeInput(CheckedInput):
    statement: str
    indicators: list[IndicatorInput] = strawberry.field(default_factory=list)
    outputs: list[ResultInput] = strawberry.field(default_factory=list)


@strawberry.input
class ResultsChainInput(CheckedInput):
    goal: ResultInput | None = None
    outcomes: list[OutcomeInput] = strawberry.field(default_factory=list)


@strawberry.input
class BudgetLineInput(CheckedInput):
    year: int = strawberry.field(description="Year of the project: 1, 2 or 3")
    category: CostCategory
    amount: MoneyInput = strawberry.field(description="In SEK, exact to the öre")


@strawberry.input
class CreateApplicationInput(CheckedInput):
    partnership_id: strawberry.ID
    call_id: strawberry.ID
    type: ApplicationKind
    title: str
    duration_months: int
    theme: Theme
    project_area: str = ""
    sdgs: list[int] = strawberry.field(default_factory=list)
    results_chain: ResultsChainInput | None = None
    requested_budget: list[BudgetLineInput] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    type: ApplicationKind | None = None
    title: str | None = None
    duration_months: int | None = None
    theme: Theme | None = None
    project_area: str | None = None
    sdgs: list[int] | None = None
    results_chain: ResultsChainInput | None = strawberry.field(
        default=None, description="Replaces the whole chain"
    )
    requested_budget: list[BudgetLineInput] | None = strawberry.field(
        default=None, description="Replaces every line"
    )


@strawberry.input
class SubmitApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    note: str | None = None


@strawberry.input
class ReturnApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    note: str = strawberry.field(description="What the applicants are to correct")


@strawberry.input
class AssessApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    outcome: Eligibility
    note: str | None = strawberry.field(default=None, description="Required when ineligible")


@strawberry.input
class DecideApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    outcome: DecisionOutcome
    conditions: str | None = strawberry.field(
        default=None, description="Required for, and only for, an approval with conditions"
    )
    approved_budget: list[BudgetLineInput] | None = strawberry.field(
        default=None, description="Adjusted lines; left out, the requested budget is approved"
    )
    note: str | None = None


@strawberry.input
class ApplicationFilter(CheckedInput):
    call_id: strawberry.ID | None = None
    partnership_id: strawberry.ID | None = None
    status: ApplicationStatus | None = None
    type: ApplicationKind | None = None
    year: int | None = strawberry.field(
        default=None,
        description="Year of the case number; for a draft never submitted, the year it began",
    )
