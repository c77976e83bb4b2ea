"""The domain's facts as the events of the training contract (services/contracts/training.py).

A command hands the store `emitting(change)`: the domain's change, whose facts become the
outbox events written in the same document write (services/common/changes.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from services.common.changes import announced
from services.common.events.envelope import Event
from services.common.events.payloads import amount_fields, payload
from services.common.store import Aggregate, Change
from services.contracts.training import (
    CERTIFICATE_ISSUED,
    REGISTRATION_CHANGED,
    WORKSHOP_CANCELLED,
    WORKSHOP_COMPLETED,
    WORKSHOP_SCHEDULED,
    CertificateIssuedV1,
    CostLineV1,
    RegistrationChangedV1,
    WorkshopV1,
)

from ..domain.cohort import CertificateIssued
from ..domain.facts import DomainChange, Fact
from ..domain.registration import RegistrationMoved
from ..domain.workshop import Workshop, WorkshopReached, WorkshopStatus

A = TypeVar("A", bound=Aggregate)

_WORKSHOP_EVENTS = {
    WorkshopStatus.SCHEDULED: WORKSHOP_SCHEDULED,
    WorkshopStatus.COMPLETED: WORKSHOP_COMPLETED,
    WorkshopStatus.CANCELLED: WORKSHOP_CANCELLED,
}


def workshop_v1(workshop: Workshop, participants: int) -> WorkshopV1:
    return payload(
        WorkshopV1,
        workshop,
        participants=participants,
        costs=[payload(CostLineV1, c, **amount_fields(c.amount)) for c in workshop.costs],
    )


def event_of(fact: Fact) -> Event:
    if isinstance(fact, RegistrationMoved):
        changed = payload(RegistrationChangedV1, fact, id=fact.registration_id)
        return REGISTRATION_CHANGED.new(fact.registration_id, changed)
    if isinstance(fact, WorkshopReached):
        snapshot = workshop_v1(fact.workshop, fact.participants)
        return _WORKSHOP_EVENTS[fact.status].new(fact.workshop.id, snapshot)
    if isinstance(fact, CertificateIssued):
        issued = payload(CertificateIssuedV1, fact, id=fact.number)
        return CERTIFICATE_ISSUED.new(fact.registration_id, issued)
    raise TypeError(f"no event announces a {type(fact).__name__}")


def events_of(facts: Sequence[Fact]) -> list[Event]:
    return [event_of(fact) for fact in facts]


def emitting(change: DomainChange[A]) -> Change[A]:
    """The store's change: the domain's, with its facts as outbox events."""
    return announced(change, lambda _aggregate, facts: events_of(facts))
