"""Organisations: Swedish municipalities and regions, partner local governments, CSOs."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from services.common.audit import Audited
from services.common.countries import country_code
from services.common.events.envelope import Event
from services.common.store import Change
from services.common.validation import clean_text
from services.contracts.partnerships import (
    ORGANISATION_CREATED,
    ORGANISATION_UPDATED,
    OrganisationV1,
)


class OrganisationKind(StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    LOCAL_GOVERNMENT = "local_government"
    CSO = "cso"
    UNIVERSITY = "university"
    OTHER = "other"


class Organisation(Audited):
    name: str
    kind: OrganisationKind
    country: str

    @property
    def is_swedish(self) -> bool:
        return self.country == "SE"

    def snapshot(self) -> OrganisationV1:
        return OrganisationV1(
            id=self.id,
            version=self.version,
            name=self.name,
            kind=self.kind.value,
            country=self.country,
            is_swedish=self.is_swedish,
        )


def register(
    org_id: str, name: str, kind: OrganisationKind, country: str, actor: str
) -> tuple[Organisation, list[Event]]:
    org = Organisation(
        id=org_id,
        name=clean_text(name, "name"),
        kind=kind,
        country=country_code(country),
        version=1,
    )
    org.record(actor, "registered")
    return org, [ORGANISATION_CREATED.new(org.id, org.snapshot())]


def change_details(
    actor: str, name: str | None, kind: OrganisationKind | None, country: str | None
) -> Change[Organisation]:
    """Validates every given field now, before anything is written."""
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = clean_text(name, "name")
    if kind is not None:
        changes["kind"] = kind
    if country is not None:
        changes["country"] = country_code(country)

    def apply(org: Organisation) -> Sequence[Event]:
        for key, value in changes.items():
            setattr(org, key, value)
        org.record(actor, "details changed", note=", ".join(sorted(changes)) or None)
        return [ORGANISATION_UPDATED.new(org.id, org.snapshot())]

    return apply
