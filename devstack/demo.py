"""Demo data, loaded idempotently through the public GraphQL APIs.

Each step takes the shared `Demo` and returns one line for the user. Later steps
(partnerships, networks, workshops, grants) append themselves to STEPS and find the
ids of what earlier steps loaded on the `Demo`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint

from .errors import DevstackError
from .graphql import GraphQLClient, GraphQLError
from .signals import StopSignal


@dataclass
class Demo:
    apis: Mapping[str, GraphQLClient]
    """Per service name, its subgraph's client (signed in as an officer)."""
    organisations: dict[str, str] = field(default_factory=dict)
    """Organisation id by name."""


Step = Callable[[Demo], str]


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    country: str


# The three example partnerships of ICLD's gender-equality network brochure.
ORGANISATIONS = (
    DemoOrganisation("Region Gotland", "REGION", "SE"),
    DemoOrganisation("Kibaha", "LOCAL_GOVERNMENT", "TZ"),
    DemoOrganisation("Jönköping", "MUNICIPALITY", "SE"),
    DemoOrganisation("Stellenbosch", "LOCAL_GOVERNMENT", "ZA"),
    DemoOrganisation("Robertsfors", "MUNICIPALITY", "SE"),
    DemoOrganisation("Machakos", "LOCAL_GOVERNMENT", "KE"),
)

FIND_ORGANISATIONS = """
query FindOrganisations($search: String!, $country: String!) {
  organisations(first: 100, filter: {search: $search, country: $country}) {
    nodes { id name }
  }
}
"""

CREATE_ORGANISATION = """
mutation CreateOrganisation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id } }
}
"""


def load_organisations(demo: Demo) -> str:
    api = demo.apis["partnerships"]
    created = 0
    for org in ORGANISATIONS:
        found = api.execute(FIND_ORGANISATIONS, {"search": org.name, "country": org.country})
        # The search matches parts of names; only an exact match means "already loaded".
        ids = [n["id"] for n in found["organisations"]["nodes"] if n["name"] == org.name]
        if ids:
            demo.organisations[org.name] = ids[0]
            continue
        payload = api.execute(
            CREATE_ORGANISATION,
            {"input": {"name": org.name, "kind": org.kind, "country": org.country}},
        )
        demo.organisations[org.name] = payload["createOrganisation"]["organisation"]["id"]
        created += 1
    return f"{len(ORGANISATIONS)} organisations ({created} new)"


STEPS: tuple[Step, ...] = (load_organisations,)


def load(graphql_urls: Mapping[str, str], stop: StopSignal) -> list[str]:
    """Runs every step; returns their summary lines. DevstackError names the failing step."""
    token = mint(Settings(), Role.OFFICER, sub="devstack-demo")
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        demo = Demo({name: GraphQLClient(http, url) for name, url in graphql_urls.items()})
        lines = []
        for step in STEPS:
            stop.check()
            try:
                lines.append(step(demo))
            except (GraphQLError, httpx.HTTPError) as exc:
                raise DevstackError(f"demo data: step {step.__name__} failed: {exc}") from exc
        return lines
