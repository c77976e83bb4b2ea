"""Memberships of partnerships in networks.

One document per (network, partnership), its id derived from both, holding every period
of membership: a second active membership cannot exist because there is no second document
to hold it, and the document's periods open only after the last one ended (every change
re-runs against the current state under the store's revision check).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from pydantic import BaseModel

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.events.envelope import Event
from services.common.store import Change
from services.common.validation import clean_text
from services.contracts.networks import (
    MEMBERSHIP_JOINED,
    MEMBERSHIP_LEFT,
    MembershipJoinedV1,
    MembershipLeftV1,
)

from . import NothingToApply
from .network import Network, NetworkStatus
from .partnership import ACTIVE, Partnership


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

    def _joined(self, network: Network) -> Event:
        data = MembershipJoinedV1(
            id=self.id,
            version=self.version,
            network_id=self.network_id,
            partnership_id=self.partnership_id,
            organisation_ids=self.organisation_ids,
            joined_on=self.current.joined_on,
            theme=network.theme.value,
        )
        return MEMBERSHIP_JOINED.new(self.id, data)

    def _left(self) -> Event:
        period = self.current
        if period.left_on is None or period.left_reason is None:
            raise ValueError("the membership has not ended")
        data = MembershipLeftV1(
            id=self.id,
            version=self.version,
            network_id=self.network_id,
            partnership_id=self.partnership_id,
            organisation_ids=self.organisation_ids,
            joined_on=period.joined_on,
            left_on=period.left_on,
            reason=period.left_reason.value,
        )
        return MEMBERSHIP_LEFT.new(self.id, data)


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


def join(
    network: Network, partnership: Partnership, joined_on: date, actor: str
) -> tuple[Membership, list[Event]]:
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
    return membership, [membership._joined(network)]


def rejoin(
    network: Network, partnership: Partnership, joined_on: date, actor: str
) -> Change[Membership]:
    """A new period for a partnership that was a member before."""
    check_eligible(network, partnership, joined_on)

    def apply(membership: Membership) -> Sequence[Event]:
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
        return [membership._joined(network)]

    return apply


def leave(actor: str, network: Network, left_on: date, note: str | None) -> Change[Membership]:
    """Staff record that the partnership left on `left_on` (its last day as a member)."""
    clean_note = clean_text(note, "note", max_length=1000, required=False) if note else None
    if left_on > network.ends_on:
        raise BadUserInput(
            f"leftOn must lie within the network's period (it ends {network.ends_on.isoformat()})",
            field="leftOn",
        )

    def apply(membership: Membership) -> Sequence[Event]:
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
        return _end(membership, actor, left_on, LeaveReason.LEFT, clean_note)

    return apply


def end(actor: str, reason: LeaveReason, day: date, network_ends_on: date) -> Change[Membership]:
    """Ends an active membership because its partnership or its network closed on `day`.

    The last day is `day` held within the membership: never before it began (a partnership
    that closes before its membership starts was a member for that day only), never after
    the network's period. Raises NothingToApply when the membership has already ended.
    """

    def apply(membership: Membership) -> Sequence[Event]:
        if not membership.active:
            raise NothingToApply
        last_day = max(membership.current.joined_on, min(day, network_ends_on))
        return _end(membership, actor, last_day, reason, None)

    return apply


def _end(
    membership: Membership, actor: str, left_on: date, reason: LeaveReason, note: str | None
) -> list[Event]:
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
    return [membership._left()]
