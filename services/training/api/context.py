"""What every training resolver needs: the typed info, the caller, loaders, access rules."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from services.common.auth import Principal
from services.common.clock import clock
from services.common.graphql import Context

from ..domain.cohort import Cohort
from ..domain.programme import Programme
from ..domain.workshop import Workshop
from ..repositories import Placed, Repositories

TrainingInfo = Info[Context[Repositories], None]


def caller(info: TrainingInfo) -> Principal:
    return info.context.require_principal()


def repos(info: TrainingInfo) -> Repositories:
    return info.context.repos


def today() -> date:
    """Today in UTC, from the service clock (which tests can pin)."""
    return clock.today()


# --- per-request loaders: one query per collection, whatever the number of keys -------------


def workshop_loader(info: TrainingInfo) -> DataLoader[str, Workshop | None]:
    return info.context.loader("workshops", repos(info).workshops.get_many)


def cohort_loader(info: TrainingInfo) -> DataLoader[str, Cohort | None]:
    return info.context.loader("cohorts", repos(info).cohorts.get_many)


def programme_loader(info: TrainingInfo) -> DataLoader[str, Programme | None]:
    return info.context.loader("programmes", repos(info).programmes.get_many)


def phases_loader(info: TrainingInfo) -> DataLoader[str, list[Workshop] | None]:
    """Every phase of a cohort (cancelled ones too), by cohort id."""

    async def load(ids: Sequence[str]) -> dict[str, list[Workshop]]:
        return await repos(info).workshops_by("cohort_id", ids)

    return info.context.loader("phases", load)


def network_workshops_loader(info: TrainingInfo) -> DataLoader[str, list[Workshop] | None]:
    async def load(ids: Sequence[str]) -> dict[str, list[Workshop]]:
        return await repos(info).workshops_by("network_id", ids)

    return info.context.loader("network_workshops", load)


def partnership_workshops_loader(info: TrainingInfo) -> DataLoader[str, list[Workshop] | None]:
    async def load(ids: Sequence[str]) -> dict[str, list[Workshop]]:
        return await repos(info).workshops_by("partnership_ids", ids)

    return info.context.loader("partnership_workshops", load)


def cohorts_of_programme_loader(info: TrainingInfo) -> DataLoader[str, list[Cohort] | None]:
    return info.context.loader("programme_cohorts", repos(info).cohorts_of_programmes)


def registrations_loader(info: TrainingInfo, key: str) -> DataLoader[str, list[Placed] | None]:
    """Registrations by person ("person_ids"), organisation or partnership."""

    async def load(ids: Sequence[str]) -> dict[str, list[Placed]]:
        if key == "person_ids":
            return await repos(info).registrations_by("person_ids", ids)
        if key == "organisation_ids":
            return await repos(info).registrations_by("organisation_ids", ids)
        return await repos(info).registrations_by("partnership_ids", ids)

    return info.context.loader(f"registrations_by_{key}", load)
