"""Who may do what with research applications (docs/architecture.md, Security)."""

from __future__ import annotations

from services.common.auth import Principal, Role
from services.common.errors import Forbidden


def acts_for_applicants(principal: Principal, organisation_id: str) -> bool:
    """Staff; a researcher or a coordinator of the applicants' organisation."""
    if principal.is_staff:
        return True
    return principal.has_any(Role.RESEARCHER, Role.COORDINATOR) and principal.org == organisation_id


def require_acts_for_applicants(principal: Principal, organisation_id: str) -> None:
    if not acts_for_applicants(principal, organisation_id):
        raise Forbidden(
            "research applications are drafted and submitted by researchers and coordinators"
            " of the applicants' university"
        )


def reads_reviews(principal: Principal | None) -> bool:
    """Reviews and reviewers: staff and the advisory group, never the applicants."""
    return principal is not None and (principal.is_staff or Role.ADVISOR in principal.roles)


def reads_application(principal: Principal | None, organisation_id: str) -> bool:
    """A research application (the proposal, decision and released feedback): staff, the
    advisory group and the applicants' organisation."""
    return reads_reviews(principal) or (principal is not None and principal.org == organisation_id)
