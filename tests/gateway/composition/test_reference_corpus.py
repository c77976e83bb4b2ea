"""Our compose() against @apollo/composition on a corpus of subgraph sets (cases/<case>/).

Each case holds subgraph SDLs (<subgraph>.graphql, URL http://<subgraph>.example/graphql) and
Apollo's answer: supergraph.graphql or errors.txt (CODE<TAB>message lines). A case about the
services themselves holds only the answer: its SDLs are theirs with a few edits
(service_variants.py). Regenerate the answers with apollo_reference/regenerate.sh."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.composition import SubgraphSource, compose

from .service_variants import VARIANTS
from .supergraph_shape import outline

CASES = Path(__file__).parent / "cases"
SUCCESS = sorted(p.name for p in CASES.iterdir() if (p / "supergraph.graphql").exists())
FAILURE = sorted(p.name for p in CASES.iterdir() if (p / "errors.txt").exists())


def _subgraphs(case: str) -> list[SubgraphSource]:
    variant = VARIANTS.get(case)
    sdls = (
        variant.sdls()
        if variant is not None
        else {
            path.stem: path.read_text()
            for path in (CASES / case).glob("*.graphql")
            if path.name != "supergraph.graphql"
        }
    )
    return [
        SubgraphSource(name, f"http://{name}.example/graphql", sdl)
        for name, sdl in sorted(sdls.items())
    ]


def _reference(case: str) -> str:
    text = (CASES / case / "supergraph.graphql").read_text()
    header, _, sdl = text.partition("\n")
    assert header.startswith("# Composed by @apollo/composition ")
    return sdl


def test_corpus_is_complete() -> None:
    assert len(SUCCESS) >= 8
    assert len(FAILURE) >= 25
    assert not set(SUCCESS) & set(FAILURE)


@pytest.mark.parametrize("case", SUCCESS)
def test_supergraph_matches_apollo_outline(case: str) -> None:
    result = compose(_subgraphs(case))

    assert result.errors == ()
    assert result.supergraph_sdl is not None
    assert outline(result.supergraph_sdl) == outline(_reference(case))


@pytest.mark.parametrize("case", SUCCESS)
def test_supergraph_matches_apollo_text(case: str) -> None:
    result = compose(_subgraphs(case))

    assert result.supergraph_sdl == _reference(case)


@pytest.mark.parametrize("case", FAILURE)
def test_errors_match_apollo(case: str) -> None:
    expected = [
        tuple(line.split("\t", 1))
        for line in (CASES / case / "errors.txt").read_text().splitlines()
        if line
    ]

    result = compose(_subgraphs(case))

    assert result.supergraph_sdl is None
    assert sorted(e.code for e in result.errors) == sorted(code for code, _ in expected)
    ours = sorted(e.message for e in result.errors)
    # Syntax errors come from graphql-js's parser in the reference script, without the
    # "[subgraph] " prefix composition puts on every other subgraph error (such cases have
    # a single subgraph).
    prefix = f"[{_subgraphs(case)[0].name}] "
    theirs = sorted(
        message if message.startswith("[") or code != "INVALID_GRAPHQL" else prefix + message
        for code, message in expected
    )
    assert ours == theirs
