"""Grant queries and the officers' mutations: agreement, budget revision, status
(use cases in commands.grants)."""

from __future__ import annotations

from dataclasses import replace

import strawberry

from services.common.countries import country_code
from services.common.pagination import Connection, paginate
from services.common.query_fields import page_field

from ..commands import grants as commands
from ..domain.lifecycle import ProposedLine
from ..repositories import GrantQuery
from .context import (
    FinanceInfo,
    any_grant_loader,
    caller,
    readable_partnerships,
    readable_university,
    repos,
    require_read,
)
from .inputs import (
    AgreeGrantInput,
    ChangeGrantStatusInput,
    GrantFilter,
    ReviseGrantBudgetInput,
)
from .types import GrantObject, GrantPayload, check_year


def grant_query(where: GrantFilter | None) -> GrantQuery:
    if where is None:
        return GrantQuery()
    return GrantQuery(
        status=where.status,
        partnership_id=None if where.partnership_id is None else str(where.partnership_id),
        year=None if where.year is None else check_year(where.year, "filter.year"),
        country=None if where.country is None else country_code(where.country, "filter.country"),
        type=where.type,
        kind=where.kind,
    )


async def _grant(info: FinanceInfo, id: strawberry.ID) -> GrantObject | None:
    caller(info)
    found = await any_grant_loader(info).load(str(id))
    if found is None:
        return None
    await require_read(info, found)
    return GrantObject.of_any(found)


async def _grants(
    info: FinanceInfo, where: GrantFilter | None, first: int | None, after: str | None
) -> Connection[GrantObject]:
    stores = repos(info)
    query = replace(
        grant_query(where),
        readable=await readable_partnerships(info),
        readable_university=readable_university(info),
    )
    return await paginate(
        stores.grants.collection,
        query.filter(),
        sort=["sort_key"],
        first=first,
        after=after,
        to_node=lambda doc: GrantObject.of_any(stores.load_any_grant(doc)),
    )


@strawberry.type
class GrantQueries:
    grant: GrantObject | None = strawberry.field(resolver=_grant)
    grants: Connection[GrantObject] = page_field(GrantFilter, _grants)


async def _agree_grant(info: FinanceInfo, input: AgreeGrantInput) -> GrantPayload:
    grant = await commands.agree_grant(
        repos(info), caller(info), str(input.id), input.version, input.starts_on
    )
    return GrantPayload(grant=GrantObject.of(grant))


async def _revise_grant_budget(info: FinanceInfo, input: ReviseGrantBudgetInput) -> GrantPayload:
    lines = [
        ProposedLine(
            year=line.year,
            category=line.category,
            amount=line.amount.amount,
            currency=line.amount.currency,
        )
        for line in input.lines
    ]
    grant = await commands.revise_grant_budget(
        repos(info), caller(info), str(input.id), input.version, lines, input.note
    )
    return GrantPayload(grant=GrantObject.of(grant))


async def _change_grant_status(info: FinanceInfo, input: ChangeGrantStatusInput) -> GrantPayload:
    grant = await commands.change_grant_status(
        repos(info), caller(info), str(input.id), input.version, input.status, input.note
    )
    return GrantPayload(grant=GrantObject.of(grant))


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
