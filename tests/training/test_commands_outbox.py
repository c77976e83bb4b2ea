"""The domain reports facts; the use-case layer announces them as the training contract's
events, with the payloads docs/events.md describes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.common.money import Money
from services.common.vocabulary import CostCategory
from services.contracts.training import (
    CERTIFICATE_ISSUED,
    REGISTRATION_CHANGED,
    WORKSHOP_CANCELLED,
    WORKSHOP_SCHEDULED,
)
from services.training.commands.outbox import emitting, events_of
from services.training.domain.cohort import Cohort, issue_certificate
from services.training.domain.facts import Fact
from services.training.domain.registration import (
    ChangeProject,
    ProgressReport,
    Registration,
    RegistrationStatus,
    on_registration,
)
from services.training.domain.workshop import CostLine, Workshop, WorkshopKind, cancel, schedule

NOW = datetime(2030, 1, 10, 9, 0, tzinfo=UTC)


def _registration(status: RegistrationStatus, person_id: str = "person-1") -> Registration:
    return Registration(
        id=f"registration-{person_id}",
        person_id=person_id,
        organisation_id="org-1",
        partnership_id="partnership-1",
        role="civil_servant",
        status=status,
        registered_at=NOW,
    )


def _scheduled() -> tuple[Workshop, list[Fact]]:
    workshop, facts = schedule(
        "workshop-1",
        kind=WorkshopKind.TAILORED_TRAINING,
        title="Gender budgeting in practice",
        network_id=None,
        cohort=None,
        city="Bogotá",
        country="CO",
        starts_on=date(2030, 3, 4),
        ends_on=date(2030, 3, 7),
        capacity=2,
        costs=[CostLine(category=CostCategory.VENUE, amount=Money(minor=120050, currency="SEK"))],
        participants=0,
        actor="officer-1",
    )
    return workshop, list(facts)


def test_a_scheduled_workshop_is_announced_with_its_snapshot() -> None:
    workshop, facts = _scheduled()
    [event] = events_of(facts)
    assert (event.type, event.subject) == (WORKSHOP_SCHEDULED.type, "workshop-1")
    assert event.data == {
        "id": "workshop-1",
        "version": 1,
        "kind": "tailored_training",
        "title": "Gender budgeting in practice",
        "network_id": None,
        "cohort_id": None,
        "programme_id": None,
        "city": "Bogotá",
        "country": "CO",
        "starts_on": "2030-03-04",
        "ends_on": "2030-03-07",
        "capacity": 2,
        "status": "scheduled",
        "participants": 0,
        "costs": [{"category": "venue", "amount_minor": 120050, "currency": "SEK"}],
    }
    assert workshop.id == "workshop-1"


def test_a_cancellation_announces_each_withdrawal_then_the_workshop() -> None:
    workshop, _ = _scheduled()
    workshop.registrations = [
        _registration(RegistrationStatus.ENROLLED, "person-1"),
        _registration(RegistrationStatus.COMPLETED, "person-2"),
    ]
    workshop.version = 2
    events = list(emitting(cancel("officer-1", NOW, date(2030, 1, 10), "rain", 0))(workshop))
    assert [e.type for e in events] == [REGISTRATION_CHANGED.type, WORKSHOP_CANCELLED.type]
    assert events[0].subject == "registration-person-1"
    assert events[0].data == {
        "id": "registration-person-1",
        "version": 2,
        "workshop_id": "workshop-1",
        "cohort_id": None,
        "person_id": "person-1",
        "organisation_id": "org-1",
        "partnership_id": "partnership-1",
        "from_status": "enrolled",
        "to_status": "withdrawn",
    }
    assert (events[1].data["status"], events[1].data["version"]) == ("cancelled", 2)
    assert events[1].data["participants"] == 1


def test_a_certificate_is_announced_after_the_completion() -> None:
    cohort = Cohort(
        id="programme-1-cohort-3",
        version=4,
        programme_id="programme-1",
        number=3,
        starts_on=date(2029, 1, 1),
        ends_on=date(2029, 12, 31),
        applications_open_on=date(2028, 9, 1),
        applications_close_on=date(2028, 10, 1),
        capacity=25,
    )
    participant = _registration(RegistrationStatus.ENROLLED)
    participant.change_project = ChangeProject(
        outline="A budget", reports=[ProgressReport(at=NOW, by="c", text="Done", final=True)]
    )
    cohort.registrations = [participant]
    step = issue_certificate("officer-1", NOW, date(2030, 1, 10))
    events = list(emitting(on_registration(participant.id, 1, step))(cohort))
    assert [e.type for e in events] == [REGISTRATION_CHANGED.type, CERTIFICATE_ISSUED.type]
    assert events[0].data["cohort_id"] == "programme-1-cohort-3"
    assert events[0].data["to_status"] == "completed"
    assert events[1].subject == participant.id
    assert events[1].data == {
        "id": "programme-1-cohort-3-001",
        "registration_id": participant.id,
        "person_id": "person-1",
        "organisation_id": "org-1",
        "programme_id": "programme-1",
        "cohort_id": "programme-1-cohort-3",
        "issued_on": "2030-01-10",
    }
