"""How the subgraphs build their GraphQL output objects: from domain objects (fields taken from
the attributes of the same name, the audit trail, objects loaded by key or in lists) and as
stubs of the entities of other subgraphs they extend."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any, Self, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from .audit import AuditEntry, AuditEntryType

T = TypeVar("T")
M = TypeVar("M")


def _stored_fields(cls: type[Any]) -> frozenset[str]:
    """The fields an instance of a strawberry type is built with: every one without a
    resolver, private ones included."""
    return frozenset(f.name for f in dataclasses.fields(cls) if f.init)


def from_attributes(cls: type[T], source: object, **computed: Any) -> T:
    """`cls` with the fields `computed` gives, and every other one `source`'s attribute of
    the same name (IDs, dates, enums and their lists show as the domain holds them)."""
    names = _stored_fields(cls)
    if unknown := computed.keys() - names:
        raise TypeError(f"{cls.__name__} has no fields {sorted(unknown)}")
    return cls(**{n: computed[n] if n in computed else getattr(source, n) for n in names})


def audit_trail(entries: Iterable[AuditEntry]) -> list[AuditEntryType]:
    """An aggregate's audit entries as the `auditTrail` field shows them."""
    return [AuditEntryType.of(e) for e in entries]


async def load_shown(
    loader: DataLoader[str, M | None], key: object, show: Callable[[M], T]
) -> T | None:
    """The object `key` names as `show` shows it; None when there is none."""
    found = await loader.load(str(key))
    return None if found is None else show(found)


async def load_all_shown(
    loader: DataLoader[str, list[M] | None], key: object, show: Callable[[M], T]
) -> list[T]:
    """The objects listed under `key`, each as `show` shows it."""
    found = await loader.load(str(key))
    return [show(m) for m in found or []]


@strawberry.type
class ForeignEntity:
    """Base of another subgraph's entity that a subgraph extends: only its key, `id`, taken
    as given (the subclass adds this subgraph's fields, which load from the key)."""

    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        return cls(id=id)
