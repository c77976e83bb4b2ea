"""Memberships of partnerships in networks.

One document per (network, partnership), its id derived from both, holding every period
of membership: a second active membership cannot exist because there is no second document
to hold it, and the document's periods open only after the last one ended (every change
re-runs against the current state under the store's revision check).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum

from pydantic import BaseModel

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.validation import clean_text

from . import NothingToApply
from .network import Network, NetworkStatus
from .partnership import ACTIVE, CLOSED, Partnership


class MembershipStatus(StrEnum):
    ACTIVE = "active"
    LEFT = "left"


class LeaveReason(StrEnum):
    LEFT = "left"
    """Staff recorded that the partnership left."""
    PARTNERSHIP_CLOSED = "partnership_closed"
    NETWORK_CLOSED = "network_closed"


class Period(BaseModel):
    joined_on: date
    left_on: date | None = None
    """Last day of membership (inclusive); None while the period is open."""
    left_reason: LeaveReason | None = None


class Membership(Audited):
    network_id: str
    partnership_id: str
    organisation_ids: list[str]
    """The partnership's organisations when it last joined (for the events)."""
    periods: list[Period]
    status: MembershipStatus
    """ACTIVE exactly when the last period is open; stored for queries."""
    since: date
    """The last period's first day; stored for sorting."""

    @property
    def active(self) -> bool:
        return self.status is MembershipStatus.ACTIVE

    @property
    def current(self) -> Period:
        return self.periods[-1]


MembershipEdit = Callable[[Membership], None]
"""A change to a membership, checked against its current state; the caller announces it."""


def membership_id(network_id: str, partnership_id: str) -> str:
    """The one id a (network, partnership) pair can have."""
    return f"{network_id}:{partnership_id}"


def check_eligible(network: Network, partnership: Partnership, joined_on: date) -> None:
    """Whether `partnership` may join `network` on `joined_on` (docs/domain.md, Networks)."""
    if network.status is NetworkStatus.CLOSED:
        raise BadUserInput("the network is closed", field="networkId")
    if partnership.status != ACTIVE:
        raise BadUserInput(
            f"the partnership is {partnership.status}: only active partnerships join networks",
            field="partnershipId",
        )
    if network.theme.value not in partnership.themes:
        raise BadUserInput(
            f"the partnership does not work on the network's theme ({network.theme.value})",
            field="partnershipId",
        )
    if not set(partnership.partner_countries) & set(network.countries):
        raise BadUserInput(
            f"none of the partnership's partner countries "
            f"({', '.join(partnership.partner_countries) or 'none'}) is among the network's "
            f"({', '.join(network.countries)})",
            field="partnershipId",
        )
    if not network.starts_on <= joined_on <= network.ends_on:
        raise BadUserInput(
            f"joinedOn must lie within the network's period ({network.starts_on.isoformat()}"
            f" to {network.ends_on.isoformat()})",
            field="joinedOn",
        )
    if partnership.started_on is not None and joined_on < partnership.started_on:
        raise BadUserInput(
            f"the partnership started on {partnership.started_on.isoformat()}: it cannot"
            " join before",
            field="joinedOn",
        )


def join(network: Network, partnership: Partnership, joined_on: date, actor: str) -> Membership:
    """The first membership of `partnership` in `network`."""
    check_eligible(network, partnership, joined_on)
    membership = Membership(
        id=membership_id(network.id, partnership.id),
        version=1,
        network_id=network.id,
        partnership_id=partnership.id,
        organisation_ids=list(partnership.organisation_ids),
        periods=[Period(joined_on=joined_on)],
        status=MembershipStatus.ACTIVE,
        since=joined_on,
    )
    membership.record(actor, "joined", to_status=MembershipStatus.ACTIVE.value)
    return membership


def rejoin(
    network: Network, partnership: Partnership, joined_on: date, actor: str
) -> MembershipEdit:
    """A new period for a partnership that was a member before."""
    check_eligible(network, partnership, joined_on)

    def apply(membership: Membership) -> None:
        if membership.active:
            raise BadUserInput(
                "the partnership is already an active member of the network",
                field="partnershipId",
            )
        last_day = membership.current.left_on
        if last_day is not None and joined_on <= last_day:
            raise BadUserInput(
                f"the partnership was a member until {last_day.isoformat()}: it can rejoin"
                " only after",
                field="joinedOn",
            )
        membership.periods = [*membership.periods, Period(joined_on=joined_on)]
        membership.status, membership.since = MembershipStatus.ACTIVE, joined_on
        membership.organisation_ids = list(partnership.organisation_ids)
        membership.record(
            actor,
            "rejoined",
            from_status=MembershipStatus.LEFT.value,
            to_status=MembershipStatus.ACTIVE.value,
        )

    return apply


def leave(actor: str, network: Network, left_on: date, note: str | None) -> MembershipEdit:
    """Staff record that the partnership left on `left_on` (its last day as a member)."""
    clean_note = clean_text(note, "note", max_length=1000, required=False) if note else None
    if left_on > network.ends_on:
        raise BadUserInput(
            f"leftOn must lie within the network's period (it ends {network.ends_on.isoformat()})",
            field="leftOn",
        )

    def apply(membership: Membership) -> None:
        if not membership.active:
            raise BadUserInput(
                "the partnership is not an active member of the network", field="partnershipId"
            )
        if left_on < membership.current.joined_on:
            raise BadUserInput(
                f"leftOn must not be before the partnership joined "
                f"({membership.current.joined_on.isoformat()})",
                field="leftOn",
            )
        _end(membership, actor, left_on, LeaveReason.LEFT, clean_note)

    return apply


def end(actor: str, reason: LeaveReason, day: date, network_ends_on: date) -> MembershipEdit:
    """Ends an active membership because its partnership or its network closed on `day`.

    The last day is `day` held within the membership: never before it began (a partnership
    that closes before its membership starts was a member for that day only), never after
    the network's period. Raises NothingToApply when the membership has already ended.
    """

    def apply(membership: Membership) -> None:
        if not membership.active:
            raise NothingToApply
        last_day = max(membership.current.joined_on, min(day, network_ends_on))
        _end(membership, actor, last_day, reason, None)

    return apply


def _end(
    membership: Membership, actor: str, left_on: date, reason: LeaveReason, note: str | None
) -> None:
    period = membership.current.model_copy(update={"left_on": left_on, "left_reason": reason})
    membership.periods = [*membership.periods[:-1], period]
    membership.status = MembershipStatus.LEFT
    membership.record(
        actor,
        "left" if reason is LeaveReason.LEFT else reason.value.replace("_", " "),
        from_status=MembershipStatus.ACTIVE.value,
        to_status=MembershipStatus.LEFT.value,
        note=note,
    )


def ending_by_close(
    partnership_status: str | None, network: Network, today: date
) -> tuple[LeaveReason, date] | None:
    """Why and when a membership just written ends at once, or None when it stands.

    The close reactions update the projection (or the network) first and then end the
    active memberships they find; a join checks both first and writes after. A join that
    raced a close is therefore seen by the reaction, or sees the close here.
    """
    if partnership_status == CLOSED:
        return LeaveReason.PARTNERSHIP_CLOSED, today
    if network.status is NetworkStatus.CLOSED:
        return LeaveReason.NETWORK_CLOSED, network.closed_on or today
    return None
