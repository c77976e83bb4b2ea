"""Cohorts of a programme: staff create them and change their capacity or window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from services.common.auth import STAFF, Principal
from services.common.errors import Conflict, NotFound

from ..domain import cohort as cohorts
from ..domain.cohort import Cohort
from ..repositories import Repositories
from .outbox import emitting
from .projection import usable_network


@dataclass(frozen=True)
class NewCohort:
    programme_id: str
    number: int
    starts_on: date
    ends_on: date
    applications_open_on: date
    applications_close_on: date
    capacity: int
    network_id: str | None


async def create_cohort(repos: Repositories, principal: Principal, new: NewCohort) -> Cohort:
    principal.require(*STAFF)
    programme = await repos.programmes.get(new.programme_id)
    if programme is None:
        raise NotFound(f"programme {new.programme_id!r} does not exist", field="programmeId")
    if new.network_id is not None:
        await usable_network(repos, new.network_id)
    cohort = cohorts.create(
        programme,
        number=new.number,
        starts_on=new.starts_on,
        ends_on=new.ends_on,
        applications_open_on=new.applications_open_on,
        applications_close_on=new.applications_close_on,
        capacity=new.capacity,
        network_id=new.network_id,
        actor=principal.sub,
    )
    try:
        return await repos.cohorts.create(cohort)
    except Conflict as exc:
        raise Conflict(f"the programme has a cohort {new.number} already", field="number") from exc


async def update_cohort(
    repos: Repositories,
    principal: Principal,
    cohort_id: str,
    version: int,
    *,
    capacity: int | None,
    applications_open_on: date | None,
    applications_close_on: date | None,
) -> Cohort:
    principal.require(*STAFF)
    change = cohorts.change(
        principal.sub,
        datetime.now(UTC),
        capacity=capacity,
        applications_open_on=applications_open_on,
        applications_close_on=applications_close_on,
    )
    return await repos.cohorts.update(cohort_id, emitting(change), version)
