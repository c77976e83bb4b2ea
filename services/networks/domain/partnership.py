"""What the networks' rules need to know of a partnership (partnerships owns it).

The service's copy of a partnership satisfies this; the rules never depend on how it is
kept or which contract fed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

ACTIVE = "active"
"""The only status in which a partnership joins a network."""
CLOSED = "closed"
"""A closed partnership's memberships end."""


class Partnership(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def themes(self) -> Sequence[str]: ...

    @property
    def partner_countries(self) -> Sequence[str]:
        """Countries of the partners abroad."""
        ...

    @property
    def organisation_ids(self) -> Sequence[str]:
        """Every organisation of the partnership, the Swedish one first."""
        ...

    @property
    def started_on(self) -> date | None: ...
