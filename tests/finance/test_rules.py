"""Budget rules: the caps table by type, region and kind (checked to the öre), the regions,
and new versions published ahead of time that govern grants decided from their date."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from services.common.auth import Role
from services.common.money import money
from services.common.vocabulary import CostCategory
from services.finance.domain.rules import (
    DEFAULT_RULES,
    ApplicationType,
    CapKind,
    LineLike,
    Region,
    budget_breaches,
    cap_kind_of,
    region_of,
)

from .builders import TODAY, World, at

PUBLISH = """
mutation($input: PublishBudgetRulesInput!) {
  publishBudgetRules(input: $input) { rules { validFrom eligibleCategories builtIn } }
}"""
RULES = "{ budgetRules { validFrom builtIn eligibleCategories caps { applicationType } } }"


def line(year: int, category: str, amount: str) -> LineLike:
    return LineLike(
        year=year, category=CostCategory(category), amount=money(Decimal(amount), "SEK")
    )


def breaches(
    lines: list[LineLike], grant_type: str, countries: tuple[str, ...], kind: str, years: int = 3
) -> list[str]:
    return [
        b.message
        for b in budget_breaches(
            lines,
            rules=DEFAULT_RULES,
            grant_type=ApplicationType(grant_type),
            region=region_of(countries),
            kind=cap_kind_of(kind),
            years=years,
            field="budget",
        )
    ]


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        (("SE", "TZ"), Region.AFRICA_ASIA),
        (("SE", "VN"), Region.AFRICA_ASIA),
        (("SE", "UA"), Region.EUROPE),
        (("SE", "XK"), Region.EUROPE),
        (("SE", "CO"), Region.LATIN_AMERICA),
        (("SE", "DE", "KE"), Region.AFRICA_ASIA),  # tripartite with an EU partner
        (("SE", "FI", "GT"), Region.LATIN_AMERICA),
        (("SE", "FI", "BA"), Region.EUROPE),
    ],
)
def test_a_partnership_region_is_its_first_partner_outside_europe(
    countries: tuple[str, ...], expected: Region
) -> None:
    assert region_of(countries) is expected


@pytest.mark.parametrize(
    ("grant_type", "countries", "kind", "cap", "per_year"),
    [
        ("inception", ("SE", "RS"), "bilateral", "220000", False),
        ("inception", ("SE", "RS", "DE"), "tripartite", "275000", False),
        ("inception", ("SE", "TZ"), "bilateral", "275000", False),
        ("inception", ("SE", "TZ", "DE"), "tripartite", "330000", False),
        ("inception", ("SE", "CO"), "bilateral", "275000", False),
        ("inception", ("SE", "CO", "GT", "DE"), "multilateral", "330000", False),
        ("project", ("SE", "UA"), "bilateral", "450000", True),
        ("project", ("SE", "UA", "PL"), "tripartite", "600000", True),
        ("project", ("SE", "KE"), "bilateral", "500000", True),
        ("project", ("SE", "KE", "DK"), "tripartite", "650000", True),
        ("project", ("SE", "GT"), "bilateral", "500000", True),
        ("steering_group", ("SE", "RS"), "bilateral", "300000", True),
        ("steering_group", ("SE", "ZA"), "bilateral", "300000", True),
        ("steering_group", ("SE", "ZA", "NL"), "tripartite", "400000", True),
    ],
)
def test_every_cap_holds_to_the_ore(
    grant_type: str, countries: tuple[str, ...], kind: str, cap: str, per_year: bool
) -> None:
    """At the cap: fine; one öre above: refused. A total cap adds up every year, a yearly
    cap each year on its own."""
    half = Decimal(cap) / 2
    at_cap = [line(1, "international_travel", str(half)), line(2, "meals", str(half))]
    over = [*at_cap, line(2, "visa", "0.01")]
    if per_year:
        at_cap = [line(1, "international_travel", cap), line(2, "meals", cap)]
        over = [*at_cap, line(2, "visa", "0.01")]
    assert breaches(at_cap, grant_type, countries, kind) == []
    [message] = breaches(over, grant_type, countries, kind)
    where = "in year 2" if per_year else "in total"
    assert message.startswith(f"the budget {where} is {Decimal(cap) + Decimal('0.01')} SEK")
    assert f"above the cap of {Decimal(cap):.2f} SEK for a {grant_type} grant" in message


@pytest.mark.parametrize(
    ("kind", "work_input"), [("bilateral", "150000"), ("tripartite", "200000")]
)
def test_a_steering_group_spends_a_limited_part_on_working_hours(
    kind: str, work_input: str
) -> None:
    countries = ("SE", "TZ") if kind == "bilateral" else ("SE", "TZ", "DE")
    fine = [line(1, "working_hours", work_input), line(1, "meals", "1000")]
    assert breaches(fine, "steering_group", countries, kind) == []
    over = [line(1, "working_hours", str(Decimal(work_input) + Decimal("0.01")))]
    [message] = breaches(over, "steering_group", countries, kind)
    assert message.startswith("working hours in year 1 are")
    assert f"above the {Decimal(work_input):.2f} SEK allowed for work input" in message


def test_lines_beyond_the_grant_years_are_a_breach() -> None:
    [message] = breaches([line(2, "meals", "10")], "project", ("SE", "TZ"), "bilateral", years=1)
    assert message == "the grant runs 1 year(s): no line for year 2"


# --- versions through the API -------------------------------------------------------------


def cap_inputs(amount: str = "100000") -> list[dict[str, Any]]:
    return [
        {
            "applicationType": t.name,
            "region": r.name,
            "partnershipKind": k.name,
            "period": "TOTAL" if t is ApplicationType.INCEPTION else "PER_YEAR",
            "amount": {"amount": amount, "currency": "SEK"},
            "workingHours": "50000" if t is ApplicationType.STEERING_GROUP else None,
        }
        for t in ApplicationType
        for r in Region
        for k in CapKind
    ]


def publish_input(**overrides: Any) -> dict[str, Any]:
    return {
        "input": {
            "validFrom": (TODAY + timedelta(days=1)).isoformat(),
            "eligibleCategories": [c.name for c in CostCategory if c is not CostCategory.VISA],
            "caps": cap_inputs(),
            "note": "Stricter rules",
            **overrides,
        }
    }


async def test_a_new_version_of_the_rules_governs_grants_decided_from_its_date(
    world: World,
) -> None:
    refused = [
        (publish_input(validFrom=TODAY.isoformat()), "BAD_USER_INPUT", "validFrom"),
        (publish_input(caps=cap_inputs()[1:]), "BAD_USER_INPUT", "caps"),
        (publish_input(caps=[*cap_inputs(), cap_inputs()[0]]), "BAD_USER_INPUT", "caps[18]"),
        (publish_input(caps=cap_inputs("-1")), "BAD_USER_INPUT", "caps[0].amount"),
        (publish_input(eligibleCategories=[]), "BAD_USER_INPUT", "eligibleCategories"),
    ]
    for variables, code, field in refused:
        await world.assert_refused(PUBLISH, variables, code, field)
    await world.assert_refused(
        PUBLISH, publish_input(), "FORBIDDEN", role=Role.COORDINATOR, org="x"
    )
    published = (await world.data(PUBLISH, publish_input()))["publishBudgetRules"]["rules"]
    assert (published["validFrom"], published["builtIn"]) == ("2025-06-17", False)
    assert "VISA" not in published["eligibleCategories"]
    await world.assert_refused(PUBLISH, publish_input(), "CONFLICT", "validFrom")
    versions = (await world.data(RULES))["budgetRules"]
    assert [(v["validFrom"], v["builtIn"], len(v["caps"])) for v in versions] == [
        ("2008-01-01", True, 18),
        ("2025-06-17", False, 18),
    ]

    partnership = await world.partnership()
    budget = ((1, "visa", "1000.00"), (1, "meals", "100000.01"))
    before = await world.opened_grant(partnership, lines=budget, duration_months=12)
    assert (before["rulesValidFrom"], before["budgetBreaches"]) == ("2008-01-01", [])
    decision = world.decision(partnership, lines=budget, duration_months=12)
    after_day = date(2025, 6, 17)
    await world.publish(at(after_day, decision))
    after = await world.grant_of(decision.subject)
    assert after["rulesValidFrom"] == "2025-06-17"
    assert after["budgetBreaches"] == [
        "visa is not an eligible cost under the rules valid from 2025-06-17",
        "the budget in year 1 is 101000.01 SEK, above the cap of 100000.00 SEK for a project"
        " grant (africa_asia, two_partners)",
    ]
