"""Grant queries and the officers' mutations: agreement, budget revision, status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated

import strawberry

from services.common.auth import STAFF, Role
from services.common.countries import country_code
from services.common.errors import BadUserInput
from services.common.inputs import CheckedInput
from services.common.money import BUDGET_CURRENCY, MoneyInput, money
from services.common.mongo import Document
from services.common.pagination import Connection, paginate
from services.common.vocabulary import CostCategory

from ..domain.expenses import drafted_anywhere
from ..domain.grant import BudgetLine, Grant, GrantStatus
from ..domain.lifecycle import agree, change_status, revise
from ..domain.rules import ApplicationType, BudgetRules
from ..repositories import Repositories
from .context import (
    FinanceInfo,
    caller,
    grant_loader,
    reads_everything,
    repos,
    require_read,
)
from .types import GrantObject, check_year


@strawberry.input
class GrantFilter(CheckedInput):
    status: GrantStatus | None = None
    partnership_id: strawberry.ID | None = None
    year: int | None = strawberry.field(
        default=None, description="Grants whose period overlaps this calendar year"
    )
    country: str | None = strawberry.field(
        default=None, description="Any organisation's country (ISO 3166-1 alpha-2)"
    )
    type: ApplicationType | None = None


@strawberry.input
class GrantBudgetLineInput(CheckedInput):
    year: int = strawberry.field(description="Year of the grant: 1, 2 or 3")
    category: CostCategory
    amount: MoneyInput = strawberry.field(description="In SEK, exact to the öre")


@strawberry.input
class AgreeGrantInput(CheckedInput):
    id: strawberry.ID
    version: int
    starts_on: date = strawberry.field(
        description="First day of the period (within a year of the decision); the period"
        " runs the decided number of months"
    )


@strawberry.input
class ReviseGrantBudgetInput(CheckedInput):
    id: strawberry.ID
    version: int
    lines: list[GrantBudgetLineInput] = strawberry.field(description="Replaces every line")
    note: str = strawberry.field(description="Why the budget changes")


@strawberry.input
class ChangeGrantStatusInput(CheckedInput):
    id: strawberry.ID
    version: int
    status: GrantStatus
    note: str | None = strawberry.field(default=None, description="Required to suspend or cancel")


@strawberry.type
class GrantPayload:
    grant: GrantObject


def grant_query(where: GrantFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.status is not None:
        query["status"] = where.status.value
    if where.partnership_id is not None:
        query["partnership_id"] = str(where.partnership_id)
    if where.year is not None:
        year = check_year(where.year, "filter.year")
        query["starts_on"] = {"$lte": f"{year:04d}-12-31"}
        query["ends_on"] = {"$gte": f"{year:04d}-01-01"}
    if where.country is not None:
        # `$in` on the array field: the embedded server misses element equality there.
        query["countries"] = {"$in": [country_code(where.country, "filter.country")]}
    if where.type is not None:
        query["type"] = where.type.value
    return query


async def restrict(info: FinanceInfo, query: Document) -> Document:
    """A list query narrowed to what the caller may read (coordinators: own partnerships)."""
    principal = caller(info)
    if reads_everything(principal):
        return query
    own: list[str] = []
    if principal.org is not None and Role.COORDINATOR in principal.roles:
        own = await repos(info).partnerships_of_organisation(principal.org)
    return {"$and": [query, {"partnership_id": {"$in": own}}]}


def budget_lines(lines: Sequence[GrantBudgetLineInput], field: str) -> list[BudgetLine]:
    checked = []
    for i, line in enumerate(lines):
        where = f"{field}[{i}]"
        amount = money(line.amount.amount, line.amount.currency, f"{where}.amount")
        if amount.currency != BUDGET_CURRENCY:
            raise BadUserInput(
                f"budgets are in {BUDGET_CURRENCY}, not {amount.currency}",
                field=f"{where}.amount.currency",
            )
        if amount.minor <= 0:
            raise BadUserInput("a budget line is above zero", field=f"{where}.amount")
        checked.append(BudgetLine(year=line.year, category=line.category, amount=amount))
    return checked


async def rules_of(stores: Repositories, grant: Grant) -> BudgetRules | None:
    if grant.rules_valid_from is None:
        return None
    for version in await stores.rule_versions():
        if version.valid_from == grant.rules_valid_from:
            return version
    return None


async def load_grant(info: FinanceInfo, grant_id: str, field: str = "id") -> Grant:
    return await repos(info).grants.require(grant_id, field)


@strawberry.type
class GrantQueries:
    @strawberry.field
    async def grant(self, info: FinanceInfo, id: strawberry.ID) -> GrantObject | None:
        caller(info)
        found = await grant_loader(info).load(str(id))
        if found is None:
            return None
        await require_read(info, found)
        return GrantObject.of(found)

    @strawberry.field
    async def grants(
        self,
        info: FinanceInfo,
        first: int | None = 20,
        after: str | None = None,
        filter: Annotated[GrantFilter | None, strawberry.argument(name="filter")] = None,
    ) -> Connection[GrantObject]:
        store = repos(info).grants
        return await paginate(
            store.collection,
            await restrict(info, grant_query(filter)),
            sort=["sort_key"],
            first=first,
            after=after,
            to_node=lambda doc: GrantObject.of(store.load(doc)),
        )


async def _agree_grant(info: FinanceInfo, input: AgreeGrantInput) -> GrantPayload:
    principal = caller(info)
    principal.require(*STAFF)
    stores = repos(info)
    grant = await load_grant(info, str(input.id))
    view = await stores.partnerships.get(grant.partnership_id)
    others = [g for g in await stores.grants_of(grant.partnership_id) if g.id != grant.id]
    waiting = [] if view is None else [u.visit for u in view.unfunded]
    drafted = frozenset(v.visit_id for v in waiting if drafted_anywhere(others, v.visit_id))
    change = agree(principal.sub, input.starts_on, waiting, drafted)
    updated = await stores.grants.update(grant.id, change, input.version)
    return GrantPayload(grant=GrantObject.of(updated))


async def _revise_grant_budget(info: FinanceInfo, input: ReviseGrantBudgetInput) -> GrantPayload:
    principal = caller(info)
    principal.require(*STAFF)
    lines = budget_lines(input.lines, "lines")
    grant = await load_grant(info, str(input.id))
    change = revise(principal.sub, lines, input.note, await rules_of(repos(info), grant))
    updated = await repos(info).grants.update(grant.id, change, input.version)
    return GrantPayload(grant=GrantObject.of(updated))


async def _change_grant_status(info: FinanceInfo, input: ChangeGrantStatusInput) -> GrantPayload:
    principal = caller(info)
    principal.require(*STAFF)
    change = change_status(principal.sub, input.status, input.note)
    updated = await repos(info).grants.update(str(input.id), change, input.version)
    return GrantPayload(grant=GrantObject.of(updated))


@strawberry.type
class GrantMutations:
    agree_grant: GrantPayload = strawberry.mutation(
        resolver=_agree_grant,
        description="Signs the agreement: fixes the period, starts implementation",
    )

    revise_grant_budget: GrantPayload = strawberry.mutation(
        resolver=_revise_grant_budget, description="Adopts a revised budget (IATI BudgetType 2)"
    )

    change_grant_status: GrantPayload = strawberry.mutation(
        resolver=_change_grant_status,
        description="Suspends, resumes, finalises, closes or cancels a grant",
    )
