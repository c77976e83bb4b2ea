"""The one refusal of a status change a lifecycle does not allow, alike in every service."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import TypeVar

from .errors import BadUserInput

Status = TypeVar("Status", bound=StrEnum)


def require_transition(
    kind: str,
    from_status: Status,
    to_status: Status,
    transitions: Mapping[Status, Collection[Status]],
    *,
    hint: str = "",
) -> None:
    """Refuses `from_status` → `to_status` unless `transitions` allows it: a BAD_USER_INPUT on
    the `status` field whose extensions name both statuses (`fromStatus`, `toStatus`), so a
    client can say what went wrong without reading the message. `kind` names the record in
    the message ("a draft report cannot become approved"); `hint`, if any, follows it."""
    if to_status not in transitions[from_status]:
        raise BadUserInput(
            f"a {from_status.value} {kind} cannot become {to_status.value}{hint}",
            field="status",
            fromStatus=from_status.value,
            toStatus=to_status.value,
        )
