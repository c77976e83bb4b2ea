"""This service's read-only copies of what other services own, fed by their events.

- organisations and partnerships: the shared readers of partnerships' contract
  (services/contracts/organisation_views.py, partnership_views.py); a partnership's status,
  themes, countries and start decide whether it may join a network, and its organisations
  who may act for it.

Never written by a mutation, never read from the owner synchronously (docs/architecture.md).
Events can arrive out of order, so each view takes only a newer `version` than it holds.
"""

from __future__ import annotations

from services.contracts.organisation_views import OrganisationView
from services.contracts.partnership_views import PartnershipView

__all__ = ["OrganisationView", "PartnershipView"]
