"""Progressive @override: which side of each labelled override serves this request."""

from __future__ import annotations

import random
import re
from collections.abc import Collection

from ..supergraph import Supergraph

_PERCENT = re.compile(r"^percent\((?P<value>\d+(?:\.\d+)?)\)$")


class Overrides:
    """Knows every @override of a supergraph; decides the labelled ones per request.

    `percent(N)` labels are active for N % of requests, drawn independently per request;
    other labels are active when named in `active_labels` (configuration).
    """

    def __init__(self, supergraph: Supergraph, active_labels: Collection[str] = ()) -> None:
        self._active_labels = frozenset(active_labels)
        # (type, field, new owner, old owner, label)
        self._overrides: list[tuple[str, str, str, str, str | None]] = []
        for type_meta in supergraph.types.values():
            for field in type_meta.fields.values():
                for graph, in_graph in field.graphs.items():
                    if in_graph.override_from is not None:
                        self._overrides.append(
                            (
                                type_meta.name,
                                field.name,
                                graph,
                                in_graph.override_from,
                                in_graph.override_label,
                            )
                        )
        self.labels = sorted({o[4] for o in self._overrides if o[4] is not None})

    def decide(self) -> frozenset[str]:
        """The labels active for one request."""
        active = set()
        for label in self.labels:
            match = _PERCENT.match(label)
            if match is not None:
                if random.random() * 100 < float(match["value"]):
                    active.add(label)
            elif label in self._active_labels:
                active.add(label)
        return frozenset(active)

    def disabled(self, active: frozenset[str]) -> frozenset[tuple[str, str, str]]:
        """(type, field, subgraph) pairs that may not resolve the field under these labels."""
        result = set()
        for type_name, field, new, old, label in self._overrides:
            if label is None or label in active:
                result.add((type_name, field, old))
            else:
                result.add((type_name, field, new))
        return frozenset(result)
