"""The domain's enums as GraphQL enums, each registered with its name once, before types.py
or inputs.py uses it (strawberry would otherwise name an enum it meets first by itself)."""

from __future__ import annotations

import strawberry

from services.common.vocabulary import CostCategory, Theme

from ..domain.application import ApplicationStatus, DecisionOutcome, Eligibility
from ..domain.call import ApplicationKind
from ..domain.organisation import OrganisationKind
from ..domain.partnership import PartnershipKind, PartnershipStatus
from ..domain.person import Gender, PersonRole, PoliticalSide
from ..domain.visit import VisitStatus

strawberry.enum(OrganisationKind)
strawberry.enum(PersonRole)
strawberry.enum(PoliticalSide)
strawberry.enum(Gender)
strawberry.enum(PartnershipStatus)
strawberry.enum(PartnershipKind)
strawberry.enum(Theme)
strawberry.enum(VisitStatus)
strawberry.enum(ApplicationKind, name="ApplicationKind")
strawberry.enum(ApplicationStatus)
strawberry.enum(Eligibility)
strawberry.enum(DecisionOutcome)
strawberry.enum(CostCategory)

__all__ = [
    "ApplicationKind",
    "ApplicationStatus",
    "CostCategory",
    "DecisionOutcome",
    "Eligibility",
    "Gender",
    "OrganisationKind",
    "PartnershipKind",
    "PartnershipStatus",
    "PersonRole",
    "PoliticalSide",
    "Theme",
    "VisitStatus",
]
