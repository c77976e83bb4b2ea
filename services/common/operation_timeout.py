"""Stops an operation past its time through graphql-core's abort signal.

Cancelling the task that runs an operation (asyncio.timeout) also cancels resolver tasks
graphql-core has created but not yet started; their resolvers' coroutines are then never
awaited (a RuntimeWarning for each). An abort lets graphql-core stop at its next field and
cancel the resolvers it is awaiting itself, so every coroutine it made is settled.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from graphql import GraphQLError
from graphql.execution import AbortedGraphQLExecutionError
from graphql.pyutils import AbortController, AbortSignal
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

_signal: ContextVar[AbortSignal | None] = ContextVar("operation_abort_signal", default=None)


class OperationTimedOut(Exception):
    """The reason an operation was aborted: its time ran out."""


class AbortableExecution(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor, aborted by the time limit of the operation it runs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Strawberry passes no abort signal of its own: the operation's comes by context.
        if kwargs.get("abort_signal") is None:
            kwargs["abort_signal"] = _signal.get()
        super().__init__(*args, **kwargs)


@contextmanager
def time_limit(timeout_s: float) -> Iterator[AbortSignal]:
    """Aborts the operations executed within after `timeout_s`; the signal says whether."""
    controller = AbortController()
    token = _signal.set(controller.signal)
    timer = asyncio.get_running_loop().call_later(timeout_s, controller.abort, OperationTimedOut())
    try:
        yield controller.signal
    finally:
        timer.cancel()
        _signal.reset(token)


def is_timeout(error: GraphQLError) -> bool:
    """The error that stands for an operation aborted by its time limit."""
    original = error.original_error
    if isinstance(original, AbortedGraphQLExecutionError):
        original = original.reason
    return isinstance(original, OperationTimedOut)
