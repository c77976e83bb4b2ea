"""Builds grants through the finance API and feeds it the producers' events, published with
their own EventSpecs on the real broker under the test's prefix."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from prometheus_client import REGISTRY

from services.common.auth import Role
from services.common.events.bus import EventBus
from services.common.events.envelope import Event
from services.contracts.networks import NETWORK_CREATED, NetworkV1
from services.contracts.partnerships import (
    APPLICATION_DECIDED,
    PARTNERSHIP_CREATED,
    VISIT_COMPLETED,
    ApplicationDecidedV1,
    BudgetLineV1,
    PartnershipV1,
    VisitV1,
)
from services.contracts.training import WORKSHOP_COMPLETED, CostLineV1, WorkshopV1
from services.finance.domain.grant import grant_id_for

from ..support.services import RunningService
from ..support.waiting import eventually
from ..support.writes import assert_refused

TODAY = date(2025, 6, 16)
DECIDED_ON = date(2024, 1, 15)
"""Year 1 of a grant agreed from this day runs to 2025-01-14 (over by TODAY), year 2 from
2025-01-15 to 2026-01-14."""

MONEY = "{ amount currency }"
EXPENSE_FIELDS = f"""
  id version status source sourceRef participantId category incurredOn year
  amount {MONEY} exchangeRate rateDate sekAmount {MONEY} receiptReference description
"""
REPORT_FIELDS = f"""
  id version accountingYear final status yearStartsOn yearEndsOn submittedOn approvedOn
  lines {{ category budget {MONEY} actual {MONEY} variance {MONEY} }}
  budgetTotal {MONEY} actualTotal {MONEY}
"""
DISBURSEMENT_FIELDS = f"""
  id reportId accountingYear amount {MONEY} status approvedOn paidOn iatiTransactionType
"""
GRANT_FIELDS = f"""
  id applicationId caseNumber partnershipId type status iatiActivityStatus partnershipKind
  partnership {{ id }} application {{ id }}
  countries region conditions durationMonths years decidedOn startsOn endsOn rulesValidFrom
  originalAmount {MONEY} approvedAmount {MONEY} spent {MONEY} disbursed {MONEY}
  remaining {MONEY}
  budget {{ number type iatiBudgetType total {MONEY} lines {{ year category amount {MONEY} }} }}
  budgets {{ number type note }}
  budgetBreaches version
  reports {{ {REPORT_FIELDS} }}
  disbursements {{ {DISBURSEMENT_FIELDS} }}
  expenses(first: 100) {{ totalCount nodes {{ {EXPENSE_FIELDS} }} }}
  auditTrail {{ actor action fromStatus toStatus note version }}
"""
GRANT = f"query($id: ID!) {{ grant(id: $id) {{ {GRANT_FIELDS} }} }}"
GRANTS = """
query($first: Int, $after: String, $filter: GrantFilter) {
  grants(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id caseNumber status }
  }
}"""
AGREE = f"""
mutation($input: AgreeGrantInput!) {{
  agreeGrant(input: $input) {{ grant {{ {GRANT_FIELDS} }} }}
}}"""
REVISE = f"""
mutation($input: ReviseGrantBudgetInput!) {{
  reviseGrantBudget(input: $input) {{ grant {{ {GRANT_FIELDS} }} }}
}}"""
CHANGE_STATUS = f"""
mutation($input: ChangeGrantStatusInput!) {{
  changeGrantStatus(input: $input) {{ grant {{ {GRANT_FIELDS} }} }}
}}"""
RECORD = f"""
mutation($input: RecordExpenseInput!) {{
  recordExpense(input: $input) {{ grant {{ id version }} expense {{ {EXPENSE_FIELDS} }} }}
}}"""
COMPLETE = f"""
mutation($input: CompleteExpenseInput!) {{
  completeExpense(input: $input) {{ grant {{ id version }} expense {{ {EXPENSE_FIELDS} }} }}
}}"""
WITHDRAW = f"""
mutation($input: WithdrawExpenseInput!) {{
  withdrawExpense(input: $input) {{ grant {{ id version }} expense {{ {EXPENSE_FIELDS} }} }}
}}"""


def _report_mutation(name: str, input_type: str) -> str:
    return (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{"
        f" grant {{ id version }} report {{ {REPORT_FIELDS} }} }} }}"
    )


OPEN_REPORT = _report_mutation("openFinancialReport", "OpenFinancialReportInput")
SUBMIT_REPORT = _report_mutation("submitFinancialReport", "SubmitFinancialReportInput")
CONTROL_REPORT = _report_mutation("controlFinancialReport", "ControlFinancialReportInput")
APPROVE_REPORT = _report_mutation("approveFinancialReport", "ApproveFinancialReportInput")
REOPEN_REPORT = _report_mutation("reopenFinancialReport", "ReopenFinancialReportInput")
APPROVE_DISBURSEMENT = f"""
mutation($input: ApproveDisbursementInput!) {{
  approveDisbursement(input: $input) {{
    grant {{ id version remaining {MONEY} }} disbursement {{ {DISBURSEMENT_FIELDS} }}
  }}
}}"""
PAY_DISBURSEMENT = f"""
mutation($input: PayDisbursementInput!) {{
  payDisbursement(input: $input) {{
    grant {{ id version disbursed {MONEY} }} disbursement {{ {DISBURSEMENT_FIELDS} }}
  }}
}}"""
KNOWN = """
query($id: ID!) {
  financePartnership(id: $id) {
    title status themes countries organisationIds sourceVersion statusVersion
    unfundedVisits { visitId startsOn participants reason }
  }
}"""

PROJECT_BUDGET: tuple[tuple[int, str, str], ...] = (
    (1, "international_travel", "120000.00"),
    (1, "accommodation", "45000.00"),
    (1, "meals", "15000.00"),
    (1, "working_hours", "150000.00"),
    (2, "international_travel", "110000.00"),
    (2, "interpretation", "20000.00"),
)
"""A two-year project budget: 330 000 SEK in year 1, 130 000 in year 2 (caps: 450 000 in
Europe, 500 000 in Africa/Asia and Latin America for two partners)."""


def budget(lines: tuple[tuple[int, str, str], ...] = PROJECT_BUDGET) -> list[BudgetLineV1]:
    return [
        BudgetLineV1(
            year=year,
            category=category,
            amount_minor=int(Decimal(amount) * 100),
            currency="SEK",
        )
        for year, category, amount in lines
    ]


def consumed(event_type: str) -> float:
    """How many events of the type this process's consumers have handled successfully."""
    value = REGISTRY.get_sample_value(
        "icld_events_consumed_total", {"type": event_type, "outcome": "applied"}
    )
    return value or 0.0


def at(day: date, event: Event) -> Event:
    """The event as if it happened on `day` (the decision day of a grant)."""
    return event.model_copy(update={"time": datetime.combine(day, time(10), UTC)})


@dataclass
class Partnership:
    id: str
    countries: list[str]
    themes: list[str]
    swedish_partner_id: str
    partner_ids: list[str]
    version: int = 1
    status: str = "active"
    title: str = "A partnership"

    @property
    def organisation_ids(self) -> list[str]:
        return [self.swedish_partner_id, *self.partner_ids]

    @property
    def kind(self) -> str:
        return {1: "bilateral", 2: "tripartite"}.get(len(self.partner_ids), "multilateral")

    def snapshot(self) -> PartnershipV1:
        return PartnershipV1(
            id=self.id,
            version=self.version,
            title=self.title,
            swedish_partner_id=self.swedish_partner_id,
            partner_ids=self.partner_ids,
            organisation_ids=self.organisation_ids,
            countries=self.countries,
            kind=self.kind,
            themes=self.themes,
            focus="",
            status=self.status,
            started_on=date(2022, 1, 1),
        )


def coordinator(partnership: Partnership, partner: int = 0) -> dict[str, Any]:
    """Auth of a coordinator of one of the partnership's organisations (0: the Swedish)."""
    return {"role": Role.COORDINATOR, "org": partnership.organisation_ids[partner]}


@dataclass
class World:
    service: RunningService
    bus: EventBus
    cases: int = 0
    partnerships: list[Partnership] = field(default_factory=list)

    async def publish(self, event: Event) -> None:
        await self.bus.publish(event)

    async def data(self, query: str, variables: dict[str, Any] | None = None, **auth: Any) -> Any:
        return await self.service.data(query, variables, **auth)

    # --- other services' events -----------------------------------------------------------

    async def partnership(
        self,
        countries: tuple[str, ...] = ("SE", "TZ"),
        themes: tuple[str, ...] = ("gender_equality",),
    ) -> Partnership:
        """A partnership announced by PARTNERSHIP_CREATED, once the projection has it."""
        n = len(self.partnerships)
        tag = uuid.uuid4().hex[:6]
        partnership = Partnership(
            id=f"p{n}-{tag}",
            countries=list(countries),
            themes=list(themes),
            swedish_partner_id=f"org-se-{n}-{tag}",
            partner_ids=[f"org-{c.lower()}-{n}-{tag}" for c in countries[1:]],
            title=f"Partnership {n}",
        )
        self.partnerships.append(partnership)
        await self.publish(PARTNERSHIP_CREATED.new(partnership.id, partnership.snapshot()))
        await self.known(partnership.id)
        return partnership

    async def known(self, partnership_id: str, *, source_version: int = 1) -> dict[str, Any]:
        async def arrived() -> bool:
            known = (await self.data(KNOWN, {"id": partnership_id}))["financePartnership"]
            return known is not None and known["sourceVersion"] >= source_version

        await eventually(arrived, what=f"partnership {partnership_id} projected")
        known: dict[str, Any] = (await self.data(KNOWN, {"id": partnership_id}))[
            "financePartnership"
        ]
        return known

    def decision(
        self,
        partnership: Partnership,
        *,
        lines: tuple[tuple[int, str, str], ...] = PROJECT_BUDGET,
        type: str = "project",
        outcome: str = "approved",
        duration_months: int = 24,
        decided_on: date = DECIDED_ON,
        application_id: str | None = None,
    ) -> Event:
        """APPLICATION_DECIDED as partnerships publishes it (not yet published)."""
        self.cases += 1
        data = ApplicationDecidedV1(
            id=application_id or f"app-{uuid.uuid4().hex[:8]}",
            version=4,
            case_number=f"{decided_on.year}-{self.cases:04d}",
            partnership_id=partnership.id,
            partnership_kind=partnership.kind,
            countries=partnership.countries,
            type=type,
            outcome=outcome,
            conditions="Report twice a year" if outcome == "approved_with_conditions" else None,
            duration_months=duration_months,
            approved_budget=budget(lines) if outcome != "rejected" else [],
        )
        return at(decided_on, APPLICATION_DECIDED.new(data.id, data))

    async def grant_of(self, application_id: str) -> dict[str, Any]:
        """The grant of an application, once the reaction has opened it."""
        grant_id = grant_id_for(application_id)

        async def opened() -> bool:
            return (await self.data(GRANT, {"id": grant_id}))["grant"] is not None

        await eventually(opened, what=f"grant of {application_id} opened")
        return await self.grant(grant_id)

    async def grant(self, grant_id: str) -> dict[str, Any]:
        found: dict[str, Any] = (await self.data(GRANT, {"id": grant_id}))["grant"]
        return found

    async def opened_grant(
        self, partnership: Partnership | None = None, **decision: Any
    ) -> dict[str, Any]:
        """A grant in the pipeline, opened by an approval."""
        partnership = partnership or await self.partnership()
        event = self.decision(partnership, **decision)
        await self.publish(event)
        return await self.grant_of(event.subject)

    async def agreed_grant(
        self, partnership: Partnership | None = None, **decision: Any
    ) -> dict[str, Any]:
        """A grant in implementation, agreed from its decision day."""
        grant = await self.opened_grant(partnership, **decision)
        return await self.agree(grant, grant["decidedOn"])

    async def agree(self, grant: dict[str, Any], starts_on: str) -> dict[str, Any]:
        variables = {
            "input": {"id": grant["id"], "version": grant["version"], "startsOn": starts_on}
        }
        agreed: dict[str, Any] = (await self.data(AGREE, variables))["agreeGrant"]["grant"]
        return agreed

    def visit(
        self,
        partnership: Partnership,
        starts_on: date,
        participants: tuple[str, ...] = ("person-a", "person-b"),
    ) -> Event:
        data = VisitV1(
            id=f"visit-{uuid.uuid4().hex[:8]}",
            version=2,
            partnership_id=partnership.id,
            host_organisation_id=partnership.partner_ids[0],
            host_country=partnership.countries[1],
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=4),
            participant_ids=list(participants),
            purpose="Steering group meeting",
            status="completed",
        )
        return VISIT_COMPLETED.new(data.id, data)

    def workshop(
        self,
        *,
        network_id: str | None = None,
        cohort_id: str | None = None,
        programme_id: str | None = None,
        costs: tuple[tuple[str, int, str], ...] = (("venue", 2_500_000, "SEK"),),
    ) -> Event:
        data = WorkshopV1(
            id=f"ws-{uuid.uuid4().hex[:8]}",
            version=3,
            kind="network_workshop" if network_id else "itp_phase",
            title="Joint workshop in Bogotá",
            network_id=network_id,
            cohort_id=cohort_id,
            programme_id=programme_id,
            city="Bogotá",
            country="CO",
            starts_on=date(2024, 5, 6),
            ends_on=date(2024, 5, 10),
            capacity=30,
            status="completed",
            participants=24,
            costs=[CostLineV1(category=c, amount_minor=m, currency=cur) for c, m, cur in costs],
        )
        return WORKSHOP_COMPLETED.new(data.id, data)

    def network(self, network_id: str, version: int = 1, name: str = "Gender network") -> Event:
        data = NetworkV1(
            id=network_id,
            version=version,
            name=name,
            theme="gender_equality",
            countries=["SE", "CO", "GT"],
            starts_on=date(2023, 1, 1),
            ends_on=date(2026, 12, 31),
            status="active",
            closed_on=None,
            mentor_countries=["CO"],
        )
        return NETWORK_CREATED.new(data.id, data)

    async def handled(self, event_type: str, before: float, count: int = 1) -> None:
        async def done() -> bool:
            return consumed(event_type) >= before + count

        await eventually(done, what=f"{count} x {event_type} handled")

    # --- the finance API ------------------------------------------------------------------

    async def record(
        self, grant: dict[str, Any], auth: dict[str, Any] | None = None, **overrides: Any
    ) -> dict[str, Any]:
        variables = {"input": expense_input(grant["id"], **overrides)}
        data = await self.data(RECORD, variables, **(auth or {}))
        expense: dict[str, Any] = data["recordExpense"]["expense"]
        return expense

    async def report(self, grant_id: str, year: int, **auth: Any) -> dict[str, Any]:
        variables = {"input": {"grantId": grant_id, "accountingYear": year}}
        report: dict[str, Any] = (await self.data(OPEN_REPORT, variables, **auth))[
            "openFinancialReport"
        ]["report"]
        return report

    async def step(
        self, mutation: str, name: str, grant_id: str, report: dict[str, Any], **extra: Any
    ) -> dict[str, Any]:
        fields = {"grantId": grant_id, "reportId": report["id"], "version": report["version"]}
        data = await self.data(mutation, {"input": {**fields, **extra}})
        moved: dict[str, Any] = data[name]["report"]
        return moved

    async def approved_report(self, grant_id: str, year: int = 1) -> dict[str, Any]:
        report = await self.report(grant_id, year)
        report = await self.step(SUBMIT_REPORT, "submitFinancialReport", grant_id, report)
        report = await self.step(CONTROL_REPORT, "controlFinancialReport", grant_id, report)
        return await self.step(APPROVE_REPORT, "approveFinancialReport", grant_id, report)

    async def assert_refused(
        self,
        query: str,
        variables: dict[str, Any],
        code: str,
        field: str | None = None,
        **auth: Any,
    ) -> dict[str, Any]:
        return await assert_refused(self.service, query, variables, code, field, **auth)


def expense_input(grant_id: str, **overrides: Any) -> dict[str, Any]:
    """International travel in year 1 of a grant agreed from DECIDED_ON, in Tanzanian
    shillings: 1 234 567.89 TZS at 0.0041 SEK = 5 061.728349 → 5 061.73 SEK."""
    return {
        "grantId": grant_id,
        "incurredOn": "2024-03-04",
        "category": "INTERNATIONAL_TRAVEL",
        "amount": {"amount": "1234567.89", "currency": "TZS"},
        "exchangeRate": "0.0041",
        "rateDate": "2024-03-01",
        "receiptReference": "KIB-2024-017",
        "description": "Flights Dar es Salaam – Visby",
        **overrides,
    }
