"""GraphQL value types of research: calls, budgets, scores, rankings, decisions and outputs,
none of which refers to a person (the applications and reviews, which do, are in types.py and
build on these).

Outputs are published work: every signed-in caller sees them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from services.common.money import MoneyType
from services.common.output_types import from_attributes, load_shown
from services.common.vocabulary import CostCategory, Theme

from ..domain.research_application import (
    BudgetLine,
    Decision,
    Degree,
    EthicalApproval,
    Outcome,
    Ranking,
    ResearchStatus,
    Scores,
)
from ..domain.research_call import CapVersion, KindCap, ResearchCall, ResearchKind
from ..domain.research_output import OutputKind, ResearchOutput
from .context import TrainingInfo, today
from .research_context import research_output_loader

strawberry.enum(ResearchKind)
strawberry.enum(ResearchStatus)
strawberry.enum(Degree, name="ResearchDegree")
strawberry.enum(EthicalApproval)
strawberry.enum(Outcome, name="ResearchOutcome")
strawberry.enum(OutputKind, name="ResearchOutputKind")


@strawberry.type
class ResearchCap:
    kind: ResearchKind
    max_amount: MoneyType = strawberry.field(description="The most one application is granted")

    @classmethod
    def of(cls, cap: KindCap) -> ResearchCap:
        return from_attributes(cls, cap, max_amount=MoneyType.of(cap.max_amount))


@strawberry.type
class ResearchCapVersion:
    valid_from: date
    caps: list[ResearchCap]

    @classmethod
    def of(cls, version: CapVersion) -> ResearchCapVersion:
        return from_attributes(cls, version, caps=[ResearchCap.of(c) for c in version.caps])


@strawberry.type(name="ResearchCall", description="A call for research on local democracy")
class ResearchCallType:
    id: strawberry.ID
    title: str
    themes: list[Theme]
    opens_on: date
    closes_on: date
    total_budget: MoneyType
    cap_versions: list[ResearchCapVersion] = strawberry.field(
        description="The kinds offered and their caps, each from a day on"
    )
    version: int

    @strawberry.field
    def open(self) -> bool:
        """Whether it takes applications today."""
        return self.opens_on <= today() <= self.closes_on

    @classmethod
    def of(cls, call: ResearchCall) -> ResearchCallType:
        return from_attributes(
            cls,
            call,
            total_budget=MoneyType.of(call.total_budget),
            cap_versions=[ResearchCapVersion.of(v) for v in call.cap_versions],
        )


@strawberry.type
class ResearchBudgetLine:
    year: int
    category: CostCategory
    amount: MoneyType

    @classmethod
    def of(cls, line: BudgetLine) -> ResearchBudgetLine:
        return from_attributes(cls, line, amount=MoneyType.of(line.amount))


@strawberry.type
class ResearchScores:
    scientific_quality: int
    relevance: int = strawberry.field(description="Relevance to local democracy")
    feasibility: int
    partnership_value: int = strawberry.field(description="Value to the partnerships")
    total: int

    @classmethod
    def of(cls, scores: Scores) -> ResearchScores:
        return from_attributes(cls, scores)


@strawberry.type
class ResearchRanking:
    position: int
    mean_total: Decimal
    mean_relevance: Decimal
    reviews: int

    @classmethod
    def of(cls, ranking: Ranking) -> ResearchRanking:
        return from_attributes(cls, ranking)


@strawberry.type
class ResearchDecision:
    outcome: Outcome
    decided_on: date
    max_amount: MoneyType = strawberry.field(description="The cap the application was held to")
    approved_budget: list[ResearchBudgetLine]

    @classmethod
    def of(cls, decision: Decision) -> ResearchDecision:
        return from_attributes(
            cls,
            decision,
            max_amount=MoneyType.of(decision.max_amount),
            approved_budget=[ResearchBudgetLine.of(x) for x in decision.approved_budget],
        )


@strawberry.federation.type(
    name="ResearchOutput", keys=["id"], description="A published output of funded research"
)
class ResearchOutputType:
    id: strawberry.ID
    application_id: strawberry.ID
    kind: OutputKind
    title: str
    published_on: date
    url: str | None
    partnership_ids: list[strawberry.ID]
    network_ids: list[strawberry.ID]
    themes: list[Theme]
    version: int

    @classmethod
    def of(cls, output: ResearchOutput) -> ResearchOutputType:
        return from_attributes(cls, output)

    @classmethod
    async def resolve_reference(
        cls, info: TrainingInfo, id: strawberry.ID
    ) -> ResearchOutputType | None:
        return await load_shown(research_output_loader(info), id, cls.of)


@strawberry.type
class ResearchCallPayload:
    call: ResearchCallType


@strawberry.type
class ResearchOutputPayload:
    output: ResearchOutputType
