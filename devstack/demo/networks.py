"""Demo step: ICLD's gender-equality network of Colombia and Guatemala (SE, CO, GT; 2023–26).

Three member partnerships of Swedish municipalities with Colombian and Guatemalan ones,
national mentors per country and two practices. The places are real; the partnerships,
mentors and practices are fictional. The partnerships are created in the partnerships
service; the networks service learns of them from its events, asynchronously, so this step
waits until its projection has them before they join.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ..errors import DevstackError
from ..graphql import GraphQLClient
from .model import Demo
from .organisations import CREATE_ORGANISATION, FIND_ORGANISATIONS

NETWORK = "Gender equality network – Colombia and Guatemala"
PROJECTION_TIMEOUT_S = 60.0

ORGANISATIONS = (
    ("Eskilstuna", "SE"),
    ("Umeå", "SE"),
    ("Botkyrka", "SE"),
    ("Santander de Quilichao", "CO"),
    ("Villa Rica", "CO"),
    ("Quetzaltenango", "GT"),
    ("San Juan Sacatepéquez", "GT"),
)


@dataclass(frozen=True)
class Member:
    title: str
    swedish: str
    partners: tuple[str, ...]
    focus: str
    started_on: str
    joined_on: str


MEMBERS = (
    Member(
        "Santander de Quilichao – Quetzaltenango – Eskilstuna", "Eskilstuna",
        ("Santander de Quilichao", "Quetzaltenango"),
        "Women's participation and influence in local democracy", "2022-09-01", "2023-03-01",
    ),
    Member(
        "Villa Rica – Umeå", "Umeå", ("Villa Rica",),
        "Preventing gender-based violence", "2023-01-15", "2023-03-01",
    ),
    Member(
        "San Juan Sacatepéquez – Botkyrka", "Botkyrka", ("San Juan Sacatepéquez",),
        "Women's economic empowerment", "2023-06-01", "2024-02-01",
    ),
)  # fmt: skip

MENTORS = (
    {"country": "SE", "name": "Karin Lundgren", "affiliation": "Uppsala University",
     "email": "karin.lundgren@example.org", "phone": "+46 18 000 00 00"},
    {"country": "CO", "name": "Diana Restrepo", "affiliation": "Universidad del Cauca",
     "email": "diana.restrepo@example.org", "phone": "+57 602 000 0000"},
    {"country": "GT", "name": "Lucía Xicará", "affiliation": "Red de Mujeres Mayas",
     "email": "lucia.xicara@example.org", "phone": None},
)  # fmt: skip

PRACTICES = (
    (MEMBERS[0].title, {
        "title": "Consejos de mujeres antes del presupuesto participativo",
        "challenge": "Pocas mujeres hablaban en las audiencias del presupuesto participativo.",
        "solution": "Consejos barriales de mujeres prepararon propuestas antes de cada audiencia,"
                    " con cuidado infantil durante las sesiones.",
        "results": "El doble de mujeres presentó propuestas en 2024.",
        "lessonsLearned": "El cuidado infantil y la hora de la reunión importaron más que la"
                          " invitación.",
        "tags": ["presupuesto participativo", "participación de mujeres"],
        "language": "es",
    }),
    (MEMBERS[1].title, {
        "title": "Safety walks with women and girls",
        "challenge": "Women and girls avoided parts of the town centre after dark.",
        "solution": "Women, girls and the municipality's planners walked the routes together and"
                    " mapped lighting, hiding places and bus stops.",
        "results": "Street lighting on three routes; a bus stop moved.",
        "lessonsLearned": "Walk the route with the people who use it, at the hour they use it.",
        "tags": ["gender-based violence", "urban planning", "safety"],
        "language": "en",
    }),
)  # fmt: skip

FIND_PARTNERSHIPS = """
query($search: String!) {
  partnerships(first: 100, filter: {search: $search}) { nodes { id title } }
}
"""
CREATE_PARTNERSHIP = """
mutation($input: CreatePartnershipInput!) {
  createPartnership(input: $input) { partnership { id } }
}
"""
KNOWN = "query($id: ID!) { networksKnownPartnership(id: $id) { sourceVersion } }"
NETWORK_FIELDS = """
  id version status mentors { country }
  practices(first: 100) { nodes { id title partnershipId endorsements { partnershipId } } }
"""
# A page of 10: the name is unique, and a page of 100 networks with 100 practices each is
# over the service's cost limit (GRAPHQL_MAX_COST).
FIND_NETWORKS = f"""
query($search: String!) {{
  networks(first: 10, filter: {{search: $search}}) {{ nodes {{ name {NETWORK_FIELDS} }} }}
}}
"""
CREATE_NETWORK = f"""
mutation($input: CreateNetworkInput!) {{
  createNetwork(input: $input) {{ network {{ {NETWORK_FIELDS} }} }}
}}
"""
ACTIVATE = f"""
mutation($input: ChangeNetworkStatusInput!) {{
  changeNetworkStatus(input: $input) {{ network {{ {NETWORK_FIELDS} }} }}
}}
"""
SET_MENTORS = """
mutation($input: SetNetworkMentorsInput!) { setNetworkMentors(input: $input) { network { id } } }
"""
MEMBERSHIP = """
query($n: ID!, $p: ID!) { membership(networkId: $n, partnershipId: $p) { status } }
"""
JOIN = """
mutation($input: JoinNetworkInput!) { joinNetwork(input: $input) { membership { id } } }
"""
PUBLISH = """
mutation($input: PublishPracticeInput!) { publishPractice(input: $input) { practice { id } } }
"""
ENDORSE = """
mutation($input: EndorsePracticeInput!) { endorsePractice(input: $input) { practice { id } } }
"""


def _organisation(api: GraphQLClient, demo: Demo, name: str, country: str) -> None:
    found = api.execute(FIND_ORGANISATIONS, {"search": name, "country": country})
    ids = [n["id"] for n in found["organisations"]["nodes"] if n["name"] == name]
    if not ids:
        kind = "MUNICIPALITY" if country == "SE" else "LOCAL_GOVERNMENT"
        payload = api.execute(
            CREATE_ORGANISATION, {"input": {"name": name, "kind": kind, "country": country}}
        )
        ids = [payload["createOrganisation"]["organisation"]["id"]]
    demo.organisations[name] = ids[0]


def _partnership(api: GraphQLClient, demo: Demo, member: Member) -> bool:
    """Finds or creates the partnership; True when created."""
    found = api.execute(FIND_PARTNERSHIPS, {"search": member.title})["partnerships"]["nodes"]
    # The search matches parts of titles; only an exact match means "already loaded".
    ids = [p["id"] for p in found if p["title"] == member.title]
    if ids:
        demo.partnerships[member.title] = ids[0]
        return False
    demo.partnerships[member.title] = api.execute(CREATE_PARTNERSHIP, {"input": {
        "title": member.title,
        "swedishPartnerId": demo.organisations[member.swedish],
        "partnerIds": [demo.organisations[p] for p in member.partners],
        "themes": ["GENDER_EQUALITY"],
        "focus": member.focus,
        "startedOn": member.started_on,
    }})["createPartnership"]["partnership"]["id"]  # fmt: skip
    return True


def _known(api: GraphQLClient, partnership_id: str) -> object:
    return api.execute(KNOWN, {"id": partnership_id})["networksKnownPartnership"]


def _wait_until_projected(api: GraphQLClient, partnership_ids: list[str]) -> None:
    deadline = time.monotonic() + PROJECTION_TIMEOUT_S
    waiting = list(partnership_ids)
    while waiting:
        waiting = [i for i in waiting if _known(api, i) is None]
        if waiting and time.monotonic() > deadline:
            raise DevstackError(
                f"demo data: the networks service did not learn of partnerships {waiting} within"
                f" {PROJECTION_TIMEOUT_S:.0f}s: are events flowing through RabbitMQ?"
            )
        if waiting:
            time.sleep(0.2)


def _network(api: GraphQLClient) -> dict[str, Any]:
    found = api.execute(FIND_NETWORKS, {"search": NETWORK})["networks"]["nodes"]
    existing = [n for n in found if n["name"] == NETWORK]
    if existing:
        network: dict[str, Any] = existing[0]
    else:
        network = api.execute(CREATE_NETWORK, {"input": {
            "name": NETWORK,
            "theme": "GENDER_EQUALITY",
            "countries": ["SE", "CO", "GT"],
            "startsOn": "2023-01-01",
            "endsOn": "2026-12-31",
            "description": "Partnerships in Colombia and Guatemala exchange local solutions for"
                           " gender equality, with joint workshops and national mentors.",
        }})["createNetwork"]["network"]  # fmt: skip
    if network["status"] == "PLANNED":
        variables = {
            "input": {"id": network["id"], "version": network["version"], "status": "ACTIVE"}
        }
        network = api.execute(ACTIVATE, variables)["changeNetworkStatus"]["network"]
    if not network["mentors"]:
        variables = {"networkId": network["id"], "version": network["version"]}
        api.execute(SET_MENTORS, {"input": {**variables, "mentors": list(MENTORS)}})
    return network


def load_networks(demo: Demo) -> str:
    partnerships, networks = demo.apis["partnerships"], demo.apis["networks"]
    for name, country in ORGANISATIONS:
        _organisation(partnerships, demo, name, country)
    new_partnerships = sum(_partnership(partnerships, demo, m) for m in MEMBERS)
    _wait_until_projected(networks, [demo.partnerships[m.title] for m in MEMBERS])

    network = _network(networks)
    demo.networks[NETWORK] = network["id"]
    joined = 0
    for member in MEMBERS:
        ids = {"n": network["id"], "p": demo.partnerships[member.title]}
        if networks.execute(MEMBERSHIP, ids)["membership"] is None:
            join = {"networkId": ids["n"], "partnershipId": ids["p"], "joinedOn": member.joined_on}
            networks.execute(JOIN, {"input": join})
            joined += 1

    shared = {p["title"]: p for p in network["practices"]["nodes"]}
    published = 0
    for title, practice in PRACTICES:
        if practice["title"] not in shared:
            contributor = {"networkId": network["id"], "partnershipId": demo.partnerships[title]}
            payload = networks.execute(PUBLISH, {"input": {**contributor, **practice}})
            shared[practice["title"]] = {
                **payload["publishPractice"]["practice"],
                "endorsements": [],
            }
            published += 1
    # The third member endorses the first practice.
    first, endorser = shared[PRACTICES[0][1]["title"]], demo.partnerships[MEMBERS[2].title]
    if endorser not in {e["partnershipId"] for e in first["endorsements"]}:
        endorsement = {"practiceId": first["id"], "partnershipId": endorser}
        networks.execute(ENDORSE, {"input": endorsement})
    return (
        f"the gender-equality network (SE, CO, GT; 2023–2026) with {len(MEMBERS)} member"
        f" partnerships ({new_partnerships} new, {joined} joined now), {len(MENTORS)} national"
        f" mentors and {len(PRACTICES)} practices ({published} new)"
    )
