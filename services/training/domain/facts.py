"""What a domain change reports as having happened, for the use cases to announce.

The domain knows no contract: a change returns facts, and the use-case layer
(services/training/commands/outbox.py) turns each into the event other services read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from services.common.store import Aggregate


class Fact:
    """Something that happened to an aggregate that others hear of."""


A = TypeVar("A", bound=Aggregate)

DomainChange = Callable[[A], Sequence[Fact]]
"""Mutates the aggregate in place (its version already bumped) and returns what happened."""
