"""What every partnerships resolver needs: the typed info, the caller, the per-request
loaders and who reads what."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from services.common.auth import Principal, Role
from services.common.clock import clock
from services.common.errors import Forbidden
from services.common.graphql import Context
from services.common.mongo import Document

from ..domain.access import may_read_applications_of, reads_everything
from ..domain.application import Application
from ..domain.call import Call
from ..domain.organisation import Organisation
from ..domain.partnership import Partnership
from ..domain.person import Person
from ..domain.visit import Visit, VisitStatus, check_year, year_range
from ..repositories import Repositories

PartnershipsInfo = Info[Context[Repositories], None]


def caller(info: PartnershipsInfo) -> Principal:
    return info.context.require_principal()


def repos(info: PartnershipsInfo) -> Repositories:
    return info.context.repos


def today() -> date:
    """Today in UTC, from the service clock (which tests can pin)."""
    return clock.today()


# --- loaders ------------------------------------------------------------------------------


def organisation_loader(info: PartnershipsInfo) -> DataLoader[str, Organisation | None]:
    return info.context.loader("organisations", repos(info).organisations.get_many)


def person_loader(info: PartnershipsInfo) -> DataLoader[str, Person | None]:
    return info.context.loader("people", repos(info).people.get_many)


def partnership_loader(info: PartnershipsInfo) -> DataLoader[str, Partnership | None]:
    return info.context.loader("partnerships", repos(info).partnerships.get_many)


def visit_loader(info: PartnershipsInfo) -> DataLoader[str, Visit | None]:
    return info.context.loader("visits", repos(info).visits.get_many)


def call_loader(info: PartnershipsInfo) -> DataLoader[str, Call | None]:
    return info.context.loader("calls", repos(info).calls.get_many)


def application_loader(info: PartnershipsInfo) -> DataLoader[str, Application | None]:
    return info.context.loader("applications", repos(info).applications.get_many)


def starts_in(year: int, field: str) -> Document:
    """A query on `starts_on` for the days of `year`."""
    first, last = year_range(check_year(year, field))
    return {"$gte": first.isoformat(), "$lte": last.isoformat()}


def compliance_key(year: int, partnership_id: str) -> str:
    return f"{year}/{partnership_id}"


def completed_visits_loader(info: PartnershipsInfo) -> DataLoader[str, list[Visit] | None]:
    """Completed visits per (year, partnership): one query per year asked for in a request."""
    store = repos(info).visits

    async def load_many(keys: Sequence[str]) -> dict[str, list[Visit]]:
        by_year: dict[int, list[str]] = {}
        for key in keys:
            year_text, _, partnership_id = key.partition("/")
            by_year.setdefault(int(year_text), []).append(partnership_id)
        found: dict[str, list[Visit]] = {key: [] for key in keys}
        for year, partnership_ids in by_year.items():
            query: Document = {
                "partnership_id": {"$in": partnership_ids},
                "status": VisitStatus.COMPLETED.value,
                "starts_on": starts_in(year, "year"),
            }
            async for doc in store.collection.find(query):
                visit = store.load(doc)
                found[compliance_key(year, visit.partnership_id)].append(visit)
        return found

    return info.context.loader("completed-visits", load_many)


@dataclass
class ActivePartnerships:
    """The active partnerships among those a query selects, loaded once per request however
    many fields ask for them."""

    stores: Repositories
    query: Document
    _loaded: asyncio.Future[list[Partnership]] | None = field(default=None)

    async def load(self) -> list[Partnership]:
        if self._loaded is None:
            self._loaded = asyncio.ensure_future(self.stores.active_partnerships(self.query))
        return await self._loaded


# --- who reads what -----------------------------------------------------------------------


def partnerships_of(principal: Principal) -> Document:
    """A partnerships query for those the caller's organisation takes part in (a coordinator
    of one of its organisations); matches nothing for anyone else."""
    if Role.COORDINATOR not in principal.roles or principal.org is None:
        return {"_id": {"$in": []}}
    org = principal.org
    # `$in` on the array field: the embedded server misses element equality there.
    return {"$or": [{"swedish_partner_id": org}, {"partner_ids": {"$in": [org]}}]}


def scoped_partnerships(principal: Principal, query: Document) -> Document:
    """A partnerships query narrowed to those whose figures the caller may see."""
    if reads_everything(principal):
        return query
    return {"$and": [query, partnerships_of(principal)]}


async def readable_applications(
    principal: Principal, stores: Repositories, query: Document
) -> Document:
    """An applications query narrowed to what the caller may read (coordinators: their own
    organisation's partnerships)."""
    if reads_everything(principal):
        return query
    own = await stores.partnership_ids(partnerships_of(principal))
    return {"$and": [query, {"partnership_id": {"$in": own}}]}


async def readable_application(info: PartnershipsInfo, application_id: str) -> Application | None:
    """The application, if it exists; FORBIDDEN when it is another partnership's."""
    principal = caller(info)
    found = await application_loader(info).load(application_id)
    if found is None:
        return None
    if not reads_everything(principal):
        partnership = await partnership_loader(info).load(found.partnership_id)
        if partnership is None or not may_read_applications_of(
            principal, partnership.organisation_ids
        ):
            raise Forbidden(
                "you may read only the applications of your organisation's partnerships"
            )
    return found
