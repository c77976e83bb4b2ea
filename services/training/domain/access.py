"""Who may read what (docs/architecture.md, Security): participants' personal data only staff
and the participant's own organisation."""

from __future__ import annotations

from services.common.auth import Principal


def may_see(principal: Principal | None, organisation_id: str) -> bool:
    """Personal data of participants: staff and the participant's own organisation only."""
    return principal is not None and (principal.is_staff or principal.org == organisation_id)
