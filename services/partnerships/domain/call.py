"""Calls: application rounds with an opening day, a deadline and an optional extension.

ICLD's rounds run e.g. 15 Feb–15 Mar and 15 Sep–15 Oct, and a deadline was once extended
(to 26 Mar 2018), so a call keeps its deadline and its extension apart (docs/domain.md).
All days are calendar days in UTC; the opening day and the last day both count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum

from pydantic import computed_field

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.validation import clean_text

DEFAULT_PROGRAMME = "municipal_partnership"
_PROGRAMME = re.compile(r"^[a-z][a-z0-9_]{1,49}$")


class ApplicationKind(StrEnum):
    """What an application asks for: inception, project, steering group (docs/domain.md)."""

    INCEPTION = "inception"
    PROJECT = "project"
    STEERING_GROUP = "steering_group"


class Call(Audited):
    title: str
    programme: str
    allowed_types: list[ApplicationKind]
    opens_on: date
    closes_on: date
    extended_to: date | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def open_until(self) -> date:
        """The last day applications are taken: the extension if any, else the deadline.

        Stored with the call (derived, never read back) so `openOn` filters in the database.
        """
        return self.extended_to or self.closes_on

    def is_open(self, on: date) -> bool:
        return self.opens_on <= on <= self.open_until


def _programme(value: str) -> str:
    text = clean_text(value, "programme", max_length=50)
    if not _PROGRAMME.match(text):
        raise BadUserInput(
            f"{value!r} is not a programme code (lower case letters, digits, '_')",
            field="programme",
        )
    return text


def _allowed_types(types: Sequence[ApplicationKind]) -> list[ApplicationKind]:
    if not types:
        raise BadUserInput("a call takes at least one application type", field="allowedTypes")
    return list(dict.fromkeys(types))


def _check_dates(
    opens_on: date, closes_on: date, extended_to: date | None, *, field: str, extension_field: str
) -> None:
    if closes_on < opens_on:
        raise BadUserInput("a call cannot close before it opens", field=field)
    if extended_to is not None and extended_to <= closes_on:
        raise BadUserInput(
            f"the extension ({extended_to.isoformat()}) must end after the deadline"
            f" ({closes_on.isoformat()})",
            field=extension_field,
        )


def open_call(
    call_id: str,
    *,
    title: str,
    programme: str,
    allowed_types: Sequence[ApplicationKind],
    opens_on: date,
    closes_on: date,
    extended_to: date | None,
    actor: str,
) -> Call:
    call = Call(
        id=call_id,
        version=1,
        title=clean_text(title, "title"),
        programme=_programme(programme),
        allowed_types=_allowed_types(allowed_types),
        opens_on=opens_on,
        closes_on=closes_on,
        extended_to=extended_to,
    )
    _check_dates(opens_on, closes_on, extended_to, field="closesOn", extension_field="extendedTo")
    call.record(actor, "created")
    return call


def change_details(
    actor: str,
    *,
    title: str | None,
    programme: str | None,
    allowed_types: Sequence[ApplicationKind] | None,
    opens_on: date | None,
    closes_on: date | None,
) -> Callable[[Call], None]:
    """Validates the given fields now; the dates again, with the call's others, in the change."""
    changes: dict[str, object] = {}
    if title is not None:
        changes["title"] = clean_text(title, "title")
    if programme is not None:
        changes["programme"] = _programme(programme)
    if allowed_types is not None:
        changes["allowed_types"] = _allowed_types(allowed_types)
    if opens_on is not None:
        changes["opens_on"] = opens_on
    if closes_on is not None:
        changes["closes_on"] = closes_on

    def apply(call: Call) -> None:
        _check_dates(
            opens_on or call.opens_on,
            closes_on or call.closes_on,
            call.extended_to,
            field="closesOn" if closes_on is not None else "opensOn",
            extension_field="closesOn",
        )
        for key, value in changes.items():
            setattr(call, key, value)
        call.record(actor, "details changed", note=", ".join(sorted(changes)) or None)

    return apply


def extend(actor: str, extended_to: date, note: str | None) -> Callable[[Call], None]:
    """Moves the last day later: after the deadline, and after an earlier extension."""
    clean_note = clean_text(note, "note", max_length=1000, required=False) if note else None

    def apply(call: Call) -> None:
        if extended_to <= call.closes_on:
            raise BadUserInput(
                f"an extension must end after the deadline {call.closes_on.isoformat()}",
                field="extendedTo",
            )
        if call.extended_to is not None and extended_to <= call.extended_to:
            raise BadUserInput(
                f"the call is already extended to {call.extended_to.isoformat()}:"
                " an extension only moves the last day later",
                field="extendedTo",
            )
        previous = call.open_until
        call.extended_to = extended_to
        call.record(
            actor,
            "extended",
            note=clean_note or f"{previous.isoformat()} → {extended_to.isoformat()}",
        )

    return apply
