"""Events the partnerships service publishes (schemas versioned; see docs/events.md)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from services.common.events.catalogue import event_type


class OrganisationV1(BaseModel):
    id: str
    version: int
    name: str
    kind: str
    country: str
    is_swedish: bool


class PersonV1(BaseModel):
    id: str
    version: int
    organisation_id: str
    given_name: str
    family_name: str
    gender: str
    role: str
    political_side: str | None
    senior: bool
    position: str


class PartnershipV1(BaseModel):
    id: str
    version: int
    title: str
    swedish_partner_id: str
    partner_ids: list[str]
    organisation_ids: list[str]
    countries: list[str]
    """ISO 3166-1 codes of every organisation, the Swedish one included."""
    kind: str
    themes: list[str]
    focus: str
    status: str
    started_on: date


class PartnershipStatusChangedV1(BaseModel):
    id: str
    version: int
    from_status: str
    to_status: str
    note: str | None


class SteeringGroupMemberV1(BaseModel):
    person_id: str
    organisation_id: str
    role: str
    political_side: str | None
    senior: bool


class SteeringGroupChangedV1(BaseModel):
    partnership_id: str
    version: int
    members: list[SteeringGroupMemberV1]


class BudgetLineV1(BaseModel):
    year: int
    """Year of the project: 1, 2 or 3."""
    category: str
    amount_minor: int
    currency: str


class ApplicationSubmittedV1(BaseModel):
    id: str
    version: int
    case_number: str
    partnership_id: str
    call_id: str
    type: str
    duration_months: int
    requested_budget: list[BudgetLineV1]


class ApplicationReturnedV1(BaseModel):
    id: str
    version: int
    case_number: str
    partnership_id: str
    note: str


class ApplicationDecidedV1(BaseModel):
    id: str
    version: int
    case_number: str
    partnership_id: str
    partnership_kind: str
    countries: list[str]
    type: str
    outcome: str
    """approved, approved_with_conditions or rejected."""
    conditions: str | None
    duration_months: int
    approved_budget: list[BudgetLineV1]
    """The budget granted; empty when rejected."""


class VisitV1(BaseModel):
    id: str
    version: int
    partnership_id: str
    host_organisation_id: str
    host_country: str
    starts_on: date
    ends_on: date
    participant_ids: list[str]
    purpose: str
    status: str


ORGANISATION_CREATED = event_type(
    "partnerships", "organisation", "created", 1, OrganisationV1, "An organisation was registered."
)
ORGANISATION_UPDATED = event_type(
    "partnerships",
    "organisation",
    "updated",
    1,
    OrganisationV1,
    "An organisation's details changed.",
)
PERSON_CREATED = event_type(
    "partnerships",
    "person",
    "created",
    1,
    PersonV1,
    "A person was registered with their organisation.",
)
PERSON_UPDATED = event_type(
    "partnerships", "person", "updated", 1, PersonV1, "A person's details changed."
)
PARTNERSHIP_CREATED = event_type(
    "partnerships", "partnership", "created", 1, PartnershipV1, "A partnership was registered."
)
PARTNERSHIP_UPDATED = event_type(
    "partnerships",
    "partnership",
    "updated",
    1,
    PartnershipV1,
    "A partnership's details (title, partners, themes, focus) changed.",
)
PARTNERSHIP_STATUS_CHANGED = event_type(
    "partnerships",
    "partnership",
    "status_changed",
    1,
    PartnershipStatusChangedV1,
    "A partnership became active, dormant or closed.",
)
PARTNERSHIP_CLOSED = event_type(
    "partnerships",
    "partnership",
    "closed",
    1,
    PartnershipV1,
    "A partnership was closed: memberships end, pending registrations are withdrawn,"
    " grants go to finalisation.",
)
STEERING_GROUP_CHANGED = event_type(
    "partnerships",
    "steering_group",
    "changed",
    1,
    SteeringGroupChangedV1,
    "A partnership's steering group changed (subject: the partnership id).",
)
APPLICATION_SUBMITTED = event_type(
    "partnerships",
    "application",
    "submitted",
    1,
    ApplicationSubmittedV1,
    "An application was submitted (or resubmitted) in an open call.",
)
APPLICATION_RETURNED = event_type(
    "partnerships",
    "application",
    "returned",
    1,
    ApplicationReturnedV1,
    "An application was returned to the applicants for corrections.",
)
APPLICATION_DECIDED = event_type(
    "partnerships",
    "application",
    "decided",
    1,
    ApplicationDecidedV1,
    "An application was approved (with or without conditions) or rejected.",
)
VISIT_PLANNED = event_type(
    "partnerships", "visit", "planned", 1, VisitV1, "A visit between partners was planned."
)
VISIT_COMPLETED = event_type(
    "partnerships", "visit", "completed", 1, VisitV1, "A visit took place."
)
VISIT_CANCELLED = event_type(
    "partnerships", "visit", "cancelled", 1, VisitV1, "A planned visit was cancelled."
)
