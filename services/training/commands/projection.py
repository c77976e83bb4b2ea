"""What the commands check of the copies other services' events keep here (projection.py;
an event updates one through services/common/views.py)."""

from __future__ import annotations

from services.common.errors import BadUserInput
from services.common.views import require_known
from services.contracts.partnership_views import PartnershipView

from ..projection import CLOSED, NetworkView, PersonView
from ..repositories import Repositories


async def known_person(repos: Repositories, person_id: str) -> PersonView:
    view = await repos.people.get(person_id)
    return require_known(view, "training", "person", person_id, "personId")


async def usable_partnership(
    repos: Repositories, partnership_id: str, organisation_id: str
) -> PartnershipView:
    """The partnership a registration is made through: known, not closed, the person's."""
    view = await repos.partnerships.get(partnership_id)
    view = require_known(view, "training", "partnership", partnership_id, "partnershipId")
    if view.status == CLOSED:
        raise BadUserInput("the partnership is closed", field="partnershipId")
    if organisation_id not in view.organisation_ids:
        raise BadUserInput(
            "the person's organisation is not a partner of this partnership",
            field="partnershipId",
        )
    return view


async def partnership_closed(repos: Repositories, partnership_id: str) -> bool:
    view = await repos.partnerships.get(partnership_id)
    return view is not None and view.status == CLOSED


async def usable_network(repos: Repositories, network_id: str) -> NetworkView:
    view = await repos.networks.get(network_id)
    view = require_known(view, "training", "network", network_id, "networkId")
    if view.status == CLOSED:
        raise BadUserInput("the network is closed", field="networkId")
    return view
