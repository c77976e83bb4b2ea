"""Entities of other subgraphs that partnerships extends: none. Partnerships owns the
entities the others extend (`Organisation`, `Person`, `Partnership`, `Visit`, `Call`,
`Application`) and needs no field of theirs."""

from __future__ import annotations

ENTITIES: tuple[type, ...] = ()
"""The foreign entity stubs the schema declares (`build_schema(types=...)`)."""
