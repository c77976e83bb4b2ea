"""Wording shared by composition errors (Apollo's style: `subgraphs "a" and "b"`)."""

from __future__ import annotations

from collections.abc import Sequence


def subgraph_names(names: Sequence[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    if len(quoted) == 1:
        return f"subgraph {quoted[0]}"
    return "subgraphs " + ", ".join(quoted[:-1]) + " and " + quoted[-1]


def mismatch(renderings: Sequence[tuple[str, str]]) -> str:
    """`X in subgraph "a" but Y in subgraphs "b" and "c"` from (subgraph, rendering) pairs."""
    groups: dict[str, list[str]] = {}
    for subgraph, rendering in renderings:
        groups.setdefault(rendering, []).append(subgraph)
    parts = [f"{rendering} in {subgraph_names(names)}" for rendering, names in groups.items()]
    return parts[0] + "".join(f" but {p}" for p in parts[1:])
