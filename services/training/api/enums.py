"""The domain's enums as GraphQL enums, each registered with its name once, before types.py
or inputs.py uses it (strawberry would otherwise name an enum it meets first by itself)."""

from __future__ import annotations

import strawberry

from services.common.vocabulary import CostCategory, Theme

from ..domain.registration import Decision, RegistrationStatus
from ..domain.workshop import WorkshopKind, WorkshopStatus

strawberry.enum(Theme)
strawberry.enum(CostCategory)
strawberry.enum(WorkshopKind)
strawberry.enum(WorkshopStatus)
strawberry.enum(RegistrationStatus)
strawberry.enum(Decision)

__all__ = [
    "CostCategory",
    "Decision",
    "RegistrationStatus",
    "Theme",
    "WorkshopKind",
    "WorkshopStatus",
]
