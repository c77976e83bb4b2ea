"""The expense commands without HTTP: recorded by the partnership's coordinators and staff,
drafted from completed visits, completed and withdrawn; what each queues and refuses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

from services.common.events.envelope import Event
from services.common.vocabulary import CostCategory
from services.contracts.finance import EXPENSE_RECORDED
from services.contracts.partnerships import VISIT_COMPLETED, VisitV1
from services.finance.commands.expenses import (
    Amounts,
    complete_expense,
    draft_completed_visit,
    record_expense,
    withdraw_expense,
)
from services.finance.domain.grant import ExpenseSource, ExpenseStatus
from services.finance.handlers import visit_record_of

from .builders import Partnership
from .desk import OFFICER, Desk, coordinator_of

SHILLINGS = Amounts(
    amount=Decimal("1234567.89"),
    currency="TZS",
    exchange_rate="0.0041",
    rate_date=date(2024, 3, 1),
    receipt_reference="KIB-2024-017",
    description="Flights Dar es Salaam – Visby",
)
"""1 234 567.89 TZS at 0.0041 SEK = 5 061.728349 → 5 061.73 SEK."""

IN_SEK = Amounts(
    amount=Decimal("4200.00"),
    currency="SEK",
    exchange_rate=None,
    rate_date=None,
    receipt_reference="R-1",
    description="",
)


def completed_visit(partnership: Partnership, visit_id: str = "visit-1") -> Event:
    data = VisitV1(
        id=visit_id,
        version=2,
        partnership_id=partnership.id,
        host_organisation_id=partnership.partner_ids[0],
        host_country="TZ",
        starts_on=date(2024, 5, 6),
        ends_on=date(2024, 5, 9),
        participant_ids=["person-a", "person-b"],
        purpose="Steering group meeting",
        status="completed",
    )
    return VISIT_COMPLETED.new(data.id, data)


async def test_a_coordinator_of_the_partnership_records_an_expense_in_local_currency(
    desk: Desk,
) -> None:
    partnership = await desk.partnership()
    grant = await desk.agreed(partnership)

    updated, expense = await record_expense(
        desk.repos,
        coordinator_of(partnership, 1),
        grant.id,
        date(2024, 3, 4),
        CostCategory.INTERNATIONAL_TRAVEL,
        SHILLINGS,
        ExpenseSource.MANUAL,
        None,
    )

    assert expense.status is ExpenseStatus.RECORDED
    assert (expense.year, expense.sek) == (1, updated.spent)
    assert updated.spent.amount == Decimal("5061.73")
    kind, data = (await desk.queued(grant.id))[-1]
    assert kind == EXPENSE_RECORDED.type
    assert (data["id"], data["currency"], data["amount_minor"], data["sek_minor"]) == (
        expense.id,
        "TZS",
        123456789,
        506173,
    )
    assert (data["exchange_rate"], data["rate_date"], data["source"]) == (
        "0.0041",
        "2024-03-01",
        "manual",
    )


async def test_a_coordinator_of_another_organisation_records_nothing(desk: Desk) -> None:
    partnership = await desk.partnership()
    grant = await desk.agreed(partnership)
    stranger = coordinator_of(await desk.partnership())

    recording = partial(
        record_expense,
        desk.repos,
        stranger,
        grant.id,
        date(2024, 3, 4),
        CostCategory.INTERNATIONAL_TRAVEL,
        SHILLINGS,
        ExpenseSource.MANUAL,
        None,
    )
    await desk.refused(recording, "FORBIDDEN")


async def test_no_expense_before_the_agreement(desk: Desk) -> None:
    grant = await desk.opened(await desk.partnership())

    recording = partial(
        record_expense,
        desk.repos,
        OFFICER,
        grant.id,
        date(2024, 3, 4),
        CostCategory.INTERNATIONAL_TRAVEL,
        SHILLINGS,
        ExpenseSource.MANUAL,
        None,
    )
    error = await desk.refused(recording, "BAD_USER_INPUT", "grantId")
    assert error.details == {"status": "pipeline"}


async def test_a_completed_visit_is_drafted_once_and_its_draft_completed_on_its_day(
    desk: Desk,
) -> None:
    partnership = await desk.partnership()
    grant = await desk.agreed(partnership)
    cause = completed_visit(partnership)
    visit = visit_record_of(VisitV1.model_validate(cause.data))

    await draft_completed_visit(desk.repos, cause, partnership.id, visit)
    await draft_completed_visit(desk.repos, cause, partnership.id, visit)

    drafted = await desk.repos.grants.require(grant.id)
    drafts = [e for e in drafted.expenses if e.status is ExpenseStatus.DRAFT]
    assert len(drafts) == 6
    assert len(await desk.queued(grant.id)) == 2
    draft = next(d for d in drafts if d.category is CostCategory.ACCOMMODATION)

    updated, expense = await complete_expense(
        desk.repos, coordinator_of(partnership), grant.id, draft.id, draft.version, None, IN_SEK
    )

    assert (expense.status, expense.incurred_on, expense.version) == (
        ExpenseStatus.RECORDED,
        date(2024, 5, 6),
        2,
    )
    assert updated.spent.amount == Decimal("4200.00")
    kind, data = (await desk.queued(grant.id))[-1]
    assert (kind, data["source"], data["source_ref"], data["exchange_rate"]) == (
        EXPENSE_RECORDED.type,
        "visit",
        "visit-1",
        "1",
    )


async def test_a_visit_no_grant_covers_waits_on_the_partnership(desk: Desk) -> None:
    partnership = await desk.partnership()
    grant = await desk.opened(partnership)
    cause = completed_visit(partnership)
    visit = visit_record_of(VisitV1.model_validate(cause.data))

    await draft_completed_visit(desk.repos, cause, partnership.id, visit)

    assert (await desk.repos.grants.require(grant.id)).expenses == []
    view = await desk.repos.partnerships.require(partnership.id)
    [waiting] = view.unfunded
    assert waiting.visit == visit
    assert waiting.reason.startswith("no grant in implementation with a travel line covered")


async def test_a_withdrawn_expense_is_kept_and_announces_nothing(desk: Desk) -> None:
    partnership = await desk.partnership()
    grant = await desk.agreed(partnership)
    _, expense = await record_expense(
        desk.repos,
        OFFICER,
        grant.id,
        date(2024, 3, 4),
        CostCategory.INTERNATIONAL_TRAVEL,
        SHILLINGS,
        ExpenseSource.MANUAL,
        None,
    )
    queued = await desk.queued(grant.id)

    updated, withdrawn = await withdraw_expense(
        desk.repos, coordinator_of(partnership), grant.id, expense.id, 1, "Booked twice"
    )

    assert (withdrawn.status, withdrawn.version) == (ExpenseStatus.WITHDRAWN, 2)
    assert updated.spent.amount == 0
    assert await desk.queued(grant.id) == queued
