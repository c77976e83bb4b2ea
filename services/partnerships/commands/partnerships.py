"""Registering partnerships, changing their details and status, and their steering group."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.common.auth import STAFF, Principal
from services.common.changes import announced
from services.common.errors import BadUserInput
from services.common.events.envelope import Event
from services.common.events.payloads import payload
from services.common.idempotency import new_id
from services.common.vocabulary import Theme
from services.contracts.partnerships import (
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_CREATED,
    PARTNERSHIP_STATUS_CHANGED,
    PARTNERSHIP_UPDATED,
    STEERING_GROUP_CHANGED,
    PartnershipStatusChangedV1,
    PartnershipV1,
    SteeringGroupChangedV1,
    SteeringGroupMemberV1,
)

from ..domain.access import require_acts_for_partnership
from ..domain.partnership import (
    Partnership,
    PartnershipStatus,
    StatusChange,
    change_details,
    change_status,
    register,
    seat_steering_group,
)
from ..repositories import Repositories


def partnership_v1(partnership: Partnership) -> PartnershipV1:
    return payload(PartnershipV1, partnership)


def _steering_group_v1(partnership: Partnership) -> SteeringGroupChangedV1:
    return payload(
        SteeringGroupChangedV1,
        partnership,
        partnership_id=partnership.id,
        members=[payload(SteeringGroupMemberV1, m) for m in partnership.steering_group],
    )


async def create_partnership(
    repos: Repositories,
    actor: Principal,
    *,
    title: str,
    swedish_partner_id: str,
    partner_ids: Sequence[str],
    themes: Sequence[Theme],
    focus: str,
    started_on: date,
) -> Partnership:
    actor.require(*STAFF)
    organisations = await repos.organisations.get_many([swedish_partner_id, *partner_ids])
    partnership = register(
        new_id(),
        title=title,
        swedish_partner_id=swedish_partner_id,
        partner_ids=partner_ids,
        themes=themes,
        focus=focus,
        started_on=started_on,
        organisations=organisations,
        actor=actor.sub,
    )
    created = PARTNERSHIP_CREATED.new(partnership.id, partnership_v1(partnership))
    return await repos.partnerships.create(partnership, [created])


async def update_partnership(
    repos: Repositories,
    actor: Principal,
    partnership_id: str,
    version: int,
    *,
    title: str | None,
    themes: Sequence[Theme] | None,
    focus: str | None,
) -> Partnership:
    store = repos.partnerships
    require_acts_for_partnership(actor, await store.require(partnership_id))
    edit = change_details(actor.sub, title=title, themes=themes, focus=focus)
    change = announced(edit, lambda p, _: [PARTNERSHIP_UPDATED.new(p.id, partnership_v1(p))])
    return await store.update(partnership_id, change, version)


async def change_partnership_status(
    repos: Repositories,
    actor: Principal,
    partnership_id: str,
    version: int,
    *,
    status: PartnershipStatus,
    note: str | None,
    today: date,
) -> Partnership:
    """A closed partnership is also announced whole (PARTNERSHIP_CLOSED): its members leave
    networks and their registrations end elsewhere."""
    actor.require(*STAFF)
    transition = change_status(actor.sub, status, note, today)
    change = announced(transition, _status_changed)
    return await repos.partnerships.update(partnership_id, change, version)


def _status_changed(partnership: Partnership, done: StatusChange) -> list[Event]:
    changed = payload(
        PartnershipStatusChangedV1, done, id=partnership.id, version=partnership.version
    )
    events = [PARTNERSHIP_STATUS_CHANGED.new(partnership.id, changed)]
    if done.to_status is PartnershipStatus.CLOSED:
        events.append(PARTNERSHIP_CLOSED.new(partnership.id, partnership_v1(partnership)))
    return events


async def set_steering_group(
    repos: Repositories,
    actor: Principal,
    partnership_id: str,
    version: int,
    person_ids: Sequence[str],
) -> Partnership:
    store = repos.partnerships
    require_acts_for_partnership(actor, await store.require(partnership_id, "partnershipId"))
    found = await repos.people.get_many(person_ids)
    missing = [i for i in person_ids if i not in found]
    if missing:
        raise BadUserInput(f"unknown people: {', '.join(missing)}", field="personIds")
    seat = seat_steering_group(actor.sub, [found[i] for i in person_ids])
    change = announced(seat, lambda p, _: [STEERING_GROUP_CHANGED.new(p.id, _steering_group_v1(p))])
    return await store.update(partnership_id, change, version)
