"""Events the training service publishes (schemas versioned; see docs/events.md)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from services.common.events.catalogue import event_type


class CostLineV1(BaseModel):
    category: str
    """A CostCategory value (services.common.vocabulary)."""
    amount_minor: int
    currency: str


class WorkshopV1(BaseModel):
    id: str
    version: int
    kind: str
    """network_workshop, itp_phase or tailored_training."""
    title: str
    network_id: str | None
    cohort_id: str | None
    programme_id: str | None
    city: str
    country: str
    starts_on: date
    ends_on: date
    capacity: int
    status: str
    participants: int
    """Enrolled (or, once completed, attending) participants."""
    costs: list[CostLineV1]
    """What the workshop cost (actuals once completed), for finance to book."""


class RegistrationChangedV1(BaseModel):
    id: str
    version: int
    workshop_id: str | None
    cohort_id: str | None
    person_id: str
    organisation_id: str
    partnership_id: str | None
    from_status: str | None
    to_status: str


class CertificateIssuedV1(BaseModel):
    id: str
    """The certificate number."""
    registration_id: str
    person_id: str
    organisation_id: str
    programme_id: str
    cohort_id: str
    issued_on: date


WORKSHOP_SCHEDULED = event_type(
    "training", "workshop", "scheduled", 1, WorkshopV1, "A workshop was scheduled."
)
WORKSHOP_COMPLETED = event_type(
    "training",
    "workshop",
    "completed",
    1,
    WorkshopV1,
    "A workshop took place; its costs are final (finance books them).",
)
WORKSHOP_CANCELLED = event_type(
    "training", "workshop", "cancelled", 1, WorkshopV1, "A scheduled workshop was cancelled."
)
REGISTRATION_CHANGED = event_type(
    "training",
    "registration",
    "changed",
    1,
    RegistrationChangedV1,
    "A registration moved in its lifecycle (invited, applied, selected, waitlisted, rejected,"
    " enrolled, completed, withdrawn); from_status is null when it was created.",
)
CERTIFICATE_ISSUED = event_type(
    "training",
    "certificate",
    "issued",
    1,
    CertificateIssuedV1,
    "A participant completed every phase and reported their change project.",
)


class ResearchBudgetLineV1(BaseModel):
    year: int
    """Year of the research grant: 1, 2 or 3."""
    category: str
    """A CostCategory value (services.common.vocabulary), as the partnership budgets."""
    amount_minor: int
    currency: str
    """services.common.money.BUDGET_CURRENCY."""


class ResearchApplicationDecidedV1(BaseModel):
    id: str
    version: int
    case_number: str
    """E.g. R2026-0007."""
    call_id: str
    kind: str
    """project or fieldwork."""
    outcome: str
    """approved, rejected or waitlisted."""
    principal_investigator_id: str
    organisation_id: str
    """The principal investigator's university."""
    partnership_ids: list[str]
    network_ids: list[str]
    countries: list[str]
    themes: list[str]
    max_amount_minor: int
    """The call's cap for this kind, at the decision."""
    approved_budget: list[ResearchBudgetLineV1]
    """Empty unless approved."""
    duration_months: int


class ResearchApplicationReportedV1(BaseModel):
    id: str
    """The research application."""
    version: int
    case_number: str
    accepted_on: date
    """Officers accepted the final report."""


class ResearchOutputV1(BaseModel):
    id: str
    version: int
    application_id: str
    kind: str
    """publication, report, policy_brief or presentation."""
    title: str
    published_on: date
    url: str | None
    partnership_ids: list[str]
    network_ids: list[str]
    themes: list[str]


RESEARCH_APPLICATION_DECIDED = event_type(
    "training",
    "research_application",
    "decided",
    1,
    ResearchApplicationDecidedV1,
    "Officers decided a research application after the advisory group's ranking (approved,"
    " rejected or waitlisted); an approved one carries its budget for finance to grant.",
)
RESEARCH_APPLICATION_REPORTED = event_type(
    "training",
    "research_application",
    "reported",
    1,
    ResearchApplicationReportedV1,
    "Officers accepted the final report of an approved research application.",
)
RESEARCH_OUTPUT_PUBLISHED = event_type(
    "training",
    "research_output",
    "published",
    1,
    ResearchOutputV1,
    "A research output (publication, report, policy brief, presentation) of a research"
    " application was published, linked to partnerships, networks and themes.",
)
