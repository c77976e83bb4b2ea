"""End to end: partnerships publishes, networks/training/finance project, over real servers."""

from __future__ import annotations

import pytest

from services.finance.service import SPEC as FINANCE
from services.networks.service import SPEC as NETWORKS
from services.partnerships.service import SPEC as PARTNERSHIPS
from services.training.service import SPEC as TRAINING

from .support.services import RunningService, running_service
from .support.waiting import eventually

CREATE = """
mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id version } }
}"""
UPDATE = """
mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { id version name } }
}"""


async def _known(service: RunningService, org_id: str) -> dict[str, object] | None:
    field = f"{service.runtime.spec.name}KnownOrganisation"
    query = f"query($id: ID!) {{ {field}(id: $id) {{ name country sourceVersion }} }}"
    data = await service.data(query, {"id": org_id})
    known: dict[str, object] | None = data[field]
    return known


@pytest.mark.parametrize("consumer_spec", [NETWORKS, TRAINING, FINANCE], ids=lambda s: s.name)
async def test_organisation_changes_reach_consumers_projection(
    mongo_url: str, broker_url: str, unique: str, consumer_spec: object
) -> None:
    prefix = f"test-{unique}"
    async with (
        running_service(PARTNERSHIPS, mongo_url, broker_url, prefix) as partnerships,
        running_service(consumer_spec, mongo_url, broker_url, prefix) as consumer,  # type: ignore[arg-type]
    ):
        created = await partnerships.data(
            CREATE, {"input": {"name": "Kibaha", "kind": "LOCAL_GOVERNMENT", "country": "TZ"}}
        )
        org_id = created["createOrganisation"]["organisation"]["id"]

        async def projected_v1() -> bool:
            return await _known(consumer, org_id) == {
                "name": "Kibaha",
                "country": "TZ",
                "sourceVersion": 1,
            }

        await eventually(projected_v1, what="created organisation projected")

        await partnerships.data(
            UPDATE, {"input": {"id": org_id, "version": 1, "name": "Kibaha TC"}}
        )

        async def projected_v2() -> bool:
            return await _known(consumer, org_id) == {
                "name": "Kibaha TC",
                "country": "TZ",
                "sourceVersion": 2,
            }

        await eventually(projected_v2, what="update projected")
