"""Value types of the partnerships subgraph: output types that refer to no other type of
its graph (types.py builds on them)."""

from __future__ import annotations

import strawberry

from services.common.output_types import from_attributes

from ..domain.application import (
    Indicator,
    Outcome,
    Result,
    ResultsChain,
)


@strawberry.type(name="Indicator")
class IndicatorType:
    name: str
    unit: str
    baseline: str
    target: str

    @classmethod
    def of(cls, item: Indicator) -> IndicatorType:
        return from_attributes(cls, item)


@strawberry.type(name="Result", description="A goal or an output and its indicators")
class ResultType:
    statement: str
    indicators: list[IndicatorType]

    @classmethod
    def of(cls, item: Result) -> ResultType:
        return from_attributes(cls, item, indicators=[IndicatorType.of(i) for i in item.indicators])


@strawberry.type(name="Outcome")
class OutcomeType:
    statement: str
    indicators: list[IndicatorType]
    outputs: list[ResultType]

    @classmethod
    def of(cls, item: Outcome) -> OutcomeType:
        return from_attributes(
            cls,
            item,
            indicators=[IndicatorType.of(i) for i in item.indicators],
            outputs=[ResultType.of(o) for o in item.outputs],
        )


@strawberry.type(name="ResultsChain", description="The LFA chain: goal → outcomes → outputs")
class ResultsChainType:
    goal: ResultType | None
    outcomes: list[OutcomeType]

    @classmethod
    def of(cls, chain: ResultsChain) -> ResultsChainType:
        return cls(
            goal=None if chain.goal is None else ResultType.of(chain.goal),
            outcomes=[OutcomeType.of(o) for o in chain.outcomes],
        )
