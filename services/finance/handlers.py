"""Events the finance service reacts to.

- Organisation and partnership events feed the local projections (newer versions only).
- An application approved (with or without conditions): the grant opens with the approved
  budget. Its id derives from the application's, so a second delivery — or a second event
  about the same decision — finds it and changes nothing.
- A visit completed: its participants' travel costs are drafted against the partnership's
  grant that covers it, or the visit waits on the partnership's record (domain.expenses).
- A workshop completed: its costs are booked against its funder (domain.funding); network
  events keep the network's details on its funding.
- A partnership closed: its grants not yet closed or cancelled move to finalisation.
- A research application approved: its research grant opens with the approved budget within
  the call's cap (domain.research_grant; a decision over the cap is refused and
  dead-lettered); its final report accepted: the final payment may be approved.

Each handler translates the producer's contract into finance's own terms and calls a
command (services/finance/commands/). Every effect goes through `AggregateStore.apply`,
which stores the event id with the effect in one write: a redelivered event finds its id
and changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from services.common.events.consumer import Handler
from services.common.events.envelope import Event
from services.contracts.networks import NETWORK_CLOSED, NETWORK_CREATED, NETWORK_UPDATED, NetworkV1
from services.contracts.organisation_views import organisation_handlers
from services.contracts.partnership_views import partnership_handlers
from services.contracts.partnerships import (
    APPLICATION_DECIDED,
    VISIT_COMPLETED,
    ApplicationDecidedV1,
    BudgetLineV1,
    VisitV1,
)
from services.contracts.training import (
    RESEARCH_APPLICATION_DECIDED,
    RESEARCH_APPLICATION_REPORTED,
    WORKSHOP_COMPLETED,
    ResearchApplicationDecidedV1,
    ResearchApplicationReportedV1,
    ResearchBudgetLineV1,
    WorkshopV1,
)

from .commands.expenses import draft_completed_visit
from .commands.fundings import book_completed_workshop, keep_network
from .commands.grants import finalise_grants_of, open_grant
from .commands.research_grants import open_research_grant, record_final_report
from .domain.expenses import VisitRecord
from .domain.funding import CompletedWorkshop, HeldWorkshop, NetworkDetails, ReportedCost
from .domain.grant import DecidedLine, Decision
from .domain.research_grant import ResearchDecision
from .repositories import Repositories


def handlers(repos: Repositories) -> Mapping[str, Handler]:
    async def on_partnership_closed(event: Event, partnership_id: str) -> None:
        # After the projection: a grant opened now sees the partnership closed, and one
        # opened before is found by the command (see open_grant for the race).
        await finalise_grants_of(repos, event, partnership_id)

    async def on_application_decided(event: Event) -> None:
        data = ApplicationDecidedV1.model_validate(event.data)
        await open_grant(repos, event, decision_of(data))

    async def on_visit_completed(event: Event) -> None:
        data = VisitV1.model_validate(event.data)
        await draft_completed_visit(repos, event, data.partnership_id, visit_record_of(data))

    async def on_workshop_completed(event: Event) -> None:
        data = WorkshopV1.model_validate(event.data)
        await book_completed_workshop(repos, event, completed_workshop_of(data))

    async def on_network(event: Event) -> None:
        data = NetworkV1.model_validate(event.data)
        await keep_network(repos, event, network_details_of(data))

    async def on_research_decided(event: Event) -> None:
        data = ResearchApplicationDecidedV1.model_validate(event.data)
        await open_research_grant(repos, event, research_decision_of(data))

    async def on_research_reported(event: Event) -> None:
        data = ResearchApplicationReportedV1.model_validate(event.data)
        await record_final_report(repos, event, data.id, data.accepted_on)

    return {
        **organisation_handlers(repos.organisations),
        **partnership_handlers(repos.partnerships, on_partnership_closed),
        APPLICATION_DECIDED.type: on_application_decided,
        VISIT_COMPLETED.type: on_visit_completed,
        WORKSHOP_COMPLETED.type: on_workshop_completed,
        NETWORK_CREATED.type: on_network,
        NETWORK_UPDATED.type: on_network,
        NETWORK_CLOSED.type: on_network,
        RESEARCH_APPLICATION_DECIDED.type: on_research_decided,
        RESEARCH_APPLICATION_REPORTED.type: on_research_reported,
    }


def decision_of(data: ApplicationDecidedV1) -> Decision:
    """Partnerships' decision event in finance's terms."""
    return Decision(
        application_id=data.id,
        case_number=data.case_number,
        partnership_id=data.partnership_id,
        partnership_kind=data.partnership_kind,
        countries=tuple(data.countries),
        type=data.type,
        outcome=data.outcome,
        conditions=data.conditions,
        duration_months=data.duration_months,
        approved_budget=decided_lines(data.approved_budget),
    )


def decided_lines(lines: Sequence[BudgetLineV1 | ResearchBudgetLineV1]) -> tuple[DecidedLine, ...]:
    """A decided budget, partnerships' or training's, in finance's terms."""
    return tuple(
        DecidedLine(
            year=line.year,
            category=line.category,
            amount_minor=line.amount_minor,
            currency=line.currency,
        )
        for line in lines
    )


def visit_record_of(data: VisitV1) -> VisitRecord:
    """Partnerships' completed visit in finance's terms."""
    return VisitRecord(
        visit_id=data.id,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        host_country=data.host_country,
        participant_ids=data.participant_ids,
    )


def completed_workshop_of(data: WorkshopV1) -> CompletedWorkshop:
    """Training's workshop event in finance's terms."""
    held = HeldWorkshop(
        kind=data.kind,
        title=data.title,
        city=data.city,
        country=data.country,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        network_id=data.network_id,
        cohort_id=data.cohort_id,
        programme_id=data.programme_id,
        participants=data.participants,
    )
    return CompletedWorkshop(
        id=data.id,
        held=held,
        costs=tuple(
            ReportedCost(category=c.category, amount_minor=c.amount_minor, currency=c.currency)
            for c in data.costs
        ),
    )


def network_details_of(data: NetworkV1) -> NetworkDetails:
    """Networks' network event in finance's terms."""
    return NetworkDetails(
        id=data.id,
        version=data.version,
        name=data.name,
        theme=data.theme,
        countries=tuple(data.countries),
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        status=data.status,
    )


def research_decision_of(data: ResearchApplicationDecidedV1) -> ResearchDecision:
    """Training's research decision in finance's terms."""
    return ResearchDecision(
        application_id=data.id,
        case_number=data.case_number,
        call_id=data.call_id,
        research_kind=data.kind,
        outcome=data.outcome,
        principal_investigator_id=data.principal_investigator_id,
        organisation_id=data.organisation_id,
        partnership_ids=tuple(data.partnership_ids),
        network_ids=tuple(data.network_ids),
        countries=tuple(data.countries),
        themes=tuple(data.themes),
        max_amount_minor=data.max_amount_minor,
        approved_budget=decided_lines(data.approved_budget),
        duration_months=data.duration_months,
    )
