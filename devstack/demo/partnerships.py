"""Demo step: the three example partnerships, their people and steering groups.

Kibaha–Region Gotland (prevention of sexual violence), Stellenbosch–Jönköping (awareness
of gender-based violence) and Machakos–Robertsfors (gender-equality policy), from ICLD's
gender-equality network brochure. The people are fictional.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Demo


@dataclass(frozen=True)
class DemoPerson:
    given: str
    family: str
    gender: str
    role: str
    side: str | None = None
    senior: bool = False
    position: str = ""

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


@dataclass(frozen=True)
class DemoPartnership:
    title: str
    swedish: str
    partner: str
    focus: str
    started_on: str


def _team(
    majority: tuple[str, str, str],
    opposition: tuple[str, str, str],
    manager: tuple[str, str, str],
    coordinator: tuple[str, str, str],
) -> tuple[DemoPerson, ...]:
    """A steering group (two politicians, a senior civil servant) and a coordinator."""
    return (
        DemoPerson(
            *majority, role="POLITICIAN", side="MAJORITY", position="Chair of the executive board"
        ),
        DemoPerson(*opposition, role="POLITICIAN", side="OPPOSITION", position="Councillor"),
        DemoPerson(*manager, role="CIVIL_SERVANT", senior=True, position="Chief executive"),
        DemoPerson(*coordinator, role="CIVIL_SERVANT", position="International coordinator"),
    )


PEOPLE: dict[str, tuple[DemoPerson, ...]] = {
    "Region Gotland": _team(("Eva", "Lindqvist", "WOMAN"), ("Johan", "Berg", "MAN"),
                            ("Karin", "Dahl", "WOMAN"), ("Anders", "Holm", "MAN")),
    "Kibaha": _team(("Rehema", "Mwakyusa", "WOMAN"), ("Juma", "Salim", "MAN"),
                    ("Neema", "Kimaro", "WOMAN"), ("Baraka", "Mushi", "MAN")),
    "Jönköping": _team(("Maria", "Sjöberg", "WOMAN"), ("Erik", "Nyström", "MAN"),
                       ("Lena", "Forsberg", "WOMAN"), ("Sara", "Ek", "WOMAN")),
    "Stellenbosch": _team(("Thandiwe", "Nkosi", "WOMAN"), ("Pieter", "van Wyk", "MAN"),
                          ("Nomsa", "Dlamini", "WOMAN"), ("Sipho", "Mokoena", "MAN")),
    "Robertsfors": _team(("Ingrid", "Öberg", "WOMAN"), ("Lars", "Marklund", "MAN"),
                         ("Helena", "Lundberg", "WOMAN"), ("Per", "Sandström", "MAN")),
    "Machakos": _team(("Mercy", "Mutua", "WOMAN"), ("David", "Kioko", "MAN"),
                      ("Faith", "Wambua", "WOMAN"), ("Peter", "Musyoka", "MAN")),
}  # fmt: skip

PARTNERSHIPS = (
    DemoPartnership(
        "Kibaha – Region Gotland", "Region Gotland", "Kibaha",
        "Prevention of sexual violence and the municipality's capacity to address it", "2022-03-01",
    ),
    DemoPartnership(
        "Stellenbosch – Jönköping", "Jönköping", "Stellenbosch",
        "Awareness of gender-based violence: teaching material on harmful norms and practices",
        "2022-09-01",
    ),
    DemoPartnership(
        "Machakos – Robertsfors", "Robertsfors", "Machakos",
        "Gender-equality policy and sustainable methods to institutionalise it", "2023-03-01",
    ),
)  # fmt: skip

FIND_PEOPLE = """
query($org: ID!) {
  people(first: 100, filter: {organisationId: $org}) { nodes { id givenName familyName } }
}
"""
CREATE_PERSON = """
mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }
"""
FIND_PARTNERSHIPS = """
query($search: String!) {
  partnerships(first: 100, filter: {search: $search}) {
    nodes { id title version steeringGroup { personId } }
  }
}
"""
CREATE_PARTNERSHIP = """
mutation($input: CreatePartnershipInput!) {
  createPartnership(input: $input) { partnership { id version } }
}
"""
SET_STEERING_GROUP = """
mutation($input: SetSteeringGroupInput!) { setSteeringGroup(input: $input) { partnership { id } } }
"""


def load_people(demo: Demo, organisation: str, people: Sequence[DemoPerson]) -> int:
    """Creates whoever of `people` the organisation does not have yet; returns how many."""
    api = demo.apis["partnerships"]
    org_id = demo.organisations[organisation]
    found = api.execute(FIND_PEOPLE, {"org": org_id})["people"]["nodes"]
    known = {f"{p['givenName']} {p['familyName']}": p["id"] for p in found}
    created = 0
    for person in people:
        if person.name not in known:
            profile = {
                "givenName": person.given,
                "familyName": person.family,
                "gender": person.gender,
                "role": person.role,
                "politicalSide": person.side,
                "senior": person.senior,
                "position": person.position,
            }
            payload = api.execute(
                CREATE_PERSON, {"input": {"organisationId": org_id, "profile": profile}}
            )
            known[person.name] = payload["createPerson"]["person"]["id"]
            created += 1
        demo.people[person.name] = known[person.name]
    return created


def _load_partnership(demo: Demo, spec: DemoPartnership) -> bool:
    api = demo.apis["partnerships"]
    found = api.execute(FIND_PARTNERSHIPS, {"search": spec.title})["partnerships"]["nodes"]
    existing = [p for p in found if p["title"] == spec.title]
    created = not existing
    if existing:
        partnership = existing[0]
    else:
        partnership = api.execute(CREATE_PARTNERSHIP, {"input": {
            "title": spec.title,
            "swedishPartnerId": demo.organisations[spec.swedish],
            "partnerIds": [demo.organisations[spec.partner]],
            "themes": ["GENDER_EQUALITY"],
            "focus": spec.focus,
            "startedOn": spec.started_on,
        }})["createPartnership"]["partnership"]  # fmt: skip
        partnership["steeringGroup"] = []
    demo.partnerships[spec.title] = partnership["id"]
    if not partnership["steeringGroup"]:
        # The first three of each team: majority, opposition, senior civil servant.
        members = [
            demo.people[p.name] for org in (spec.swedish, spec.partner) for p in PEOPLE[org][:3]
        ]
        group = {"partnershipId": partnership["id"], "version": partnership["version"]}
        api.execute(SET_STEERING_GROUP, {"input": {**group, "personIds": members}})
    return created


def load_partnerships(demo: Demo) -> str:
    people = sum(load_people(demo, org, team) for org, team in PEOPLE.items())
    partnerships = sum(_load_partnership(demo, spec) for spec in PARTNERSHIPS)
    return (
        f"{len(PARTNERSHIPS)} partnerships ({partnerships} new) with steering groups, "
        f"{sum(map(len, PEOPLE.values()))} people ({people} new)"
    )
