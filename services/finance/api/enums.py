"""The domain's enums as GraphQL enums, each registered with its name once, before types.py
or inputs.py uses it (strawberry would otherwise name an enum it meets first by itself)."""

from __future__ import annotations

import strawberry

from services.common.vocabulary import CostCategory

from ..domain.deadlines import DeadlineStatus
from ..domain.funding import FundingKind
from ..domain.grant import (
    BudgetType,
    DisbursementStatus,
    ExpenseSource,
    ExpenseStatus,
    GrantStatus,
    ReportStatus,
)
from ..domain.research_grant import GrantKind, PaymentStage
from ..domain.rules import ApplicationType, CapKind, CapPeriod, Region
from ..domain.totals import TotalsGrouping

strawberry.enum(CostCategory)
strawberry.enum(GrantStatus, name="GrantStatus", description="IATI ActivityStatus (1–6)")
strawberry.enum(ApplicationType, name="GrantApplicationType")
strawberry.enum(Region, name="BudgetRegion")
strawberry.enum(CapKind, name="CapPartnershipKind")
strawberry.enum(CapPeriod, name="CapPeriod")
strawberry.enum(BudgetType, name="BudgetType", description="IATI BudgetType: 1 Original, 2 Revised")
strawberry.enum(ExpenseStatus, name="ExpenseStatus")
strawberry.enum(ExpenseSource, name="ExpenseSource")
strawberry.enum(ReportStatus, name="FinancialReportStatus")
strawberry.enum(DisbursementStatus, name="DisbursementStatus")
strawberry.enum(
    DeadlineStatus,
    name="ReportDeadlineStatus",
    description="Where a year's financial report stands against its deadline",
)
strawberry.enum(FundingKind, name="TrainingFundingKind")
strawberry.enum(GrantKind, name="GrantKind")
strawberry.enum(
    PaymentStage,
    name="ResearchPaymentStage",
    description="ADVANCE once the grant is open; FINAL once the final report is accepted",
)
strawberry.enum(TotalsGrouping, name="FundingTotalsGrouping")

__all__ = [
    "ApplicationType",
    "BudgetType",
    "CapKind",
    "CapPeriod",
    "CostCategory",
    "DeadlineStatus",
    "DisbursementStatus",
    "ExpenseSource",
    "ExpenseStatus",
    "FundingKind",
    "GrantKind",
    "GrantStatus",
    "PaymentStage",
    "Region",
    "ReportStatus",
    "TotalsGrouping",
]
