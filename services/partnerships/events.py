"""Events the partnerships service publishes (schemas versioned; see docs/events.md)."""

from __future__ import annotations

from pydantic import BaseModel

from services.common.events.catalogue import event_type


class OrganisationV1(BaseModel):
    id: str
    version: int
    name: str
    kind: str
    country: str
    is_swedish: bool


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
