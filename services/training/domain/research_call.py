"""Research calls: ICLD's yearly call for research on local democracy, with project grants
(researchers holding a doctorate) and fieldwork grants (doctoral students).

What a call offers, and the most it grants per application of each kind, is versioned
configuration, as finance's budget rules: each version is valid from a day, published ahead
of time and never retroactively; an application is held to the version in force on the day it
was submitted, whatever is published later (docs/domain.md, Research).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.money import BUDGET_CURRENCY, Money
from services.common.validation import clean_text
from services.common.vocabulary import Theme

from .facts import DomainChange, Fact


class ResearchKind(StrEnum):
    PROJECT = "project"
    """A research project led by a researcher who holds a doctorate."""
    FIELDWORK = "fieldwork"
    """Fieldwork of a doctoral student."""


class KindCap(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ResearchKind
    max_amount: Money
    """The most one application of this kind is granted, over its whole duration."""


class CapVersion(BaseModel):
    """The kinds a call offers and their caps, from `valid_from` on."""

    model_config = ConfigDict(frozen=True)

    valid_from: date
    caps: list[KindCap]

    def cap(self, kind: ResearchKind) -> Money | None:
        return next((c.max_amount for c in self.caps if c.kind is kind), None)


class ResearchCall(Audited):
    title: str
    themes: list[Theme]
    opens_on: date
    closes_on: date
    """The last day applications are taken; an extension moves it later."""
    total_budget: Money
    """What the call grants in all: the decision approves from the top of the ranking
    within it."""
    cap_versions: list[CapVersion]

    def caps_on(self, day: date) -> CapVersion:
        """The version in force on `day` (the first one before it began)."""
        valid = [v for v in self.cap_versions if v.valid_from <= day]
        return max(valid, key=lambda v: v.valid_from) if valid else self.cap_versions[0]

    def is_open(self, day: date) -> bool:
        return self.opens_on <= day <= self.closes_on


def _caps(caps: Sequence[KindCap]) -> list[KindCap]:
    if not caps:
        raise BadUserInput("a call offers at least one kind of grant", field="caps")
    kinds = [c.kind for c in caps]
    if len(set(kinds)) != len(kinds):
        raise BadUserInput("each kind has one cap", field="caps")
    for i, cap in enumerate(caps):
        if cap.max_amount.currency != BUDGET_CURRENCY or cap.max_amount.minor <= 0:
            raise BadUserInput(
                f"a cap is an amount in {BUDGET_CURRENCY} above zero",
                field=f"caps[{i}].maxAmount",
            )
    return sorted(caps, key=lambda c: c.kind.value)


def _themes(themes: Sequence[Theme]) -> list[Theme]:
    if not themes:
        raise BadUserInput("a call names at least one theme", field="themes")
    return sorted(set(themes), key=lambda t: t.value)


def open_call(
    call_id: str,
    *,
    title: str,
    themes: Sequence[Theme],
    opens_on: date,
    closes_on: date,
    total_budget: Money,
    caps: Sequence[KindCap],
    actor: str,
) -> ResearchCall:
    if closes_on < opens_on:
        raise BadUserInput("a call closes on or after the day it opens", field="closesOn")
    if total_budget.currency != BUDGET_CURRENCY or total_budget.minor <= 0:
        raise BadUserInput(
            f"the total budget is an amount in {BUDGET_CURRENCY} above zero", field="totalBudget"
        )
    call = ResearchCall(
        id=call_id,
        version=1,
        title=clean_text(title, "title"),
        themes=_themes(themes),
        opens_on=opens_on,
        closes_on=closes_on,
        total_budget=total_budget,
        cap_versions=[CapVersion(valid_from=opens_on, caps=_caps(caps))],
    )
    call.record(actor, "opened")
    return call


def extend(actor: str, closes_on: date, today: date) -> DomainChange[ResearchCall]:
    """Moves the closing day later; never earlier, which would shut out applicants who
    planned for the published day."""

    def apply(call: ResearchCall) -> Sequence[Fact]:
        if closes_on <= call.closes_on:
            raise BadUserInput(
                f"an extension moves the closing day past {call.closes_on.isoformat()}",
                field="closesOn",
            )
        if call.closes_on < today:
            raise BadUserInput("a call that has closed is not extended", field="closesOn")
        previous, call.closes_on = call.closes_on, closes_on
        call.record(actor, "extended", note=f"{previous.isoformat()} → {closes_on.isoformat()}")
        return ()

    return apply


def publish_caps(
    actor: str, valid_from: date, caps: Sequence[KindCap], today: date
) -> DomainChange[ResearchCall]:
    """A new version of the kinds and caps, from `valid_from` (today or later) on."""
    checked = _caps(caps)
    if valid_from < today:
        raise BadUserInput(
            "a new version applies from today or a later day, never retroactively",
            field="validFrom",
        )

    def apply(call: ResearchCall) -> Sequence[Fact]:
        latest = max(v.valid_from for v in call.cap_versions)
        if valid_from <= latest:
            raise BadUserInput(
                f"a new version is valid after the latest one ({latest.isoformat()})",
                field="validFrom",
            )
        call.cap_versions = [*call.cap_versions, CapVersion(valid_from=valid_from, caps=checked)]
        call.record(actor, "caps published", note=f"from {valid_from.isoformat()}")
        return ()

    return apply
