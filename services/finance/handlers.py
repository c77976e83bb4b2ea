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

Every effect goes through `AggregateStore.apply`, which stores the event id with the effect
in one write: a redelivered event finds its id and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from services.common.events.consumer import Handler
from services.common.events.envelope import Event
from services.common.store import Change
from services.contracts.networks import NETWORK_CLOSED, NETWORK_CREATED, NETWORK_UPDATED, NetworkV1
from services.contracts.organisation_views import organisation_handlers
from services.contracts.partnership_views import CLOSED, take_snapshot, take_status
from services.contracts.partnerships import (
    APPLICATION_DECIDED,
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_CREATED,
    PARTNERSHIP_STATUS_CHANGED,
    PARTNERSHIP_UPDATED,
    VISIT_COMPLETED,
    ApplicationDecidedV1,
    PartnershipStatusChangedV1,
    PartnershipV1,
    VisitV1,
)
from services.contracts.training import WORKSHOP_COMPLETED, WorkshopV1

from .domain import SYSTEM_ACTOR, NothingToApply
from .domain.expenses import (
    NotCovered,
    VisitRecord,
    covering_grant,
    draft_visit,
    drafted_anywhere,
)
from .domain.funding import (
    CompletedWorkshop,
    FundingKind,
    NetworkDetails,
    ReportedCost,
    book_workshop,
    funder_of,
    funding_id,
    new_funding,
    take_network,
)
from .domain.grant import (
    APPROVED_OUTCOMES,
    OPEN_STATUSES,
    DecidedLine,
    Decision,
    from_decision,
    grant_id_for,
)
from .domain.lifecycle import finalise_for_closed_partnership, opened
from .projection import PartnershipView, keep_unfunded
from .repositories import Repositories

log = logging.getLogger(__name__)


def handlers(repos: Repositories) -> Mapping[str, Handler]:
    views = repos.partnerships

    async def on_view(event: Event, partnership_id: str, change: Change[PartnershipView]) -> None:
        try:
            await views.apply(
                event, partnership_id, change, create=lambda: PartnershipView(id=partnership_id)
            )
        except NothingToApply:
            log.info("older or repeated partnership event", extra={"partnership": partnership_id})

    async def finalise(event: Event | None, grant_id: str) -> None:
        try:
            if event is None:
                await repos.grants.update(grant_id, finalise_for_closed_partnership())
            else:
                await repos.grants.apply(event, grant_id, finalise_for_closed_partnership())
        except NothingToApply:
            log.info("grant not open: left as it is", extra={"grant": grant_id})

    async def on_snapshot(event: Event) -> None:
        data = PartnershipV1.model_validate(event.data)
        await on_view(event, data.id, take_snapshot(data))

    async def on_status_changed(event: Event) -> None:
        data = PartnershipStatusChangedV1.model_validate(event.data)
        await on_view(event, data.id, take_status(data))

    async def on_partnership_closed(event: Event) -> None:
        # The projection first: a grant opened after this sees the partnership closed, and
        # one opened before is found below (see on_application_decided for the race).
        await on_snapshot(event)
        data = PartnershipV1.model_validate(event.data)
        for grant in await repos.grants_of(data.id):
            if grant.status in OPEN_STATUSES:
                await finalise(event, grant.id)

    async def on_application_decided(event: Event) -> None:
        data = ApplicationDecidedV1.model_validate(event.data)
        if data.outcome not in APPROVED_OUTCOMES:
            return
        grant_id = grant_id_for(data.id)
        rules = await repos.rule_versions()
        view = await views.get(data.partnership_id)
        closed = view is not None and view.status == CLOSED
        try:
            await repos.grants.apply(
                event,
                grant_id,
                opened(closed),
                create=lambda: from_decision(decision_of(data), event.time.date(), rules),
            )
        except NothingToApply:
            log.info("grant opened before", extra={"grant": grant_id})
            return
        if not closed:
            # A closing handled meanwhile may have looked for grants before this one existed.
            view = await views.get(data.partnership_id)
            if view is not None and view.status == CLOSED:
                await finalise(None, grant_id)

    async def on_visit_completed(event: Event) -> None:
        data = VisitV1.model_validate(event.data)
        visit = VisitRecord(
            visit_id=data.id,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            host_country=data.host_country,
            participant_ids=data.participant_ids,
        )
        grants = await repos.grants_of(data.partnership_id)
        if drafted_anywhere(grants, visit.visit_id):
            return
        grant = covering_grant(grants, visit)
        if grant is not None:
            try:
                await repos.grants.apply(event, grant.id, draft_visit(visit, SYSTEM_ACTOR))
                return
            except NothingToApply:
                return
            except NotCovered:
                log.info("grant no longer covers the visit", extra={"grant": grant.id})
        reason = (
            f"no grant in implementation with a travel line covered {data.starts_on.isoformat()}"
            " when the visit was completed"
        )
        await on_view(event, data.partnership_id, keep_unfunded(visit, reason))

    async def on_workshop_completed(event: Event) -> None:
        data = WorkshopV1.model_validate(event.data)
        workshop = completed_workshop_of(data)
        kind, ref = funder_of(workshop)
        change = book_workshop(workshop)
        try:
            await repos.fundings.apply(
                event, funding_id(kind, ref), change, create=lambda: new_funding(kind, ref)
            )
        except NothingToApply:
            log.info("workshop booked before", extra={"workshop": data.id})

    async def on_network(event: Event) -> None:
        data = NetworkV1.model_validate(event.data)
        target = funding_id(FundingKind.NETWORK, data.id)
        try:
            await repos.fundings.apply(
                event,
                target,
                take_network(network_details_of(data)),
                create=lambda: new_funding(FundingKind.NETWORK, data.id),
            )
        except NothingToApply:
            log.info("older network event", extra={"network": data.id})

    return {
        **organisation_handlers(repos.organisations),
        PARTNERSHIP_CREATED.type: on_snapshot,
        PARTNERSHIP_UPDATED.type: on_snapshot,
        PARTNERSHIP_STATUS_CHANGED.type: on_status_changed,
        PARTNERSHIP_CLOSED.type: on_partnership_closed,
        APPLICATION_DECIDED.type: on_application_decided,
        VISIT_COMPLETED.type: on_visit_completed,
        WORKSHOP_COMPLETED.type: on_workshop_completed,
        NETWORK_CREATED.type: on_network,
        NETWORK_UPDATED.type: on_network,
        NETWORK_CLOSED.type: on_network,
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
        approved_budget=tuple(
            DecidedLine(
                year=line.year,
                category=line.category,
                amount_minor=line.amount_minor,
                currency=line.currency,
            )
            for line in data.approved_budget
        ),
    )


def completed_workshop_of(data: WorkshopV1) -> CompletedWorkshop:
    """Training's workshop event in finance's terms."""
    return CompletedWorkshop(
        id=data.id,
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
