"""Who may read and act on grants (docs/architecture.md, Security).

Staff do everything; viewers read everything; a coordinator reads and acts for the grants of
the partnerships their organisation takes part in (which organisations those are comes from
the partnership projection, fed by the partnerships service's events). A research grant is
read by the researchers and coordinators of its university, who apply for it (as training
lets them); only staff act on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.common.auth import Principal, Role
from services.common.errors import Forbidden


def reads_everything(principal: Principal) -> bool:
    return principal.is_staff or Role.VIEWER in principal.roles


def acts_for(principal: Principal, organisation_ids: Sequence[str] | None) -> bool:
    """Staff, or a coordinator of one of the partnership's organisations (None: a
    partnership the service does not know)."""
    if principal.is_staff:
        return True
    return organisation_ids is not None and principal.acts_for(*organisation_ids)


def may_read(principal: Principal, organisation_ids: Sequence[str] | None) -> bool:
    return reads_everything(principal) or acts_for(principal, organisation_ids)


def reads_research_of(principal: Principal) -> str | None:
    """The university whose research grants a researcher or coordinator reads (None: none,
    beyond what staff and viewers read)."""
    if principal.has_any(Role.RESEARCHER, Role.COORDINATOR):
        return principal.org
    return None


def may_read_research(principal: Principal, organisation_id: str) -> bool:
    """A research grant: staff and viewers, and researchers and coordinators of its
    university."""
    return reads_everything(principal) or reads_research_of(principal) == organisation_id


def require_acts_for(principal: Principal, organisation_ids: Sequence[str] | None) -> None:
    if not acts_for(principal, organisation_ids):
        raise Forbidden("you may act only for your own organisation and its partnerships")


def require_read(principal: Principal, organisation_ids: Sequence[str] | None) -> None:
    if not may_read(principal, organisation_ids):
        raise Forbidden("you may read only the grants of your organisation's partnerships")


def require_read_research(principal: Principal, organisation_id: str) -> None:
    if not may_read_research(principal, organisation_id):
        raise Forbidden("you may read only the research grants of your own university")


def require_reads_everything(principal: Principal) -> None:
    if not reads_everything(principal):
        raise Forbidden("totals across partnerships are for staff and viewers")
