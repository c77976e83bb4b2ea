"""Nominations to a network's ITP: three people per partner organisation (docs/domain.md).

"The organisation nominates 3 people per partner: 2 civil servants (one a decision-maker) and
preferably 1 CSO member." Read as, per organisation and cohort: at most two civil servants,
one of whom is a decision-maker (a senior civil servant, as the partnerships service records
people), and at most one CSO member; politicians are not nominated to a network's ITP. A
nomination that breaks this is refused. What is still missing (a civil servant, the
decision-maker, the CSO member) is a warning, never a refusal: an organisation nominates one
person at a time, and one without a CSO member to send still takes part.

Every open or completed registration of the organisation counts; the check runs inside the
cohort document's change, so two nominations at once cannot both take the last place.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.common.errors import BadUserInput

from .registration import OPEN, Registration, RegistrationStatus

CIVIL_SERVANT = "civil_servant"
CSO_MEMBER = "cso_member"
POLITICIAN = "politician"
CIVIL_SERVANTS_PER_ORGANISATION = 2
CSO_MEMBERS_PER_ORGANISATION = 1
COUNTED = OPEN | {RegistrationStatus.COMPLETED}


def nominees(registrations: Sequence[Registration], organisation_id: str) -> list[Registration]:
    """The organisation's nominations that count: open or completed."""
    return [
        r for r in registrations if r.organisation_id == organisation_id and r.status in COUNTED
    ]


def nominating(registrations: Sequence[Registration]) -> list[str]:
    """The organisations with nominations that count, by id."""
    return sorted({r.organisation_id for r in registrations if r.status in COUNTED})


def check_nomination(
    registrations: Sequence[Registration], organisation_id: str, role: str, senior: bool
) -> None:
    """Refuses a nominee who does not fit the organisation's three places."""
    counted = nominees(registrations, organisation_id)
    civil_servants = [r for r in counted if r.role == CIVIL_SERVANT]
    if role == CIVIL_SERVANT:
        if len(civil_servants) >= CIVIL_SERVANTS_PER_ORGANISATION:
            raise BadUserInput(
                "the organisation has nominated its two civil servants already",
                field="personId",
            )
        completes_pair = len(civil_servants) == CIVIL_SERVANTS_PER_ORGANISATION - 1
        if completes_pair and not senior and not any(r.senior for r in civil_servants):
            raise BadUserInput(
                "one of the organisation's two civil servants must be a decision-maker"
                " (a senior civil servant): nominate one",
                field="personId",
            )
    elif role == CSO_MEMBER:
        if sum(r.role == CSO_MEMBER for r in counted) >= CSO_MEMBERS_PER_ORGANISATION:
            raise BadUserInput(
                "the organisation has nominated its CSO member already", field="personId"
            )
    else:
        raise BadUserInput(
            f"a {role.replace('_', ' ')} is not nominated to a network's ITP: each organisation"
            " nominates two civil servants (one a decision-maker) and preferably one CSO member",
            field="personId",
        )


def gaps(registrations: Sequence[Registration], organisation_id: str) -> list[str]:
    """What the organisation's nominations still lack; warnings, not refusals."""
    counted = nominees(registrations, organisation_id)
    civil_servants = [r for r in counted if r.role == CIVIL_SERVANT]
    found: list[str] = []
    missing = CIVIL_SERVANTS_PER_ORGANISATION - len(civil_servants)
    if missing > 0:
        found.append(f"{missing} more civil servant{'s' if missing > 1 else ''} to nominate")
    if not any(r.senior for r in civil_servants):
        found.append("no decision-maker (senior civil servant) nominated yet")
    if not any(r.role == CSO_MEMBER for r in counted):
        found.append("preferably one CSO member: none nominated")
    return found


def require_partnership(partnership_id: str | None) -> None:
    """A nomination to a network's ITP is made through one of the network's partnerships."""
    if partnership_id is None:
        raise BadUserInput(
            "a network's ITP takes nominations through a partnership", field="partnershipId"
        )
