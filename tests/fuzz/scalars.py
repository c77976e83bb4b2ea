"""Values for the API's custom scalars: mostly well-formed ones, so that operations get past
input checks and reach the services' code, and some malformed ones that a careless client or
an attacker sends (each must be refused as the client's error, never fail inside)."""

from __future__ import annotations

from datetime import UTC

import graphql
from hypothesis import strategies as st
from schemathesis.graphql import nodes, scalar

Node = st.SearchStrategy[graphql.ValueNode]

MALFORMED_DATES = ["2026-02-30", "0000-01-01", "10000-01-01", "", "2026-1-1", "yesterday"]
MALFORMED_DATETIMES = ["2026-02-30T10:00:00", "2026-01-01T25:00:00", "", "now", "2026-01-01"]
MALFORMED_DECIMALS = ["NaN", "-Infinity", "1e999999", "0x10", "", "1,5", "9" * 400]


def _malformed(known: list[str]) -> Node:
    """Known bad spellings, any short text, and values of the wrong literal kind."""
    return st.one_of(
        st.sampled_from(known).map(nodes.String),
        st.text(max_size=12).map(nodes.String),
        st.integers().map(nodes.Int),
        st.booleans().map(nodes.Boolean),
    )


def _dates() -> Node:
    return st.dates().map(lambda day: day.isoformat()).map(nodes.String)


def _datetimes() -> Node:
    moments = st.datetimes(timezones=st.none() | st.just(UTC))
    return moments.map(lambda moment: moment.isoformat()).map(nodes.String)


def _decimals() -> Node:
    # Money and hours: as the console sends them ("12.50") and as bare numbers.
    finite = st.decimals(allow_nan=False, allow_infinity=False, places=2)
    return st.one_of(finite.map(nodes.String), st.integers().map(nodes.Int))


def _mostly(valid: Node, malformed: Node) -> Node:
    """One value in five malformed: an input has several scalars, and a single bad one stops
    the operation before the code behind it runs."""
    return st.integers(min_value=0, max_value=4).flatmap(lambda n: malformed if n == 0 else valid)


SCALARS: dict[str, Node] = {
    "Date": _mostly(_dates(), _malformed(MALFORMED_DATES)),
    "DateTime": _mostly(_datetimes(), _malformed(MALFORMED_DATETIMES)),
    "Decimal": _mostly(_decimals(), _malformed(MALFORMED_DECIMALS)),
}


def register() -> None:
    """Makes schemathesis generate these for the scalars (it knows no Decimal by itself)."""
    for name, strategy in SCALARS.items():
        scalar(name, strategy)
