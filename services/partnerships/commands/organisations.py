"""Registering organisations and changing their details."""

from __future__ import annotations

from services.common.auth import STAFF, Principal
from services.common.changes import announced
from services.common.events.payloads import payload
from services.common.idempotency import new_id
from services.contracts.partnerships import (
    ORGANISATION_CREATED,
    ORGANISATION_UPDATED,
    OrganisationV1,
)

from ..domain.organisation import Organisation, OrganisationKind, change_details, register
from ..repositories import Repositories


def organisation_v1(org: Organisation) -> OrganisationV1:
    return payload(OrganisationV1, org)


async def create_organisation(
    repos: Repositories, actor: Principal, *, name: str, kind: OrganisationKind, country: str
) -> Organisation:
    actor.require(*STAFF)
    org = register(new_id(), name, kind, country, actor.sub)
    return await repos.organisations.create(
        org, [ORGANISATION_CREATED.new(org.id, organisation_v1(org))]
    )


async def update_organisation(
    repos: Repositories,
    actor: Principal,
    org_id: str,
    version: int,
    *,
    name: str | None,
    kind: OrganisationKind | None,
    country: str | None,
) -> Organisation:
    actor.require_acts_for(org_id)
    edit = change_details(actor.sub, name, kind, country)
    change = announced(
        edit, lambda org, _: [ORGANISATION_UPDATED.new(org.id, organisation_v1(org))]
    )
    return await repos.organisations.update(org_id, change, version)
