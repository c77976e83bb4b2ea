"""Planning visits, changing their plan, and completing or cancelling them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.common.auth import Principal
from services.common.changes import announced
from services.common.events.payloads import payload
from services.common.idempotency import new_id
from services.common.store import Change
from services.contracts.partnerships import VISIT_CANCELLED, VISIT_COMPLETED, VISIT_PLANNED, VisitV1

from ..domain.access import require_acts_for_partnership
from ..domain.partnership import Partnership
from ..domain.visit import MAX_PARTICIPANTS, Visit, cancel, complete, new_visit, plan, replan
from ..repositories import Repositories


def visit_v1(visit: Visit) -> VisitV1:
    return payload(VisitV1, visit)


def completing(
    actor: str, visit: Visit, host_country: str, today: date, note: str | None = None
) -> Change[Visit]:
    """The visit completed (refused now if it cannot be), announced as VISIT_COMPLETED."""
    finish = complete(actor, visit, host_country, today, note)
    return announced(finish, lambda done, _: [VISIT_COMPLETED.new(done.id, visit_v1(done))])


def cancelling(actor: str, visit: Visit, host_country: str, note: str) -> Change[Visit]:
    """The visit cancelled (refused now if it cannot be), announced as VISIT_CANCELLED."""
    finish = cancel(actor, visit, host_country, note)
    return announced(finish, lambda done, _: [VISIT_CANCELLED.new(done.id, visit_v1(done))])


async def _authorised_partnership(
    repos: Repositories, actor: Principal, partnership_id: str
) -> Partnership:
    partnership = await repos.partnerships.require(partnership_id, "partnershipId")
    require_acts_for_partnership(actor, partnership)
    return partnership


async def plan_visit(
    repos: Repositories,
    actor: Principal,
    *,
    partnership_id: str,
    host_organisation_id: str,
    starts_on: date,
    ends_on: date,
    participant_ids: Sequence[str],
    purpose: str,
) -> Visit:
    partnership = await _authorised_partnership(repos, actor, partnership_id)
    organisations = await repos.organisations.get_many([host_organisation_id])
    # More than the maximum is refused before the lookup is needed.
    people = await repos.people.get_many(participant_ids[: MAX_PARTICIPANTS + 1])
    details = plan(
        partnership=partnership,
        host_organisation_id=host_organisation_id,
        starts_on=starts_on,
        ends_on=ends_on,
        participant_ids=participant_ids,
        purpose=purpose,
        organisations=organisations,
        people=people,
    )
    visit = new_visit(new_id(), partnership, details, actor.sub)
    return await repos.visits.create(visit, [VISIT_PLANNED.new(visit.id, visit_v1(visit))])


async def update_visit(
    repos: Repositories,
    actor: Principal,
    visit_id: str,
    version: int,
    *,
    host_organisation_id: str | None,
    starts_on: date | None,
    ends_on: date | None,
    participant_ids: Sequence[str] | None,
    purpose: str | None,
) -> Visit:
    """Announced as VISIT_PLANNED again, with the new version: the plan as it now stands."""
    visit = await repos.visits.require(visit_id)
    partnership = await _authorised_partnership(repos, actor, visit.partnership_id)
    host_id = visit.host_organisation_id if host_organisation_id is None else host_organisation_id
    participants = visit.participant_ids if participant_ids is None else list(participant_ids)
    organisations = await repos.organisations.get_many([host_id])
    people = await repos.people.get_many(participants[: MAX_PARTICIPANTS + 1])
    edit = replan(
        actor.sub,
        visit,
        partnership,
        host_organisation_id=host_id,
        starts_on=starts_on,
        ends_on=ends_on,
        participant_ids=participants,
        purpose=purpose,
        organisations=organisations,
        people=people,
    )
    change = announced(edit, lambda planned, _: [VISIT_PLANNED.new(planned.id, visit_v1(planned))])
    return await repos.visits.update(visit.id, change, version)


async def complete_visit(
    repos: Repositories,
    actor: Principal,
    visit_id: str,
    version: int,
    *,
    note: str | None,
    today: date,
) -> Visit:
    visit = await repos.visits.require(visit_id)
    await _authorised_partnership(repos, actor, visit.partnership_id)
    host = await repos.organisations.require(visit.host_organisation_id, "hostOrganisationId")
    change = completing(actor.sub, visit, host.country, today, note)
    return await repos.visits.update(visit.id, change, version)


async def cancel_visit(
    repos: Repositories, actor: Principal, visit_id: str, version: int, *, note: str
) -> Visit:
    visit = await repos.visits.require(visit_id)
    await _authorised_partnership(repos, actor, visit.partnership_id)
    host = await repos.organisations.require(visit.host_organisation_id, "hostOrganisationId")
    change = cancelling(actor.sub, visit, host.country, note)
    return await repos.visits.update(visit.id, change, version)
