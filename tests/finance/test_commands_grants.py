"""The grant commands without HTTP: what each stores and queues, and what it refuses without
writing anything (against the real MongoDB-wire server)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from services.contracts.finance import (
    GRANT_CLOSED,
    GRANT_OPENED,
    GRANT_REVISED,
    GRANT_STATUS_CHANGED,
)
from services.contracts.partnerships import PARTNERSHIP_CLOSED, VISIT_COMPLETED, VisitV1
from services.finance.commands.grants import (
    agree_grant,
    change_grant_status,
    open_grant,
    revise_grant_budget,
)
from services.finance.domain.grant import ExpenseStatus, GrantStatus, grant_id_for
from services.finance.domain.lifecycle import ProposedLine
from services.finance.handlers import decision_of

from .builders import DECIDED_ON, PROJECT_BUDGET
from .desk import OFFICER, VIEWER, Desk, coordinator_of, decision_data


async def test_an_approval_opens_its_grant_once_and_queues_its_snapshot(desk: Desk) -> None:
    partnership = await desk.partnership()
    decided = desk.decision(partnership)
    decision = decision_of(decision_data(decided))

    await open_grant(desk.repos, decided, decision)
    await open_grant(desk.repos, decided, decision)

    grant = await desk.repos.grants.require(grant_id_for(decided.subject))
    assert (grant.status, grant.version, grant.decided_on) == (
        GrantStatus.PIPELINE,
        1,
        DECIDED_ON,
    )
    [(kind, data)] = await desk.queued(grant.id)
    assert kind == GRANT_OPENED.type
    assert data["status"] == "pipeline"
    assert data["approved_minor"] == 46_000_000
    assert len(data["budget"]) == len(PROJECT_BUDGET)


async def test_a_rejection_opens_no_grant(desk: Desk) -> None:
    partnership = await desk.partnership()
    decided = desk.decision(partnership, outcome="rejected")

    await open_grant(desk.repos, decided, decision_of(decision_data(decided)))

    assert await desk.repos.grants.get(grant_id_for(decided.subject)) is None


async def test_a_grant_of_a_closed_partnership_is_announced_opened_then_finalised(
    desk: Desk,
) -> None:
    partnership = await desk.partnership()
    partnership.version, partnership.status = 2, "closed"
    await desk.handle(PARTNERSHIP_CLOSED.new(partnership.id, partnership.snapshot()))

    grant = await desk.opened(partnership)

    assert (grant.status, grant.version) == (GrantStatus.FINALISATION, 1)
    [(opened, snapshot), (moved, change)] = await desk.queued(grant.id)
    assert (opened, snapshot["status"]) == (GRANT_OPENED.type, "pipeline")
    assert moved == GRANT_STATUS_CHANGED.type
    assert (change["from_status"], change["to_status"], change["note"]) == (
        "pipeline",
        "finalisation",
        "partnership closed",
    )


async def test_closing_a_grant_with_nothing_open_queues_the_change_and_its_snapshot(
    desk: Desk,
) -> None:
    partnership = await desk.partnership()
    partnership.version, partnership.status = 2, "closed"
    await desk.handle(PARTNERSHIP_CLOSED.new(partnership.id, partnership.snapshot()))
    grant = await desk.opened(partnership)

    closed = await change_grant_status(
        desk.repos, OFFICER, grant.id, grant.version, GrantStatus.CLOSED, None
    )

    assert (closed.status, closed.version) == (GrantStatus.CLOSED, 2)
    [(moved, change), (kind, snapshot)] = (await desk.queued(grant.id))[-2:]
    assert (moved, change["to_status"], change["iati_activity_status"]) == (
        GRANT_STATUS_CHANGED.type,
        "closed",
        4,
    )
    assert (kind, snapshot["status"], snapshot["version"]) == (GRANT_CLOSED.type, "closed", 2)


async def test_only_staff_agree_a_grant(desk: Desk) -> None:
    partnership = await desk.partnership()
    grant = await desk.opened(partnership)

    for principal in (coordinator_of(partnership), VIEWER):
        agreeing = partial(agree_grant, desk.repos, principal, grant.id, grant.version, DECIDED_ON)
        await desk.refused(agreeing, "FORBIDDEN")


async def test_an_agreement_starts_within_a_year_of_the_decision(desk: Desk) -> None:
    grant = await desk.opened(await desk.partnership())
    late = DECIDED_ON + timedelta(days=400)

    await desk.refused(
        lambda: agree_grant(desk.repos, OFFICER, grant.id, grant.version, late),
        "BAD_USER_INPUT",
        "startsOn",
    )


async def test_agreeing_drafts_the_visits_that_waited_for_a_grant(desk: Desk) -> None:
    partnership = await desk.partnership()
    grant = await desk.opened(partnership)
    visit = VisitV1(
        id="visit-1",
        version=2,
        partnership_id=partnership.id,
        host_organisation_id=partnership.partner_ids[0],
        host_country="TZ",
        starts_on=date(2024, 5, 6),
        ends_on=date(2024, 5, 9),
        participant_ids=["person-a"],
        purpose="Steering group meeting",
        status="completed",
    )
    await desk.handle(VISIT_COMPLETED.new(visit.id, visit))
    view = await desk.repos.partnerships.require(partnership.id)
    assert [u.visit.visit_id for u in view.unfunded] == ["visit-1"]

    agreed = await agree_grant(desk.repos, OFFICER, grant.id, grant.version, DECIDED_ON)

    assert agreed.status is GrantStatus.IMPLEMENTATION
    drafts = [e for e in agreed.expenses if e.source_ref == "visit-1"]
    assert {e.status for e in drafts} == {ExpenseStatus.DRAFT}
    assert len(drafts) == 3
    [(kind, change)] = (await desk.queued(grant.id))[1:]
    assert (kind, change["from_status"], change["to_status"]) == (
        GRANT_STATUS_CHANGED.type,
        "pipeline",
        "implementation",
    )


async def test_a_revision_adopts_a_new_budget_and_queues_its_snapshot(desk: Desk) -> None:
    grant = await desk.agreed(await desk.partnership())
    lines = [
        ProposedLine(year=1, category=line.category, amount=line.amount.amount, currency="SEK")
        for line in grant.budget.lines
        if line.year == 1
    ]

    revised = await revise_grant_budget(
        desk.repos, OFFICER, grant.id, grant.version, lines, "Year 2 dropped"
    )

    assert revised.budget.number == 2
    assert revised.approved.amount == Decimal("330000.00")
    kind, snapshot = (await desk.queued(grant.id))[-1]
    assert (kind, snapshot["budget_number"], snapshot["iati_budget_type"]) == (
        GRANT_REVISED.type,
        2,
        2,
    )
    assert snapshot["approved_minor"] == 33_000_000


async def test_a_revision_in_another_currency_is_refused_naming_the_line(desk: Desk) -> None:
    grant = await desk.agreed(await desk.partnership())
    line = grant.budget.lines[0]
    euros = [ProposedLine(year=1, category=line.category, amount=Decimal(1000), currency="EUR")]

    await desk.refused(
        lambda: revise_grant_budget(desk.repos, OFFICER, grant.id, grant.version, euros, "x"),
        "BAD_USER_INPUT",
        "lines[0].amount.currency",
    )


async def test_a_stale_version_is_a_conflict(desk: Desk) -> None:
    grant = await desk.agreed(await desk.partnership())

    await desk.refused(
        lambda: change_grant_status(
            desk.repos, OFFICER, grant.id, grant.version - 1, GrantStatus.SUSPENDED, "Audit"
        ),
        "CONFLICT",
        "version",
    )
