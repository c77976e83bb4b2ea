"""Partnerships between a Swedish organisation and partners abroad, and their steering group."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.status_transitions import require_transition
from services.common.validation import clean_text
from services.common.vocabulary import Theme

from .organisation import Organisation
from .person import Person, PersonRole, PoliticalSide


class PartnershipStatus(StrEnum):
    ACTIVE = "active"
    DORMANT = "dormant"
    CLOSED = "closed"


class PartnershipKind(StrEnum):
    BILATERAL = "bilateral"
    TRIPARTITE = "tripartite"
    MULTILATERAL = "multilateral"


STATUS_TRANSITIONS: Mapping[PartnershipStatus, frozenset[PartnershipStatus]] = {
    PartnershipStatus.ACTIVE: frozenset({PartnershipStatus.DORMANT, PartnershipStatus.CLOSED}),
    PartnershipStatus.DORMANT: frozenset({PartnershipStatus.ACTIVE, PartnershipStatus.CLOSED}),
    PartnershipStatus.CLOSED: frozenset(),
}


class SteeringGroupMember(BaseModel):
    person_id: str
    organisation_id: str
    role: PersonRole
    political_side: PoliticalSide | None = None
    senior: bool = False


class Partnership(Audited):
    title: str
    swedish_partner_id: str
    partner_ids: list[str]
    countries: list[str]
    """Countries of every organisation, Sweden first; kept for filters and events."""
    themes: list[Theme]
    focus: str = ""
    status: PartnershipStatus = PartnershipStatus.ACTIVE
    started_on: date
    closed_on: date | None = None
    steering_group: list[SteeringGroupMember] = Field(default_factory=list)

    @property
    def organisation_ids(self) -> list[str]:
        return [self.swedish_partner_id, *self.partner_ids]

    @property
    def kind(self) -> PartnershipKind:
        """Bilateral with one partner, tripartite with two (one often in the EU), else multi."""
        return {1: PartnershipKind.BILATERAL, 2: PartnershipKind.TRIPARTITE}.get(
            len(self.partner_ids), PartnershipKind.MULTILATERAL
        )


@dataclass(frozen=True)
class StatusChange:
    """What a change of status did, as the audit trail and other services learn it."""

    from_status: PartnershipStatus
    to_status: PartnershipStatus
    note: str | None


def _partners(
    swedish_partner_id: str, partner_ids: Sequence[str], organisations: Mapping[str, Organisation]
) -> tuple[list[str], list[str]]:
    """The partner ids, checked, and the countries of all organisations."""
    swedish = organisations.get(swedish_partner_id)
    if swedish is None:
        raise BadUserInput("the Swedish partner does not exist", field="swedishPartnerId")
    if not swedish.is_swedish:
        raise BadUserInput(
            f"{swedish.name} is not a Swedish organisation", field="swedishPartnerId"
        )
    if not partner_ids:
        raise BadUserInput("a partnership needs at least one partner abroad", field="partnerIds")
    if len(set(partner_ids)) != len(partner_ids) or swedish_partner_id in partner_ids:
        raise BadUserInput("each organisation takes part once", field="partnerIds")
    countries = [swedish.country]
    for partner_id in partner_ids:
        partner = organisations.get(partner_id)
        if partner is None:
            raise BadUserInput(f"partner {partner_id!r} does not exist", field="partnerIds")
        if partner.is_swedish:
            raise BadUserInput(
                f"{partner.name} is Swedish: partners are abroad", field="partnerIds"
            )
        countries.append(partner.country)
    return list(partner_ids), countries


def _themes(themes: Sequence[Theme]) -> list[Theme]:
    if not themes:
        raise BadUserInput("a partnership works on at least one theme", field="themes")
    return list(dict.fromkeys(themes))


def register(
    partnership_id: str,
    *,
    title: str,
    swedish_partner_id: str,
    partner_ids: Sequence[str],
    themes: Sequence[Theme],
    focus: str,
    started_on: date,
    organisations: Mapping[str, Organisation],
    actor: str,
) -> Partnership:
    partners, countries = _partners(swedish_partner_id, partner_ids, organisations)
    partnership = Partnership(
        id=partnership_id,
        version=1,
        title=clean_text(title, "title"),
        swedish_partner_id=swedish_partner_id,
        partner_ids=partners,
        countries=countries,
        themes=_themes(themes),
        focus=clean_text(focus, "focus", max_length=500, required=False),
        started_on=started_on,
    )
    partnership.record(actor, "registered", to_status=partnership.status.value)
    return partnership


def change_details(
    actor: str,
    *,
    title: str | None,
    themes: Sequence[Theme] | None,
    focus: str | None,
) -> Callable[[Partnership], None]:
    new_title = clean_text(title, "title") if title is not None else None
    new_themes = _themes(themes) if themes is not None else None
    new_focus = (
        clean_text(focus, "focus", max_length=500, required=False) if focus is not None else None
    )

    def apply(partnership: Partnership) -> None:
        _require_open(partnership)
        if new_title is not None:
            partnership.title = new_title
        if new_themes is not None:
            partnership.themes = new_themes
        if new_focus is not None:
            partnership.focus = new_focus
        partnership.record(actor, "details changed")

    return apply


def change_status(
    actor: str, to_status: PartnershipStatus, note: str | None, today: date
) -> Callable[[Partnership], StatusChange]:
    clean_note = clean_text(note, "note", max_length=1000, required=False) if note else None

    def apply(partnership: Partnership) -> StatusChange:
        from_status = partnership.status
        require_transition("partnership", from_status, to_status, STATUS_TRANSITIONS)
        partnership.status = to_status
        if to_status is PartnershipStatus.CLOSED:
            partnership.closed_on = today
        partnership.record(
            actor,
            "status changed",
            from_status=from_status.value,
            to_status=to_status.value,
            note=clean_note,
        )
        return StatusChange(from_status=from_status, to_status=to_status, note=clean_note)

    return apply


def seat_steering_group(actor: str, people: Sequence[Person]) -> Callable[[Partnership], None]:
    """Replaces the steering group; every member must act for one of the partners."""
    if len({p.id for p in people}) != len(people):
        raise BadUserInput("each person sits once in the steering group", field="personIds")
    members = [
        SteeringGroupMember(
            person_id=p.id,
            organisation_id=p.organisation_id,
            role=p.role,
            political_side=p.political_side,
            senior=p.senior,
        )
        for p in people
    ]

    def apply(partnership: Partnership) -> None:
        _require_open(partnership)
        for person in people:
            if person.organisation_id not in partnership.organisation_ids:
                # The id, never the name: the caller may not see other organisations' people.
                raise BadUserInput(
                    f"person {person.id!r} does not act for a partner of this partnership",
                    field="personIds",
                )
        partnership.steering_group = members
        partnership.record(actor, "steering group changed", note=f"{len(members)} members")

    return apply


def steering_group_gaps(partnership: Partnership, people: Mapping[str, Person]) -> list[str]:
    """What the steering group lacks: from EACH partner a majority politician, an opposition
    politician and a senior civil servant (people as they are now, not as when they joined)."""
    gaps = []
    members = [people[m.person_id] for m in partnership.steering_group if m.person_id in people]
    for org_id in partnership.organisation_ids:
        own = [p for p in members if p.organisation_id == org_id]
        sides = {p.political_side for p in own if p.role is PersonRole.POLITICIAN}
        if PoliticalSide.MAJORITY not in sides:
            gaps.append(f"{org_id}: a politician of the majority")
        if PoliticalSide.OPPOSITION not in sides:
            gaps.append(f"{org_id}: a politician of the opposition")
        if not any(p.role is PersonRole.CIVIL_SERVANT and p.senior for p in own):
            gaps.append(f"{org_id}: a senior civil servant")
    return gaps


def _require_open(partnership: Partnership) -> None:
    if partnership.status is PartnershipStatus.CLOSED:
        raise BadUserInput("the partnership is closed", field="id")
