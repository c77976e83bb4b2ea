"""Demo step: training. The gender-equality network's two joint workshops of 2024, the first
in Bogotá, Colombia, the second in Sweden (docs/domain.md), attended by the teams of the demo
partnerships; and one ITP cohort, Women's Political Leadership cohort 1, open for
applications, with its three phases and the first applications.

The 2024 workshops lie in the past: staff record them after the fact (registrations,
enrolment, then completion with attendance and costs, which finance books from
WORKSHOP_COMPLETED). The training service learns of people, partnerships and networks from
their events, asynchronously, so this step waits until its projections know them. Every
part is looked up before it is created: running the step again changes nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..errors import DevstackError
from ..graphql import GraphQLClient
from .model import Demo
from .networks import NETWORK
from .partnerships import PARTNERSHIPS, PEOPLE

PROJECTION_TIMEOUT_S = 60.0
PROGRAMME = "Women's Political Leadership"


@dataclass(frozen=True)
class DemoWorkshop:
    title: str
    city: str
    country: str
    starts_on: str
    ends_on: str
    costs: tuple[tuple[str, str], ...]
    """(category, amount in SEK)."""
    absent: tuple[str, ...] = ()
    """Who did not come, by name."""


WORKSHOPS = (
    DemoWorkshop(
        "Joint workshop 2024 – Bogotá", "Bogotá", "CO", "2024-04-15", "2024-04-19",
        (("VENUE", "85000"), ("INTERPRETATION", "62000"), ("LOCAL_TRAVEL", "24500")),
        absent=("Juma Salim",),
    ),
    DemoWorkshop(
        "Joint workshop 2024 – Sweden", "Visby", "SE", "2024-10-07", "2024-10-11",
        (("VENUE", "40000"), ("ACCOMMODATION", "182000"), ("MEALS", "61500"),
         ("INTERPRETATION", "58000")),
    ),
)  # fmt: skip

# From each team (domain/partnerships.py: majority, opposition, chief executive, coordinator):
# the opposition politician, the chief executive and the international coordinator.
PARTICIPANT_INDEXES = (1, 2, 3)

APPLICANTS = (
    ("Rehema Mwakyusa", "Kibaha", "Kibaha – Region Gotland",
     "Women's safety in Kibaha's markets: lighting, reporting and a council follow-up."),
    ("Thandiwe Nkosi", "Stellenbosch", "Stellenbosch – Jönköping",
     "Gender-responsive budgeting in Stellenbosch's ward committees."),
    ("Mercy Mutua", "Machakos", "Machakos – Robertsfors",
     "A mentoring scheme for women standing in Machakos' next county election."),
)  # fmt: skip
SELECTED = ("Rehema Mwakyusa", "Thandiwe Nkosi")

KNOWN_PERSON = "query($id: ID!) { trainingKnownPerson(id: $id) { id } }"
KNOWN_PARTNERSHIP = "query($id: ID!) { trainingKnownPartnership(id: $id) { id } }"
KNOWN_NETWORK = "query($id: ID!) { trainingKnownNetwork(id: $id) { id } }"
FIND_NETWORKS = """
query($search: String!) { networks(first: 100, filter: {search: $search}) { nodes { id name } } }
"""
WORKSHOP_FIELDS = "id title status version registrations { id version personId status }"
FIND_WORKSHOPS = f"""
query($filter: WorkshopFilter) {{
  workshops(first: 100, filter: $filter) {{ nodes {{ {WORKSHOP_FIELDS} }} }}
}}
"""
WORKSHOP = f"query($id: ID!) {{ workshop(id: $id) {{ {WORKSHOP_FIELDS} }} }}"
SCHEDULE = f"""
mutation($input: ScheduleWorkshopInput!) {{
  scheduleWorkshop(input: $input) {{ workshop {{ {WORKSHOP_FIELDS} }} }}
}}
"""
COMPLETE = """
mutation($input: CompleteWorkshopInput!) { completeWorkshop(input: $input) { workshop { id } } }
"""
REGISTRATION = "registration { id version status }"
REGISTER = f"""
mutation($input: RegisterParticipantInput!) {{
  registerParticipant(input: $input) {{ {REGISTRATION} }}
}}
"""
ENROL = f"""
mutation($input: RegistrationActionInput!) {{
  enrolParticipant(input: $input) {{ {REGISTRATION} }}
}}
"""
DECIDE = f"""
mutation($input: DecideRegistrationInput!) {{
  decideRegistration(input: $input) {{ {REGISTRATION} }}
}}
"""
# A page of 10: the title is unique, and each programme brings its cohorts' registrations
# (a page of 100 is over the service's cost limit, GRAPHQL_MAX_COST).
FIND_PROGRAMMES = """
query($search: String!) {
  programmes(first: 10, filter: {search: $search}) {
    nodes {
      id title
      cohorts { id number startsOn phases { id } registrations { id version personId status } }
    }
  }
}
"""
CREATE_PROGRAMME = """
mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } } }
"""
CREATE_COHORT = """
mutation($input: CreateCohortInput!) {
  createCohort(input: $input) {
    cohort { id number startsOn phases { id } registrations { id version personId status } }
  }
}
"""


def wait_known(api: GraphQLClient, query: str, key: str, ids: list[str], what: str) -> None:
    """Until the training service's projection (`query`, answering `key`) knows each of `ids`."""
    deadline = time.monotonic() + PROJECTION_TIMEOUT_S
    waiting = list(ids)
    while waiting:
        waiting = [i for i in waiting if api.execute(query, {"id": i})[key] is None]
        if waiting and time.monotonic() > deadline:
            raise DevstackError(
                f"demo data: the training service did not learn of {what} {waiting} within"
                f" {PROJECTION_TIMEOUT_S:.0f}s: are events flowing through RabbitMQ?"
            )
        if waiting:
            time.sleep(0.2)


def _network_id(demo: Demo) -> str | None:
    """The gender-equality network, when the networks step loaded it (or it exists)."""
    if NETWORK in demo.networks:
        return demo.networks[NETWORK]
    networks = demo.apis.get("networks")
    if networks is None:
        return None
    found = networks.execute(FIND_NETWORKS, {"search": NETWORK})["networks"]["nodes"]
    ids = [n["id"] for n in found if n["name"] == NETWORK]
    return str(ids[0]) if ids else None


def _participants() -> list[tuple[str, str]]:
    """(name, partnership title) of everyone who took part in the joint workshops."""
    return [
        (PEOPLE[organisation][i].name, spec.title)
        for spec in PARTNERSHIPS
        for organisation in (spec.swedish, spec.partner)
        for i in PARTICIPANT_INDEXES
    ]


def _workshop(api: GraphQLClient, spec: DemoWorkshop, network_id: str | None) -> dict[str, Any]:
    found = api.execute(FIND_WORKSHOPS, {"filter": {"fromDate": spec.starts_on,
                                                    "toDate": spec.ends_on}})  # fmt: skip
    existing = [w for w in found["workshops"]["nodes"] if w["title"] == spec.title]
    if existing:
        workshop: dict[str, Any] = existing[0]
        return workshop
    where = (
        {"kind": "NETWORK_WORKSHOP", "networkId": network_id}
        if network_id
        else {"kind": "TAILORED_TRAINING"}
    )
    created: dict[str, Any] = api.execute(SCHEDULE, {"input": {
        **where,
        "title": spec.title,
        "city": spec.city,
        "country": spec.country,
        "startsOn": spec.starts_on,
        "endsOn": spec.ends_on,
        "capacity": 40,
        "costs": [{"category": c, "amount": a, "currency": "SEK"} for c, a in spec.costs],
    }})["scheduleWorkshop"]["workshop"]  # fmt: skip
    return created


def _record(api: GraphQLClient, demo: Demo, spec: DemoWorkshop, network_id: str | None) -> bool:
    """Schedules, fills and completes one 2024 workshop; True when it was not complete."""
    workshop = _workshop(api, spec, network_id)
    demo.workshops[spec.title] = workshop["id"]
    people = _participants()
    recorded = bool(workshop["status"] == "SCHEDULED")
    if recorded:
        by_person = {
            r["personId"]: r for r in workshop["registrations"] if r["status"] != "WITHDRAWN"
        }
        for name, partnership in people:
            person_id = demo.people[name]
            registration = by_person.get(person_id)
            if registration is None:
                registration = api.execute(REGISTER, {"input": {
                    "workshopId": workshop["id"], "personId": person_id,
                    "partnershipId": demo.partnerships[partnership],
                }})["registerParticipant"]["registration"]  # fmt: skip
            if registration["status"] != "ENROLLED":
                action = {"registrationId": registration["id"], "version": registration["version"]}
                api.execute(ENROL, {"input": action})
        current = api.execute(WORKSHOP, {"id": workshop["id"]})["workshop"]
        attended = [demo.people[n] for n, _ in people if n not in spec.absent]
        api.execute(COMPLETE, {"input": {
            "id": workshop["id"], "version": current["version"], "attendedPersonIds": attended,
        }})  # fmt: skip
    return recorded


def _programme(api: GraphQLClient) -> dict[str, Any]:
    found = api.execute(FIND_PROGRAMMES, {"search": PROGRAMME})["programmes"]["nodes"]
    existing = [p for p in found if p["title"] == PROGRAMME]
    if existing:
        programme: dict[str, Any] = existing[0]
        return programme
    created = api.execute(CREATE_PROGRAMME, {"input": {
        "title": PROGRAMME,
        "theme": "GENDER_EQUALITY",
        "targetGroup": "Women politicians in local government of the partner countries",
        "language": "en",
        "description": "Twelve months: an inception workshop in the region, a change project at"
                       " home, two weeks in Sweden with a municipal study visit, a final"
                       " workshop.",
    }})["createProgramme"]["programme"]  # fmt: skip
    return {**created, "title": PROGRAMME, "cohorts": []}


def _cohort(api: GraphQLClient, programme: dict[str, Any], today: date) -> dict[str, Any]:
    existing = [c for c in programme["cohorts"] if c["number"] == 1]
    if existing:
        cohort: dict[str, Any] = existing[0]
        return cohort
    starts = today + timedelta(days=90)
    created: dict[str, Any] = api.execute(CREATE_COHORT, {"input": {
        "programmeId": programme["id"],
        "number": 1,
        "startsOn": starts.isoformat(),
        "endsOn": (starts + timedelta(days=365)).isoformat(),
        "applicationsOpenOn": (today - timedelta(days=14)).isoformat(),
        "applicationsCloseOn": (today + timedelta(days=45)).isoformat(),
        "capacity": 25,
    }})["createCohort"]["cohort"]  # fmt: skip
    return created


def _phases(api: GraphQLClient, cohort: dict[str, Any], starts: date) -> None:
    phases = (
        ("Phase 1: inception workshop", "Nairobi", "KE", 0, 5),
        ("Phase 2: two weeks in Sweden", "Visby", "SE", 200, 13),
        ("Final workshop", "Pretoria", "ZA", 360, 4),
    )
    for title, city, country, offset, days in phases:
        first = starts + timedelta(days=offset)
        api.execute(SCHEDULE, {"input": {
            "kind": "ITP_PHASE", "cohortId": cohort["id"], "title": title, "city": city,
            "country": country, "startsOn": first.isoformat(),
            "endsOn": (first + timedelta(days=days)).isoformat(),
        }})  # fmt: skip


def _applications(api: GraphQLClient, demo: Demo, cohort: dict[str, Any]) -> int:
    """Applies (and selects) whoever has not applied yet; returns how many were new."""
    by_person = {r["personId"]: r for r in cohort["registrations"]}
    new = 0
    for name, _, partnership, outline in APPLICANTS:
        person_id = demo.people[name]
        registration = by_person.get(person_id)
        if registration is None:
            registration = api.execute(REGISTER, {"input": {
                "cohortId": cohort["id"], "personId": person_id,
                "partnershipId": demo.partnerships[partnership], "changeProjectOutline": outline,
            }})["registerParticipant"]["registration"]  # fmt: skip
            new += 1
        if name in SELECTED and registration["status"] == "APPLIED":
            action = {"registrationId": registration["id"], "version": registration["version"]}
            api.execute(DECIDE, {"input": {**action, "decision": "SELECT"}})
    return new


def load_training(demo: Demo) -> str:
    api = demo.apis["training"]
    network_id = _network_id(demo)
    if network_id is not None:
        wait_known(api, KNOWN_NETWORK, "trainingKnownNetwork", [network_id], "network")
    names = {name for name, _ in _participants()} | {a[0] for a in APPLICANTS}
    people = [demo.people[n] for n in sorted(names)]
    wait_known(api, KNOWN_PERSON, "trainingKnownPerson", people, "people")
    partnership_ids = [demo.partnerships[spec.title] for spec in PARTNERSHIPS]
    wait_known(api, KNOWN_PARTNERSHIP, "trainingKnownPartnership", partnership_ids, "partnerships")

    recorded = sum(_record(api, demo, spec, network_id) for spec in WORKSHOPS)
    attended = sum(len(_participants()) - len(spec.absent) for spec in WORKSHOPS)

    today = datetime.now(UTC).date()
    programme = _programme(api)
    cohort = _cohort(api, programme, today)
    if not cohort["phases"]:
        _phases(api, cohort, date.fromisoformat(cohort["startsOn"]))
    applications = _applications(api, demo, cohort)
    kind = "network" if network_id else "tailored (no network known)"
    return (
        f"{len(WORKSHOPS)} {kind} workshops of 2024 ({recorded} new, {attended} attendances),"
        f" {PROGRAMME} cohort 1 with 3 phases and {len(APPLICANTS)} applications"
        f" ({applications} new)"
    )
