"""Organisations: Swedish municipalities and regions, partner local governments, CSOs."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from services.common.audit import Audited
from services.common.countries import country_code
from services.common.validation import clean_text


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


def register(
    org_id: str, name: str, kind: OrganisationKind, country: str, actor: str
) -> Organisation:
    org = Organisation(
        id=org_id,
        name=clean_text(name, "name"),
        kind=kind,
        country=country_code(country),
        version=1,
    )
    org.record(actor, "registered")
    return org


def change_details(
    actor: str, name: str | None, kind: OrganisationKind | None, country: str | None
) -> Callable[[Organisation], None]:
    """Validates every given field now, before anything is written."""
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = clean_text(name, "name")
    if kind is not None:
        changes["kind"] = kind
    if country is not None:
        changes["country"] = country_code(country)

    def apply(org: Organisation) -> None:
        for key, value in changes.items():
            setattr(org, key, value)
        org.record(actor, "details changed", note=", ".join(sorted(changes)) or None)

    return apply
