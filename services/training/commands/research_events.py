"""The research facts as the events of the training contract (services/contracts/training.py):
a decision, an accepted final report and a published output."""

from __future__ import annotations

from typing import TypeVar

from services.common.changes import announced
from services.common.events.envelope import Event
from services.common.events.payloads import amount_fields, payload
from services.common.store import Aggregate, Change
from services.contracts.training import (
    RESEARCH_APPLICATION_DECIDED,
    RESEARCH_APPLICATION_REPORTED,
    RESEARCH_OUTPUT_PUBLISHED,
    ResearchApplicationDecidedV1,
    ResearchApplicationReportedV1,
    ResearchBudgetLineV1,
    ResearchOutputV1,
)

from ..domain.facts import DomainChange, Fact
from ..domain.research_application import Decided, Reported, ResearchApplication
from ..domain.research_output import Published, ResearchOutput

A = TypeVar("A", bound=Aggregate)


def decided_v1(application: ResearchApplication) -> ResearchApplicationDecidedV1:
    decision = application.decision
    if decision is None or application.case_number is None:
        raise ValueError("only a submitted, decided application is announced")
    return payload(
        ResearchApplicationDecidedV1,
        application,
        outcome=decision.outcome,
        max_amount_minor=decision.max_amount.minor,
        approved_budget=[
            payload(ResearchBudgetLineV1, line, **amount_fields(line.amount))
            for line in decision.approved_budget
        ],
    )


def output_v1(output: ResearchOutput) -> ResearchOutputV1:
    return payload(ResearchOutputV1, output)


def event_of(fact: Fact) -> Event:
    if isinstance(fact, Decided):
        return RESEARCH_APPLICATION_DECIDED.new(fact.application.id, decided_v1(fact.application))
    if isinstance(fact, Reported):
        application = fact.application
        if application.case_number is None or application.report_accepted_on is None:
            raise ValueError("only an accepted report of a submitted application is announced")
        reported = payload(
            ResearchApplicationReportedV1, application, accepted_on=application.report_accepted_on
        )
        return RESEARCH_APPLICATION_REPORTED.new(application.id, reported)
    if isinstance(fact, Published):
        return RESEARCH_OUTPUT_PUBLISHED.new(fact.output.id, output_v1(fact.output))
    raise TypeError(f"no research event announces a {type(fact).__name__}")


def research_emitting(change: DomainChange[A]) -> Change[A]:
    """The store's change: the domain's, with its facts as outbox events (services/common/
    changes.py)."""
    return announced(change, lambda _aggregate, facts: [event_of(fact) for fact in facts])
