"""The budget-rule commands without HTTP: a new version of the rules is published ahead of
time, by officers only."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from services.finance.commands.rules import publish_budget_rules
from services.finance.domain.rules import DEFAULT_RULES, CapEntry

from .builders import TODAY
from .desk import OFFICER, Desk, coordinator_of

CAPS = [
    CapEntry(
        grant_type=cap.grant_type,
        region=cap.region,
        kind=cap.kind,
        period=cap.period,
        amount=cap.amount.amount,
        currency=cap.amount.currency,
        working_hours=None if cap.working_hours is None else cap.working_hours.amount,
        field=f"caps[{i}]",
    )
    for i, cap in enumerate(DEFAULT_RULES.caps)
]
"""The built-in caps, as an officer would enter them again."""


async def test_officers_publish_a_version_for_grants_decided_later(desk: Desk) -> None:
    valid_from = TODAY + timedelta(days=30)

    published = await publish_budget_rules(
        desk.repos, OFFICER, valid_from, DEFAULT_RULES.eligible_categories, CAPS, "2026 caps"
    )

    assert (published.id, published.version, published.note) == (
        valid_from.isoformat(),
        1,
        "2026 caps",
    )
    assert [v.valid_from for v in await desk.repos.rule_versions()] == [
        DEFAULT_RULES.valid_from,
        valid_from,
    ]


async def test_rules_never_change_for_grants_decided_already(desk: Desk) -> None:
    publishing = partial(
        publish_budget_rules,
        desk.repos,
        OFFICER,
        TODAY,
        DEFAULT_RULES.eligible_categories,
        CAPS,
        "",
    )
    await desk.refused(publishing, "BAD_USER_INPUT", "validFrom")


async def test_coordinators_publish_no_rules(desk: Desk) -> None:
    publishing = partial(
        publish_budget_rules,
        desk.repos,
        coordinator_of(await desk.partnership()),
        TODAY + timedelta(days=30),
        DEFAULT_RULES.eligible_categories,
        CAPS,
        "",
    )
    await desk.refused(publishing, "FORBIDDEN")
