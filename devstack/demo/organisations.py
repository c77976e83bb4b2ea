"""Demo step: the organisations of the three example partnerships and the universities whose
researchers apply to, and review for, the research call (research.py)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Demo


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    country: str


UNIVERSITIES = (
    DemoOrganisation("Uppsala University", "UNIVERSITY", "SE"),
    DemoOrganisation("Universidad de San Carlos de Guatemala", "UNIVERSITY", "GT"),
    DemoOrganisation("University of Dar es Salaam", "UNIVERSITY", "TZ"),
)

# The three example partnerships of ICLD's gender-equality network brochure, then the
# universities.
ORGANISATIONS = (
    DemoOrganisation("Region Gotland", "REGION", "SE"),
    DemoOrganisation("Kibaha", "LOCAL_GOVERNMENT", "TZ"),
    DemoOrganisation("Jönköping", "MUNICIPALITY", "SE"),
    DemoOrganisation("Stellenbosch", "LOCAL_GOVERNMENT", "ZA"),
    DemoOrganisation("Robertsfors", "MUNICIPALITY", "SE"),
    DemoOrganisation("Machakos", "LOCAL_GOVERNMENT", "KE"),
    *UNIVERSITIES,
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
