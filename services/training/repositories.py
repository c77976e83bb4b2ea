"""The training service's stores over its own database, its multi-document reads, and the
writes to documents many people change at once.

Every read for many parents is one query per collection, whatever the number of parents
(federation `_entities` and nested lists are batched through per-request loaders). Array
fields are matched with `$in` (see services/common/mongo.py).

A workshop's or a cohort's seats: correctness comes from the store: every write re-applies
its change to the current state under a revision check, so concurrent enrolments on any
number of replicas never exceed a capacity. Within one replica, writers of the same document
also queue on a lock (`update_busy`), so that a burst of enrolments (registration opening, a
coordinator's batch) costs one attempt each instead of every writer re-reading and losing to
every other; between replicas the revision check still decides, and a writer that loses too
often waits a random moment and retries rather than refuse the enrolment.
"""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

from pymongo.asynchronous.database import AsyncDatabase

from services.common.case_numbers import CaseNumbers, unique_case_numbers
from services.common.errors import Busy
from services.common.keyed_lock import KeyedLock
from services.common.mongo import Document, IndexSpec
from services.common.store import Aggregate, AggregateStore, Change, OutboxNotifier
from services.contracts import organisation_views as org_projection
from services.contracts.organisation_views import OrganisationView
from services.contracts.partnership_views import COLLECTION as PARTNERSHIPS
from services.contracts.partnership_views import PartnershipView

from .domain.booking import PersonBookings
from .domain.cohort import Cohort
from .domain.programme import Programme
from .domain.registration import Registration, RegistrationStatus, Seating
from .domain.research_application import ResearchApplication
from .domain.research_call import ResearchCall
from .domain.research_output import ResearchOutput
from .domain.workshop import Workshop, WorkshopKind, WorkshopStatus
from .projection import NETWORKS, PEOPLE, NetworkView, PersonView

PROGRAMMES = "programmes"
COHORTS = "cohorts"
WORKSHOPS = "workshops"
BOOKINGS = "bookings"
RESEARCH_CALLS = "research_calls"
RESEARCH_APPLICATIONS = "research_applications"
RESEARCH_OUTPUTS = "research_outputs"
RESEARCH_CASE_NUMBERS = "research_case_numbers"
"""Per-year counters of research case numbers `R<year>-NNNN` (not aggregates: no outbox)."""

COLLECTIONS = (
    PROGRAMMES,
    COHORTS,
    WORKSHOPS,
    BOOKINGS,
    RESEARCH_CALLS,
    RESEARCH_APPLICATIONS,
    RESEARCH_OUTPUTS,
    PEOPLE,
    PARTNERSHIPS,
    NETWORKS,
    org_projection.COLLECTION,
)
"""Every collection holds aggregates written through the store (the relay drains them)."""

_SEATING_INDEXES = [
    [("registration_ids", 1)],
    [("person_ids", 1)],
    [("organisation_ids", 1)],
    [("partnership_ids", 1)],
]

INDEXES = (
    IndexSpec(PROGRAMMES, [("title", 1)]),
    IndexSpec(COHORTS, [("programme_id", 1), ("number", 1)]),
    IndexSpec(COHORTS, [("network_id", 1), ("starts_on", 1)]),
    IndexSpec(COHORTS, [("starts_on", 1)]),
    *(IndexSpec(COHORTS, keys) for keys in _SEATING_INDEXES),
    IndexSpec(WORKSHOPS, [("starts_on", 1)]),
    IndexSpec(WORKSHOPS, [("network_id", 1), ("starts_on", 1)]),
    IndexSpec(WORKSHOPS, [("cohort_id", 1), ("starts_on", 1)]),
    IndexSpec(WORKSHOPS, [("kind", 1), ("starts_on", 1)]),
    IndexSpec(WORKSHOPS, [("country", 1), ("starts_on", 1)]),
    IndexSpec(WORKSHOPS, [("status", 1), ("starts_on", 1)]),
    *(IndexSpec(WORKSHOPS, keys) for keys in _SEATING_INDEXES),
    IndexSpec(PEOPLE, [("organisation_id", 1)]),
    IndexSpec(RESEARCH_CALLS, [("opens_on", 1)]),
    unique_case_numbers(RESEARCH_APPLICATIONS),
    IndexSpec(RESEARCH_APPLICATIONS, [("call_id", 1), ("status", 1)]),
    IndexSpec(RESEARCH_APPLICATIONS, [("organisation_id", 1)]),
    IndexSpec(RESEARCH_APPLICATIONS, [("principal_investigator_id", 1)]),
    IndexSpec(RESEARCH_APPLICATIONS, [("co_applicant_ids", 1)]),
    IndexSpec(RESEARCH_APPLICATIONS, [("partnership_ids", 1)]),
    IndexSpec(RESEARCH_APPLICATIONS, [("network_ids", 1)]),
    IndexSpec(RESEARCH_OUTPUTS, [("application_id", 1), ("published_on", 1)]),
    IndexSpec(RESEARCH_OUTPUTS, [("partnership_ids", 1)]),
    IndexSpec(RESEARCH_OUTPUTS, [("network_ids", 1)]),
)

WRITE_ATTEMPTS = 10

_writers = KeyedLock()
"""Per document: its writers in this replica, one at a time."""

A = TypeVar("A", bound=Aggregate)

RegistrationKey = Literal["person_ids", "organisation_ids", "partnership_ids"]
WorkshopKey = Literal["network_id", "cohort_id", "partnership_ids"]
SORT_WORKSHOPS = [("starts_on", 1), ("_id", 1)]


@dataclass(frozen=True)
class Placed:
    """A registration and the workshop or cohort it belongs to."""

    seating: Workshop | Cohort
    registration: Registration

    @property
    def workshop(self) -> Workshop | None:
        return self.seating if isinstance(self.seating, Workshop) else None

    @property
    def cohort(self) -> Cohort | None:
        return self.seating if isinstance(self.seating, Cohort) else None


def _registration_value(registration: Registration, key: RegistrationKey) -> str | None:
    if key == "person_ids":
        return registration.person_id
    if key == "organisation_ids":
        return registration.organisation_id
    return registration.partnership_id


@dataclass(frozen=True)
class Repositories:
    organisations: AggregateStore[OrganisationView]
    people: AggregateStore[PersonView]
    partnerships: AggregateStore[PartnershipView]
    networks: AggregateStore[NetworkView]
    programmes: AggregateStore[Programme]
    cohorts: AggregateStore[Cohort]
    workshops: AggregateStore[Workshop]
    bookings: AggregateStore[PersonBookings]
    research_calls: AggregateStore[ResearchCall]
    research_applications: AggregateStore[ResearchApplication]
    research_outputs: AggregateStore[ResearchOutput]
    research_case_numbers: CaseNumbers

    def seatings(self, seating: Seating) -> AggregateStore[Workshop] | AggregateStore[Cohort]:
        return self.workshops if isinstance(seating, Workshop) else self.cohorts

    async def find_registration(self, registration_id: str) -> Placed | None:
        query = {"registration_ids": {"$in": [registration_id]}}
        found: Workshop | Cohort | None = None
        doc = await self.workshops.collection.find_one(query)
        if doc is not None:
            found = self.workshops.load(doc)
        elif (doc := await self.cohorts.collection.find_one(query)) is not None:
            found = self.cohorts.load(doc)
        if found is None:
            return None
        return Placed(found, found.find(registration_id))

    async def registrations_by(
        self, key: RegistrationKey, ids: Sequence[str]
    ) -> dict[str, list[Placed]]:
        """Registrations by person, organisation or partnership: one query per collection."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, list[Placed]] = defaultdict(list)
        query = {key: {"$in": wanted}}
        seatings: list[Workshop | Cohort] = [
            self.workshops.load(doc)
            async for doc in self.workshops.collection.find(query).sort(SORT_WORKSHOPS)
        ]
        seatings += [
            self.cohorts.load(doc)
            async for doc in self.cohorts.collection.find(query).sort(SORT_WORKSHOPS)
        ]
        for seating in seatings:
            for registration in seating.registrations:
                value = _registration_value(registration, key)
                if value in wanted:
                    found[value].append(Placed(seating, registration))
        return {i: found[i] for i in wanted}

    async def workshops_by(self, key: WorkshopKey, ids: Sequence[str]) -> dict[str, list[Workshop]]:
        """Workshops by network, cohort (its phases) or partnership registered: one query."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, list[Workshop]] = defaultdict(list)
        async for doc in self.workshops.collection.find({key: {"$in": wanted}}).sort(
            SORT_WORKSHOPS
        ):
            workshop = self.workshops.load(doc)
            if key == "partnership_ids":
                for partnership_id in workshop.partnership_ids:
                    found[partnership_id].append(workshop)
            elif (value := getattr(workshop, key)) is not None:
                found[value].append(workshop)
        return {i: found[i] for i in wanted}

    async def phases(self, cohort_ids: Sequence[str]) -> dict[str, list[Workshop]]:
        """The phases of each cohort that are not cancelled, by start."""
        if not cohort_ids:
            return {}
        found = await self.workshops_by("cohort_id", cohort_ids)
        return {
            cohort_id: [w for w in phases if w.status is not WorkshopStatus.CANCELLED]
            for cohort_id, phases in found.items()
        }

    async def cohorts_of_programmes(self, programme_ids: Sequence[str]) -> dict[str, list[Cohort]]:
        wanted = list(dict.fromkeys(programme_ids))
        found: dict[str, list[Cohort]] = defaultdict(list)
        query = {"programme_id": {"$in": wanted}}
        async for doc in self.cohorts.collection.find(query).sort([("number", 1)]):
            cohort = self.cohorts.load(doc)
            found[cohort.programme_id].append(cohort)
        return {i: found[i] for i in wanted}

    async def people_of(self, organisation_ids: Sequence[str]) -> list[PersonView]:
        query = {"organisation_id": {"$in": list(organisation_ids)}}
        people = [self.people.load(doc) async for doc in self.people.collection.find(query)]
        return sorted((p for p in people if p.known), key=lambda p: p.id)

    async def upcoming_network_workshops(self, network_id: str, since: date) -> list[Workshop]:
        query = {
            "network_id": network_id,
            "kind": WorkshopKind.NETWORK_WORKSHOP.value,
            "status": WorkshopStatus.SCHEDULED.value,
            "starts_on": {"$gte": since.isoformat()},
        }
        cursor = self.workshops.collection.find(query).sort(SORT_WORKSHOPS)
        return [self.workshops.load(doc) async for doc in cursor]

    async def seatings_of_partnership(self, partnership_id: str) -> list[Workshop | Cohort]:
        """Scheduled workshops and the cohorts with registrations made through it."""
        query = {"partnership_ids": {"$in": [partnership_id]}}
        workshops: list[Workshop | Cohort] = [
            self.workshops.load(doc)
            async for doc in self.workshops.collection.find(
                {**query, "status": WorkshopStatus.SCHEDULED.value}
            )
        ]
        cohorts = [self.cohorts.load(doc) async for doc in self.cohorts.collection.find(query)]
        return [*workshops, *cohorts]

    async def past_participation(
        self, programme_id: str, person_id: str, except_cohort: str
    ) -> Cohort | None:
        """Another cohort of the programme the person was enrolled in or completed."""
        query = {"programme_id": programme_id, "person_ids": {"$in": [person_id]}}
        async for doc in self.cohorts.collection.find(query).sort([("number", 1)]):
            cohort = self.cohorts.load(doc)
            taking_part = {RegistrationStatus.ENROLLED, RegistrationStatus.COMPLETED}
            if cohort.id != except_cohort and any(
                r.person_id == person_id and r.status in taking_part for r in cohort.registrations
            ):
                return cohort
        return None


def repositories(db: AsyncDatabase[Document], notifier: OutboxNotifier) -> Repositories:
    return Repositories(
        organisations=AggregateStore(db[org_projection.COLLECTION], OrganisationView, notifier),
        people=AggregateStore(db[PEOPLE], PersonView, notifier),
        partnerships=AggregateStore(db[PARTNERSHIPS], PartnershipView, notifier),
        networks=AggregateStore(db[NETWORKS], NetworkView, notifier),
        programmes=AggregateStore(db[PROGRAMMES], Programme, notifier),
        cohorts=AggregateStore(db[COHORTS], Cohort, notifier),
        workshops=AggregateStore(db[WORKSHOPS], Workshop, notifier),
        bookings=AggregateStore(db[BOOKINGS], PersonBookings, notifier),
        research_calls=AggregateStore(db[RESEARCH_CALLS], ResearchCall, notifier),
        research_applications=AggregateStore(
            db[RESEARCH_APPLICATIONS], ResearchApplication, notifier
        ),
        research_outputs=AggregateStore(db[RESEARCH_OUTPUTS], ResearchOutput, notifier),
        research_case_numbers=CaseNumbers(
            db[RESEARCH_CASE_NUMBERS], db[RESEARCH_APPLICATIONS], prefix="R"
        ),
    )


async def update_busy(store: AggregateStore[A], aggregate_id: str, change: Change[A]) -> A:
    """`store.update` for a document with many writers: queued in this replica, retried
    with a random pause while other replicas keep it too busy."""
    key = f"{store.collection.full_name}/{aggregate_id}"
    for attempt in range(WRITE_ATTEMPTS):
        try:
            async with _writers.hold(key):
                return await store.update(aggregate_id, change)
        except Busy:
            if attempt == WRITE_ATTEMPTS - 1:
                raise
            await asyncio.sleep(random.uniform(0, 0.02 * (attempt + 1)))
    raise AssertionError("unreachable")
