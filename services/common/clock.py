"""Today's date for the services' rules (deadlines, case-number years, reports in arrears).

Production reads the system clock (UTC). Tests pin a day, so that no rule about deadlines
or years depends on the day, or the moment around midnight, at which the tests run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


class Clock:
    def __init__(self) -> None:
        self._pinned: date | None = None

    def today(self) -> date:
        return self._pinned if self._pinned is not None else datetime.now(UTC).date()

    def pin(self, day: date | None) -> None:
        """Makes `today()` answer `day` until unpinned with None (tests only)."""
        self._pinned = day


clock = Clock()
