"""Demo data, loaded idempotently through the public GraphQL APIs.

Each step takes the shared `Demo` and returns one line for the user. Later steps
(partnerships, networks, workshops, grants, research) append themselves to STEPS and find the
ids of what earlier steps loaded on the `Demo`.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from services.common.auth import Role
from services.common.gateway_credential import credential_headers
from services.common.settings import Settings
from services.common.tokens import mint

from ..errors import DevstackError
from ..graphql import GraphQLClient, GraphQLError
from ..signals import StopSignal
from .finance import load_finance
from .model import Demo, Step
from .networks import load_networks
from .organisations import load_organisations
from .partnerships import load_partnerships
from .programme import load_programme
from .research import load_research
from .training import load_training

STEPS: tuple[Step, ...] = (
    load_organisations,
    load_partnerships,
    load_programme,
    load_networks,
    load_finance,
    load_training,
    load_research,
)


def load(graphql_urls: Mapping[str, str], stop: StopSignal) -> list[str]:
    """Runs every step; returns their summary lines. DevstackError names the failing step."""
    settings = Settings()
    token = mint(settings, Role.OFFICER, sub="devstack-demo")
    # Straight to the services, so with the gateway's credential as well.
    headers = {"Authorization": f"Bearer {token}", **credential_headers(settings.subgraph_secret)}
    with httpx.Client(headers=headers, timeout=30) as http:
        demo = Demo({name: GraphQLClient(http, url) for name, url in graphql_urls.items()})
        lines = []
        for step in STEPS:
            stop.check()
            try:
                lines.append(step(demo))
            except (GraphQLError, httpx.HTTPError) as exc:
                raise DevstackError(f"demo data: step {step.__name__} failed: {exc}") from exc
        return lines
