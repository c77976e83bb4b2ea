"""This service's read-only copies of what other services own, fed by their events.

- people (partnerships): organisation, role and seniority, for registrations and the nominee
  rules of a network's ITP. Names and contact details are not copied: the gateway resolves
  them from the partnerships subgraph, which applies its own personal-data rule.
- networks (networks): name and status, to check the network a workshop or cohort is for.
- organisations and partnerships: the shared readers of partnerships' contract
  (services/contracts/organisation_views.py, partnership_views.py); a partnership's
  organisations and status check the partnership a registration is made through and find
  whose pending registrations to withdraw; an organisation's kind checks that a research
  application's principal investigator works at a university.

Never written by a mutation, never read from the owner synchronously (docs/architecture.md). Events
can arrive out of order (a failed delivery is retried after newer ones), so each view takes
only a newer `version` than it holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.common.events.envelope import Event
from services.common.store import Aggregate, Change
from services.contracts.networks import NetworkV1
from services.contracts.partnerships import PersonV1

from .domain import NothingToApply

PEOPLE = "people"
NETWORKS = "networks"
CLOSED = "closed"


class PersonView(Aggregate):
    organisation_id: str = ""
    role: str = ""
    senior: bool = False
    source_version: int = 0

    @property
    def known(self) -> bool:
        return self.source_version > 0


class NetworkView(Aggregate):
    name: str = ""
    status: str = ""
    source_version: int = 0

    @property
    def known(self) -> bool:
        return self.source_version > 0


def take_person(data: PersonV1) -> Change[PersonView]:
    def apply(view: PersonView) -> Sequence[Event]:
        if data.version <= view.source_version:
            raise NothingToApply  # an older, late event
        view.organisation_id, view.role = data.organisation_id, data.role
        view.senior, view.source_version = data.senior, data.version
        return ()

    return apply


def take_network(data: NetworkV1) -> Change[NetworkView]:
    def apply(view: NetworkView) -> Sequence[Event]:
        if data.version <= view.source_version:
            raise NothingToApply
        view.name, view.status, view.source_version = data.name, data.status, data.version
        return ()

    return apply
