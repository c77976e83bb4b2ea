"""Who may act on and read what (docs/architecture.md, Security): staff everything; a
coordinator for their own organisation and the partnerships it takes part in; viewers read."""

from __future__ import annotations

from collections.abc import Sequence

from services.common.auth import Principal, Role

from .partnership import Partnership
from .person import Person


def require_acts_for_partnership(principal: Principal, partnership: Partnership) -> None:
    """Staff, or a coordinator of one of the partnership's organisations."""
    principal.require_acts_for(*partnership.organisation_ids)


def reads_everything(principal: Principal) -> bool:
    """Staff and viewers read every partnership's applications and figures."""
    return principal.is_staff or Role.VIEWER in principal.roles


def may_read_applications_of(principal: Principal, organisation_ids: Sequence[str]) -> bool:
    """Staff and viewers read every application; a coordinator those of the partnerships
    their organisation takes part in."""
    return reads_everything(principal) or principal.acts_for(*organisation_ids)


def may_see_personal_data(principal: Principal | None, person: Person) -> bool:
    """Names, gender and contact details: staff and the person's own organisation."""
    return principal is not None and (principal.is_staff or principal.org == person.organisation_id)
