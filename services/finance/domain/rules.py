"""Budget rules as versioned configuration: eligible cost categories and caps.

ICLD's rules change (guidelines of 2008, 2020, revised 2023: docs/domain.md), so the eligible
categories and the caps live in versions, each valid from a date. A grant is held to the
version in force on the day its application was decided, for its whole life: its original
budget and every revision. A new version applies to grants decided from its date on; it is
published ahead of time (valid from a future day), never retroactively.

Caps (SEK, older budget guidelines: docs/domain.md, Finance) are per application type, region and
partnership kind:

- inception: a total for the whole grant; project and steering group: per year of the grant;
- steering group: of the yearly amount, a part at most for working hours ("work input");
- region: Europe or Africa/Asia in the guidelines. **Latin America** (Colombia, Guatemala)
  is a region of its own in the configuration, with the Africa/Asia figures by default:
  the guidelines predate the Latin American partnerships, and the cost of long-haul travel
  and stays there is that of Africa and Asia, not of Europe. A partnership's region is that
  of its first partner abroad outside Europe (a tripartite partnership often has an EU
  partner besides the partner in Africa, Asia or Latin America); Europe when all are;
- kind: two partners, or tripartite; a multi-party partnership (three or more partners
  abroad) is held to the tripartite figures, as the steering-group guide does ("tri/multi").
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from services.common.audit import Audited
from services.common.errors import BadUserInput, Conflict
from services.common.money import BUDGET_CURRENCY, Money, money
from services.common.validation import clean_text
from services.common.vocabulary import CostCategory

SWEDEN = "SE"

EUROPE: frozenset[str] = frozenset(
    # EU and EEA members, the United Kingdom and Switzerland, and the microstates; the
    # Western Balkans (Kosovo: XK); Eastern Europe and the South Caucasus (ICLD's Europe
    # programme had GE and MD); Turkey (listed with Europe in ICLD's older country lists).
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
        "IS", "LI", "NO", "GB", "CH", "AD", "MC", "SM", "VA",
        "AL", "BA", "XK", "ME", "MK", "RS",
        "UA", "MD", "BY", "RU", "GE", "AM", "AZ", "TR",
    ]
)  # fmt: skip
LATIN_AMERICA: frozenset[str] = frozenset(
    # Mexico, Central America, the Caribbean and South America.
    [
        "MX", "GT", "BZ", "SV", "HN", "NI", "CR", "PA",
        "CU", "DO", "HT", "JM", "TT", "BB", "BS", "AG", "DM", "GD", "KN", "LC", "VC",
        "CO", "VE", "EC", "PE", "BO", "BR", "PY", "UY", "AR", "CL", "GY", "SR",
    ]
)  # fmt: skip


class Region(StrEnum):
    EUROPE = "europe"
    AFRICA_ASIA = "africa_asia"
    """Africa, Asia and, by default, everywhere else outside Europe and Latin America."""
    LATIN_AMERICA = "latin_america"


class ApplicationType(StrEnum):
    """The application type the grant was decided on (docs/domain.md, Calls and applications)."""

    INCEPTION = "inception"
    PROJECT = "project"
    STEERING_GROUP = "steering_group"


class CapKind(StrEnum):
    TWO_PARTNERS = "two_partners"
    TRIPARTITE = "tripartite"
    """Tripartite and multi-party partnerships."""


class CapPeriod(StrEnum):
    TOTAL = "total"
    """For the whole grant."""
    PER_YEAR = "per_year"
    """For each year of the grant."""


def region_of(countries: Sequence[str]) -> Region:
    """The region of a partnership, from the countries of its organisations."""
    for country in countries:
        if country == SWEDEN or country in EUROPE:
            continue
        return Region.LATIN_AMERICA if country in LATIN_AMERICA else Region.AFRICA_ASIA
    return Region.EUROPE


def cap_kind_of(partnership_kind: str) -> CapKind:
    """`bilateral` is two partners; tripartite and multilateral take the tripartite caps."""
    return CapKind.TWO_PARTNERS if partnership_kind == "bilateral" else CapKind.TRIPARTITE


class Cap(BaseModel):
    model_config = ConfigDict(frozen=True)

    grant_type: ApplicationType
    region: Region
    kind: CapKind
    period: CapPeriod
    amount: Money
    working_hours: Money | None = None
    """At most this much of `amount` for working hours, in the same period."""


class BudgetRules(Audited):
    """One version of the rules; its id is its `valid_from` day (ISO 8601)."""

    valid_from: date
    eligible_categories: list[CostCategory]
    caps: list[Cap]
    note: str = ""

    def cap(self, grant_type: ApplicationType, region: Region, kind: CapKind) -> Cap | None:
        for cap in self.caps:
            if (cap.grant_type, cap.region, cap.kind) == (grant_type, region, kind):
                return cap
        return None


def _sek(amount: str) -> Money:
    return money(Decimal(amount), BUDGET_CURRENCY)


def _default_caps() -> list[Cap]:
    far = (Region.AFRICA_ASIA, Region.LATIN_AMERICA)
    two, tri = CapKind.TWO_PARTNERS, CapKind.TRIPARTITE
    figures: dict[tuple[ApplicationType, CapPeriod], dict[Region, tuple[str, str]]] = {
        (ApplicationType.INCEPTION, CapPeriod.TOTAL): {
            Region.EUROPE: ("220000", "275000"),
            **{r: ("275000", "330000") for r in far},
        },
        (ApplicationType.PROJECT, CapPeriod.PER_YEAR): {
            Region.EUROPE: ("450000", "600000"),
            **{r: ("500000", "650000") for r in far},
        },
        (ApplicationType.STEERING_GROUP, CapPeriod.PER_YEAR): {
            r: ("300000", "400000") for r in Region
        },
    }
    work_input = {two: _sek("150000"), tri: _sek("200000")}
    caps = []
    for (grant_type, period), by_region in figures.items():
        for region, (for_two, for_tri) in by_region.items():
            for kind, amount in ((two, for_two), (tri, for_tri)):
                caps.append(
                    Cap(
                        grant_type=grant_type,
                        region=region,
                        kind=kind,
                        period=period,
                        amount=_sek(amount),
                        working_hours=(
                            work_input[kind]
                            if grant_type is ApplicationType.STEERING_GROUP
                            else None
                        ),
                    )
                )
    return caps


DEFAULT_RULES = BudgetRules(
    id="2008-01-01",
    version=1,
    valid_from=date(2008, 1, 1),
    eligible_categories=list(CostCategory),
    caps=_default_caps(),
    note="ICLD budget guidelines for municipal partnerships (Budgetriktlinjer); Latin"
    " America with the Africa/Asia figures",
)
"""Built in, never stored: the rules every grant decided since 2008 is held to until a
newer version is published."""


def rules_in_force(versions: Sequence[BudgetRules], on: date) -> BudgetRules | None:
    """The version valid on `on`: the latest whose `valid_from` is not after it."""
    valid = [v for v in versions if v.valid_from <= on]
    return max(valid, key=lambda v: v.valid_from) if valid else None


def all_versions(stored: Sequence[BudgetRules]) -> list[BudgetRules]:
    return sorted([DEFAULT_RULES, *stored], key=lambda v: v.valid_from)


# --- publishing a new version -------------------------------------------------------------


@dataclass(frozen=True)
class CapEntry:
    """A cap as entered; `field` names it in errors."""

    grant_type: ApplicationType
    region: Region
    kind: CapKind
    period: CapPeriod
    amount: Decimal
    currency: str
    working_hours: Decimal | None
    field: str


def _cap(entry: CapEntry) -> Cap:
    amount = money(entry.amount, entry.currency, f"{entry.field}.amount")
    if amount.currency != BUDGET_CURRENCY or amount.minor <= 0:
        raise BadUserInput(
            f"a cap is an amount above zero in {BUDGET_CURRENCY}", field=f"{entry.field}.amount"
        )
    hours = None
    if entry.working_hours is not None:
        hours = money(entry.working_hours, BUDGET_CURRENCY, f"{entry.field}.workingHours")
        if not 0 < hours.minor <= amount.minor:
            raise BadUserInput(
                "the working-hours part is above zero and at most the cap",
                field=f"{entry.field}.workingHours",
            )
    return Cap(
        grant_type=entry.grant_type,
        region=entry.region,
        kind=entry.kind,
        period=entry.period,
        amount=amount,
        working_hours=hours,
    )


def new_version(
    *,
    valid_from: date,
    eligible_categories: Sequence[CostCategory],
    caps: Sequence[CapEntry],
    note: str,
    existing: Sequence[BudgetRules],
    today: date,
    actor: str,
) -> BudgetRules:
    """A complete new version: every type, region and kind capped once; valid from a
    future day (rules never change for grants already decided)."""
    if valid_from <= today:
        raise BadUserInput(
            f"a new version of the rules is valid from a day after today ({today.isoformat()})",
            field="validFrom",
        )
    if any(v.valid_from == valid_from for v in existing):
        raise Conflict(
            f"a version valid from {valid_from.isoformat()} exists already", field="validFrom"
        )
    if not eligible_categories:
        raise BadUserInput("at least one cost category is eligible", field="eligibleCategories")
    checked = [_cap(entry) for entry in caps]
    seen: dict[tuple[ApplicationType, Region, CapKind], str] = {}
    for entry in caps:
        key = (entry.grant_type, entry.region, entry.kind)
        if key in seen:
            raise BadUserInput(
                f"{entry.grant_type.value}, {entry.region.value}, {entry.kind.value} is capped"
                f" twice (also {seen[key]})",
                field=entry.field,
            )
        seen[key] = entry.field
    missing = [
        f"{t.value}/{r.value}/{k.value}"
        for t in ApplicationType
        for r in Region
        for k in CapKind
        if (t, r, k) not in seen
    ]
    if missing:
        raise BadUserInput(
            "every application type, region and partnership kind needs a cap; missing: "
            + ", ".join(missing),
            field="caps",
        )
    rules = BudgetRules(
        id=valid_from.isoformat(),
        version=1,
        valid_from=valid_from,
        eligible_categories=list(dict.fromkeys(eligible_categories)),
        caps=checked,
        note=clean_text(note, "note", max_length=1000, required=False),
    )
    rules.record(actor, "published", note=f"valid from {valid_from.isoformat()}")
    return rules


# --- checking a budget --------------------------------------------------------------------


@dataclass(frozen=True)
class Breach:
    """A budget rule broken: the message names the rule, `field` the offending input."""

    message: str
    field: str
    details: Mapping[str, object] = dataclasses.field(default_factory=dict)

    def error(self) -> BadUserInput:
        return BadUserInput(self.message, field=self.field, **self.details)


class LineLike(BaseModel):
    """What the checks need of a budget line."""

    model_config = ConfigDict(frozen=True)

    year: int
    category: CostCategory
    amount: Money


def _sum(amounts: Sequence[Money]) -> Money:
    total = Money(minor=0, currency=BUDGET_CURRENCY)
    for amount in amounts:
        total = total + amount
    return total


def budget_breaches(
    lines: Sequence[LineLike],
    *,
    rules: BudgetRules | None,
    grant_type: ApplicationType,
    region: Region,
    kind: CapKind,
    years: int,
    field: str,
) -> list[Breach]:
    """Every rule the budget breaks, in input order, then caps by year (empty: it is fine)."""
    if rules is None:
        return [Breach("no budget rules were in force on the day of the decision", field)]
    found: list[Breach] = []
    eligible = set(rules.eligible_categories)
    for i, line in enumerate(lines):
        if not 1 <= line.year <= years:
            found.append(
                Breach(f"the grant runs {years} year(s): no line for year {line.year}",
                       f"{field}[{i}].year")
            )  # fmt: skip
        if line.category not in eligible:
            found.append(
                Breach(
                    f"{line.category.value} is not an eligible cost under the rules valid from"
                    f" {rules.valid_from.isoformat()}",
                    f"{field}[{i}].category",
                )
            )
    cap = rules.cap(grant_type, region, kind)
    if cap is None:
        found.append(Breach(f"no cap for {grant_type.value}, {region.value}, {kind.value}", field))
        return found
    groups: dict[int | None, list[LineLike]] = defaultdict(list)
    for line in lines:
        groups[None if cap.period is CapPeriod.TOTAL else line.year].append(line)
    for year, group in sorted(groups.items(), key=lambda kv: kv[0] or 0):
        where = "in total" if year is None else f"in year {year}"
        total = _sum([line.amount for line in group])
        details: dict[str, object] = {"cap": str(cap.amount.amount), "total": str(total.amount)}
        if year is not None:
            details["year"] = year
        if total.minor > cap.amount.minor:
            found.append(
                Breach(
                    f"the budget {where} is {total.amount} SEK, above the cap of"
                    f" {cap.amount.amount} SEK for a {grant_type.value} grant"
                    f" ({region.value}, {kind.value})",
                    field,
                    details,
                )
            )
        if cap.working_hours is not None:
            hours = _sum([x.amount for x in group if x.category is CostCategory.WORKING_HOURS])
            if hours.minor > cap.working_hours.minor:
                found.append(
                    Breach(
                        f"working hours {where} are {hours.amount} SEK, above the"
                        f" {cap.working_hours.amount} SEK allowed for work input",
                        field,
                        {**details, "cap": str(cap.working_hours.amount),
                         "total": str(hours.amount)},
                    )
                )  # fmt: skip
    return found
