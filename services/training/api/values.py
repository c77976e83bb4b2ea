"""Value types of the training subgraph: output types that refer to no other type of its
graph (types.py builds on them)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from services.common.money import MoneyType
from services.common.output_types import from_attributes

from ..domain.registration import ChangeProject, ProgressReport, StatusChange
from ..domain.workshop import CostLine
from .enums import CostCategory, RegistrationStatus


@strawberry.type(name="WorkshopCostLine", description="A cost of a workshop, recorded by staff")
class WorkshopCostLineType:
    category: CostCategory
    amount: MoneyType
    description: str

    @classmethod
    def of(cls, line: CostLine) -> WorkshopCostLineType:
        return from_attributes(cls, line, amount=MoneyType.of(line.amount))


@strawberry.type(name="RegistrationStatusChange")
class StatusChangeType:
    at: datetime
    actor: str
    from_status: RegistrationStatus | None
    to_status: RegistrationStatus
    note: str | None

    @classmethod
    def of(cls, change: StatusChange) -> StatusChangeType:
        return from_attributes(cls, change)


@strawberry.type(name="ProgressReport")
class ProgressReportType:
    at: datetime
    by: str
    text: str
    final: bool

    @classmethod
    def of(cls, report: ProgressReport) -> ProgressReportType:
        return from_attributes(cls, report)


@strawberry.type(name="ChangeProject", description="An ITP participant's change project")
class ChangeProjectType:
    outline: str
    reports: list[ProgressReportType]
    reported: bool = strawberry.field(description="Whether the final report is in")

    @classmethod
    def of(cls, project: ChangeProject) -> ChangeProjectType:
        return from_attributes(
            cls, project, reports=[ProgressReportType.of(r) for r in project.reports]
        )


# --- what the projections hold (staff diagnostics) ---------------------------------------------


@strawberry.type(name="KnownPerson", description="A person as this service knows it")
class KnownPersonType:
    id: strawberry.ID
    organisation_id: strawberry.ID
    role: str
    senior: bool
    source_version: int


@strawberry.type(name="KnownNetwork", description="A network as this service knows it")
class KnownNetworkType:
    id: strawberry.ID
    name: str
    status: str
    source_version: int
